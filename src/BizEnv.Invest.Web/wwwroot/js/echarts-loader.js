// One place that fetches ECharts for the modules that draw charts (zone map, commitment figures).
// echarts.min.js is large, so it is fetched only by a page that draws a chart, and only once.

let loading = null;

export function loadECharts() {
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
