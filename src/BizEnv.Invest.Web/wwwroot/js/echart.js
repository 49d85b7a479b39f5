// A plain ECharts chart whose whole option comes from the page (the EChart component): the server
// decides series, colours and words in the reader's language; this module only draws, follows the
// element's size and cleans up.
import { loadECharts } from './echarts-loader.js';

const charts = new WeakMap();

/** Draws (or redraws, replacing the previous option) the chart in el. */
export async function render(el, option) {
  const echarts = await loadECharts();
  let state = charts.get(el);
  if (!state) {
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    state = { chart, observer };
    charts.set(el, state);
  }
  state.chart.setOption(option, true);
  el.dataset.rendered = 'true';
}

export function dispose(el) {
  const state = charts.get(el);
  if (!state) return;
  state.observer.disconnect();
  state.chart.dispose();
  charts.delete(el);
}
