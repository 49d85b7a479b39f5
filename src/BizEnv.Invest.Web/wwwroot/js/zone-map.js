// The investment map 招商地图 (an ES module the /map page imports).
// There is no offline base map of China, so the zones are drawn at their lng/lat on a plain value-axis
// grid over a small hand-made outline of the fictional 海川市 — a schematic, not a survey map.
// Circles are sized by the land still available and coloured by the share of the 20-item checklist
// that is ready; a zone's outline (its polygon, when it has one) is tinted the same way. Clicking a
// circle or an outline tells the page which zone, through the DotNetObjectReference it passed in.

import { chartIn, existingChart, disposeChart } from './echarts-host.js';

const EXTENT = { lngMin: 121.2, lngMax: 121.75, latMin: 29.7, latMax: 30.1 };

// 海川市, drawn by hand around the demo zones (schematic).
const CITY_OUTLINE = [
  [121.22, 29.74], [121.30, 29.71], [121.42, 29.72], [121.52, 29.76], [121.60, 29.80], [121.70, 29.83], [121.73, 29.88],
  [121.70, 29.94], [121.66, 29.99], [121.60, 30.04], [121.52, 30.08], [121.42, 30.09], [121.33, 30.06], [121.26, 30.00],
  [121.22, 29.92], [121.21, 29.83],
];

// Red (little ready) → amber → green (all ready), the same stops as the legend.
const STOPS = ['#dc3545', '#fd7e14', '#ffc107', '#20c997', '#198754'];


function hex(c) { return [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16)); }

function shareColor(share) {
  const s = Math.max(0, Math.min(1, share)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(s));
  const a = hex(STOPS[i]), b = hex(STOPS[i + 1]), t = s - i;
  return 'rgb(' + a.map((v, k) => Math.round(v + (b[k] - v) * t)).join(',') + ')';
}

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
}

function parsePolygon(json) {
  if (!json) return null;
  try {
    const points = JSON.parse(json);
    return Array.isArray(points) && points.length >= 3 && points.every(p => Array.isArray(p) && p.length >= 2) ? points : null;
  } catch {
    return null;
  }
}

function polygonItem(api, points, style) {
  return { type: 'polygon', shape: { points: points.map(p => api.coord(p)) }, style };
}

function option(zones, labels) {
  const shaped = zones.map(z => ({ ...z, points: parsePolygon(z.polygon) })).filter(z => z.points);
  const tooltip = z =>
    '<strong>' + escapeHtml(z.name) + '</strong><br/>' + escapeHtml(z.park) + '<br/>' +
    escapeHtml(labels.available) + '：' + escapeHtml(z.availableText) + '<br/>' +
    escapeHtml(labels.readiness) + '：' + escapeHtml(z.readyText);
  return {
    animation: false,
    grid: { left: 64, right: 20, top: 40, bottom: 48 },
    tooltip: { trigger: 'item', confine: true, transitionDuration: 0, formatter: p => (p.data && p.data.zone ? tooltip(p.data.zone) : '') },
    xAxis: {
      type: 'value', min: EXTENT.lngMin, max: EXTENT.lngMax, interval: 0.1, name: labels.lng, nameLocation: 'middle', nameGap: 26,
      axisLabel: { formatter: v => v.toFixed(1) + '°E', color: '#6c757d' }, splitLine: { lineStyle: { type: 'dashed', color: '#e9ecef' } },
    },
    yAxis: {
      type: 'value', min: EXTENT.latMin, max: EXTENT.latMax, interval: 0.1, name: labels.lat, nameLocation: 'middle', nameGap: 48,
      axisLabel: { formatter: v => v.toFixed(1) + '°N', color: '#6c757d' }, splitLine: { lineStyle: { type: 'dashed', color: '#e9ecef' } },
    },
    visualMap: {
      type: 'continuous', seriesIndex: 2, dimension: 2, min: 0, max: 1, calculable: false, orient: 'horizontal',
      right: 20, top: 4, itemHeight: 140, itemWidth: 10, text: [labels.high, labels.low], textGap: 6,
      inRange: { color: STOPS }, textStyle: { color: '#495057', fontSize: 11 },
    },
    graphic: [{
      type: 'text', left: 72, top: 46, silent: true,
      style: { text: labels.outline + '\n' + labels.schematic, fill: '#868e96', fontSize: 11, lineHeight: 16 },
    }],
    series: [
      {
        name: 'outline', type: 'custom', silent: true, coordinateSystem: 'cartesian2d', data: [[CITY_OUTLINE[0][0], CITY_OUTLINE[0][1]]], z: 1,
        renderItem: (params, api) => polygonItem(api, CITY_OUTLINE, { fill: 'rgba(13,110,253,0.05)', stroke: '#adb5bd', lineWidth: 1.5, lineDash: [6, 4] }),
      },
      {
        name: 'zone-outlines', type: 'custom', coordinateSystem: 'cartesian2d', z: 2,
        data: shaped.map(z => ({ value: [z.lng, z.lat], id: z.id, zone: z })),
        renderItem: (params, api) => {
          const z = shaped[params.dataIndex];
          const color = shareColor(z.share);
          return polygonItem(api, z.points, { fill: color, opacity: 0.28, stroke: color, lineWidth: 1.5 });
        },
      },
      {
        name: 'zones', type: 'scatter', z: 3, cursor: 'pointer',
        data: zones.map(z => ({ value: [z.lng, z.lat, z.share], id: z.id, name: z.name, zone: z })),
        symbolSize: (value, p) => 10 + Math.sqrt(Math.max(0, p.data.zone.availableMu)) * 0.9,
        itemStyle: { borderColor: '#fff', borderWidth: 1.5, shadowBlur: 4, shadowColor: 'rgba(0,0,0,0.25)' },
        label: { show: true, position: 'right', formatter: p => p.data.name, fontSize: 11, color: '#212529', textBorderColor: '#fff', textBorderWidth: 3 },
        labelLayout: { hideOverlap: true },
        emphasis: { scale: 1.25, itemStyle: { borderColor: '#0d6efd', borderWidth: 3 }, label: { fontWeight: 'bold' } },
      },
    ],
  };
}

/** Draws (or redraws) the map in el; zones are plain objects from the page, labels its words in the user's language. */
export async function render(el, zones, labels, dotnet, selectedId) {
  const state = await chartIn(el, (p, st) => {
    const id = p.data && p.data.id;
    if (id && st.dotnet) st.dotnet.invokeMethodAsync('ZoneClicked', id);
  });
  state.dotnet = dotnet;
  state.zones = zones;
  state.chart.setOption(option(zones, labels), true);
  el.dataset.zones = String(zones.length);
  select(el, selectedId);
}

/** Marks the chosen zone's circle (or none). */
export function select(el, id) {
  const state = existingChart(el);
  if (!state || !state.zones) return;
  state.chart.dispatchAction({ type: 'downplay', seriesIndex: 2 });
  const index = id ? state.zones.findIndex(z => z.id === id) : -1;
  if (index >= 0) state.chart.dispatchAction({ type: 'highlight', seriesIndex: 2, dataIndex: index });
}

export function dispose(el) {
  disposeChart(el);
}
