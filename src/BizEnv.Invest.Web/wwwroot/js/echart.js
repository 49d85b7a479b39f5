// A plain ECharts chart whose whole option comes from the page (the EChart component): the server
// decides series, colours and words in the reader's language; this module only draws, follows the
// element's size and cleans up.
import { chartIn, disposeChart } from './echarts-host.js';

/** Draws (or redraws, replacing the previous option) the chart in el. */
export async function render(el, option) {
  const state = await chartIn(el);
  state.chart.setOption(option, true);
  el.dataset.rendered = 'true';
}

export function dispose(el) {
  disposeChart(el);
}
