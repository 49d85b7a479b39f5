// One place that fetches ECharts and keeps the charts drawn in page elements (zone map, chain graph,
// commitment figures). echarts.min.js is large, so it is fetched only by a page that draws a chart,
// and only once. Each element gets one chart, resized with the element and disposed with the page.

let loading = null;
const charts = new WeakMap();

function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = 'lib/echarts/echarts.min.js';
      script.onload = () => resolve(window.echarts);
      script.onerror = () => { loading = null; reject(new Error('lib/echarts/echarts.min.js could not be loaded')); };
      document.head.appendChild(script);
    });
  }
  return loading;
}

/**
 * The state of the chart in el — { chart, ... } — created on first use. onClick(params, state) hears
 * every click; the module keeps what it needs between renders (its .NET reference, its data) on state.
 */
export async function chartIn(el, onClick) {
  const echarts = await loadECharts();
  let state = charts.get(el);
  if (!state) {
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    state = { chart, observer };
    if (onClick) chart.on('click', p => onClick(p, state));
    charts.set(el, state);
  }
  return state;
}

/** The chart already drawn in el, if any. */
export function existingChart(el) {
  return charts.get(el);
}

export function disposeChart(el) {
  const state = charts.get(el);
  if (!state) return;
  state.observer.disconnect();
  state.chart.dispose();
  charts.delete(el);
}
