import { el, displayText } from './support.js';

// ECharts (webjar org.webjars.npm:echarts; the versionless address is resolved by the server's
// webjars locator), loaded on first use only, so a page without charts never downloads its megabyte.
const LIBRARY = '/webjars/echarts/dist/echarts.esm.min.js';
let library = null;
function loadLibrary() {
  if (!library) library = import(LIBRARY);
  return library;
}

const FALLBACK_PALETTE = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

function token(element, name, fallback) {
  const value = getComputedStyle(element).getPropertyValue(name).trim();
  return value || fallback;
}

function rowsOf(data) {
  if (Array.isArray(data)) return data.filter((row) => row !== null && typeof row === 'object');
  return [];
}

function numeric(value) {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** The category key and value keys to plot, defaulting to the first key and every numeric key. */
function axes(props, rows) {
  const first = rows[0] || {};
  const keys = Object.keys(first);
  const x = props.x || keys[0] || null;
  let y = (Array.isArray(props.y) ? props.y : []).map(displayText).filter((key) => key !== '');
  if (y.length === 0) y = keys.filter((key) => key !== x && numeric(first[key]) !== null);
  return { x, y };
}

const DESCRIBED_POINTS = 50;

/** What a screen reader hears instead of the canvas: the kind, the title and the first points. */
function describe(props, rows, categories, y) {
  const kindName = props.chartType === 'pie' ? 'Pie' : props.chartType === 'line' ? 'Line' : 'Bar';
  const keys = props.chartType === 'pie' ? y.slice(0, 1) : y;
  const points = rows.slice(0, DESCRIBED_POINTS).map((row, index) =>
    categories[index] + ': ' + keys.map((key) => key + ' ' + displayText(row[key])).join(', '));
  const more = rows.length > DESCRIBED_POINTS ? '; and ' + (rows.length - DESCRIBED_POINTS) + ' more' : '';
  return kindName + ' chart' + (props.title ? ' "' + props.title + '"' : '') + ' of ' + rows.length
    + (rows.length === 1 ? ' point' : ' points') + (points.length ? ': ' + points.join('; ') : '') + more + '.';
}

function option(props, rows, element) {
  const { x, y } = axes(props, rows);
  const text = token(element, '--ty-text', '#1f2937');
  const border = token(element, '--ty-border', '#d1d5db');
  const font = token(element, '--ty-font', 'system-ui, sans-serif');
  const palette = [token(element, '--ty-brand', FALLBACK_PALETTE[0])].concat(FALLBACK_PALETTE.slice(1));
  const base = {
    animation: false,
    color: palette,
    aria: { enabled: true, label: { description: '' } },
    textStyle: { color: text, fontFamily: font },
    title: props.title ? { text: props.title, left: 'center', textStyle: { color: text, fontSize: 14, fontWeight: 600 } } : undefined,
    // Tooltips drawn on the canvas: the HTML tooltip is markup with style attributes (refused by
    // a strict CSP) built from the data's text.
    tooltip: { trigger: props.chartType === 'pie' ? 'item' : 'axis', confine: true, renderMode: 'richText' }
  };
  const categories = rows.map((row) => displayText(x === null ? '' : row[x]));
  base.aria.label.description = describe(props, rows, categories, y);
  if (props.chartType === 'pie') {
    const key = y[0];
    return Object.assign(base, {
      legend: { type: 'scroll', bottom: 0, textStyle: { color: text } },
      series: [{
        type: 'pie',
        name: key || '',
        radius: ['0%', '65%'],
        data: rows.map((row, index) => ({ name: categories[index], value: key === undefined ? null : numeric(row[key]) }))
      }]
    });
  }
  return Object.assign(base, {
    legend: y.length > 1 ? { top: props.title ? 24 : 0, textStyle: { color: text } } : undefined,
    grid: { left: 8, right: 16, top: props.title || y.length > 1 ? 56 : 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLine: { lineStyle: { color: border } }, axisLabel: { color: text } },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: border } }, axisLabel: { color: text } },
    series: y.map((key) => ({
      type: props.chartType === 'line' ? 'line' : 'bar',
      name: key,
      data: rows.map((row) => numeric(row[key]))
    }))
  });
}

export default {
  create(host) {
    const root = host.element;
    root.classList.add('ty-component', 'ty-chart');
    const canvas = el('div', { className: 'ty-chart-canvas' });
    const failure = el('div', { className: 'ty-chart-error', attrs: { role: 'alert' } });
    failure.hidden = true;
    root.replaceChildren(canvas, failure);
    let chart = null;
    let props = null;
    let rows = [];
    let destroyed = false;
    const resize = new ResizeObserver(() => {
      if (chart) chart.resize();
    });
    resize.observe(root);

    function render() {
      if (!chart || !props) return;
      rows = rowsOf(props.data);
      chart.setOption(option(props, rows, root), { notMerge: true });
      root.dataset.rendered = String(rows.length);
    }

    loadLibrary().then((echarts) => {
      if (destroyed) return;
      // Canvas, not SVG: the SVG renderer writes style attributes, which a CSP without
      // 'unsafe-inline' styles (the console's, and the harness's) refuses.
      chart = echarts.init(canvas, null, { renderer: 'canvas' });
      chart.on('click', (params) => {
        const point = {
          name: params.name,
          seriesName: params.seriesName,
          value: params.value === undefined ? null : params.value,
          dataIndex: params.dataIndex,
          row: rows[params.dataIndex] === undefined ? null : rows[params.dataIndex]
        };
        host.setOutputs({ selectedPoint: point });
        host.emit('pointClick', point);
      });
      render();
    }, (error) => {
      failure.textContent = 'The chart library could not be loaded: ' + error.message;
      failure.hidden = false;
    });
    host.setOutputs({ selectedPoint: null });

    return {
      update(next) {
        props = next;
        render();
      },
      destroy() {
        destroyed = true;
        resize.disconnect();
        if (chart) chart.dispose();
        root.replaceChildren();
      }
    };
  }
};
