// The chain graph 产业链图谱 (an ES module the /chains/{id} page imports).
// Nodes come with fixed columns and rows from the server (upstream → downstream, left to right), so a
// chain of 200 nodes stays readable: no force layout. Colour = status under the chain's thresholds
// (strong green, weak amber, missing = a hollow red ring), size = signed local investment. Hovering a
// node lights up its suppliers and customers; clicking one tells the page which, through the
// DotNetObjectReference it passed in. The element grows with the tallest column and the number of columns.

import { chartIn, existingChart, disposeChart } from './echarts-host.js';

const COLORS = { Strong: '#198754', Weak: '#fd7e14', Missing: '#dc3545' };
// A row fits the largest node and its label beneath; a column is as wide as the room allows, never under MIN_COLUMN_PX.
const ROW_PX = 60;
const MIN_COLUMN_PX = 84;
const MAX_COLUMN_PX = 170;


function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
}

/** Bigger for more signed local investment (yuan), on a square-root scale so one giant does not dwarf the rest. */
function sizeOf(investment) {
  const yi = Math.max(0, investment) / 1e8;
  return Math.round(16 + Math.min(26, Math.sqrt(yi) * 5));
}

function option(graph, labels, columnPx) {
  const nodes = graph.nodes.map(n => {
    const missing = n.status === 'Missing';
    return {
      id: n.id, name: n.name, value: [n.column, n.row], symbolSize: sizeOf(n.investment), node: n,
      itemStyle: missing
        ? { color: '#fff', borderColor: COLORS.Missing, borderWidth: 2.5, borderType: 'dashed' }
        : { color: COLORS[n.status], borderColor: '#fff', borderWidth: 1.5 },
    };
  });
  const columnOf = new Map(graph.nodes.map(n => [n.id, n.column]));
  const edges = graph.edges.map(e => ({
    source: e.from, target: e.to,
    // Edges that run backwards or skip columns curve, so they do not hide behind the nodes in between.
    lineStyle: { curveness: columnOf.get(e.to) - columnOf.get(e.from) === 1 ? 0 : 0.25 },
  }));
  const tooltip = n =>
    '<strong>' + escapeHtml(n.name) + '</strong> · ' + escapeHtml(n.statusText) + '<br/>' +
    escapeHtml(labels.segment) + '：' + escapeHtml(n.segmentText) + '<br/>' +
    escapeHtml(labels.firms) + '：' + n.firms + '　' + escapeHtml(labels.investment) + '：' + escapeHtml(n.investmentText) + '<br/>' +
    escapeHtml(labels.targets) + '：' + n.targets + (n.codes ? '<br/>' + escapeHtml(labels.codes) + '：' + escapeHtml(n.codes) : '');
  return {
    animation: false,
    tooltip: {
      trigger: 'item', confine: true, transitionDuration: 0,
      formatter: p => (p.dataType === 'node' && p.data.node ? tooltip(p.data.node) : ''),
    },
    // Columns and rows on hidden value axes, half a column/row of margin around: the element is sized
    // so that a column is at least MIN_COLUMN_PX wide and a row ROW_PX high (a wide chain scrolls sideways).
    grid: { left: 0, right: 0, top: 4, bottom: 4 },
    xAxis: { type: 'value', show: false, min: -0.5, max: Math.max(1, graph.columns) - 0.5 },
    yAxis: { type: 'value', show: false, inverse: true, min: -0.5, max: Math.max(1, graph.rows) - 0.5 },
    series: [{
      type: 'graph', layout: 'none', coordinateSystem: 'cartesian2d',
      selectedMode: 'single', cursor: 'pointer',
      data: nodes, edges,
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: [0, 7],
      lineStyle: { color: '#adb5bd', width: 1.2, opacity: 0.9 },
      label: {
        show: true, position: 'bottom', distance: 3, fontSize: 11, color: '#212529', width: columnPx - 8, overflow: 'truncate',
        textBorderColor: '#fff', textBorderWidth: 3,
      },
      labelLayout: { hideOverlap: true },
      emphasis: { focus: 'adjacency', lineStyle: { width: 2.5, color: '#0d6efd' }, label: { fontWeight: 'bold' } },
      select: { itemStyle: { borderColor: '#0d6efd', borderWidth: 4, borderType: 'solid' }, label: { fontWeight: 'bold', color: '#0d6efd' } },
    }],
  };
}

/** Draws (or redraws) the chain in el; graph = { columns, rows, nodes, edges } from the page, labels its words in the user's language. */
export async function render(el, graph, labels, dotnet, selectedId) {
  const room = (el.parentElement ? el.parentElement.clientWidth : el.clientWidth) || 800;
  const columns = Math.max(1, graph.columns);
  const columnPx = Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, Math.floor(room / columns)));
  el.style.width = columnPx * columns > room ? columnPx * columns + 'px' : '100%';
  el.style.height = Math.max(240, Math.max(1, graph.rows) * ROW_PX + 8) + 'px';
  const state = await chartIn(el, (p, st) => {
    if (p.dataType === 'node' && p.data && p.data.id && st.dotnet) st.dotnet.invokeMethodAsync('NodeClicked', p.data.id);
  });
  state.dotnet = dotnet;
  state.graph = graph;
  state.chart.resize();
  state.chart.setOption(option(graph, labels, columnPx), true);
  el.dataset.nodes = String(graph.nodes.length);
  select(el, selectedId);
}

/** Marks the chosen node (or none). */
export function select(el, id) {
  const state = existingChart(el);
  if (!state || !state.graph) return;
  state.chart.dispatchAction({ type: 'unselect', seriesIndex: 0, dataIndex: state.graph.nodes.map((_, i) => i), dataType: 'node' });
  const index = id ? state.graph.nodes.findIndex(n => n.id === id) : -1;
  if (index >= 0) state.chart.dispatchAction({ type: 'select', seriesIndex: 0, dataIndex: index, dataType: 'node' });
  el.dataset.selected = index >= 0 ? id : '';
}

export function dispose(el) {
  disposeChart(el);
}
