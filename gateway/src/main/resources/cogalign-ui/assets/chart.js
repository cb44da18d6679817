// Charts drawn as SVG: one circle per plotted point, the figure says how many it plots.

import {h, s, table} from './dom.js';
import {number, percent} from './format.js';

const WIDTH = 560;
const HEIGHT = 220;
const PAD = {left: 64, right: 16, top: 12, bottom: 36};

/**
 * A figure with an <svg data-testid=testid data-points=N> of `series` ([{name, points: [{x, y}]}]),
 * a legend and the values as a table for screen readers and keyboard users.
 */
export function lineChart({testid, title, xLabel = 'step', series}) {
  const plotted = series.filter((line) => line.points.length > 0);
  const all = plotted.flatMap((line) => line.points);
  const figure = h('figure', {class: 'chart'}, h('figcaption', {}, title));
  if (all.length === 0) {
    // still the <svg> the contract names, with no point in it
    figure.append(s('svg', {
      'data-testid': testid, 'data-points': 0, viewBox: `0 0 ${WIDTH} 40`, role: 'img',
      'aria-label': `${title}: no step logged yet`, class: 'chart-plot',
    }, s('text', {class: 'tick', x: 8, y: 24}, 'No step logged yet.')));
    return figure;
  }
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  if (y0 === y1) [y0, y1] = [y0 - Math.abs(y0 || 1) * 0.1, y1 + Math.abs(y1 || 1) * 0.1];
  const px = (x) => PAD.left + ((x - x0) / (x1 - x0)) * (WIDTH - PAD.left - PAD.right);
  const py = (y) => HEIGHT - PAD.bottom - ((y - y0) / (y1 - y0)) * (HEIGHT - PAD.top - PAD.bottom);

  const svg = s('svg', {
    'data-testid': testid, 'data-points': all.length, viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img', 'aria-label': describe(title, plotted), class: 'chart-plot',
  });
  for (const y of [y0, (y0 + y1) / 2, y1]) {
    svg.append(
      s('line', {class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: py(y), y2: py(y)}),
      s('text', {class: 'tick', x: PAD.left - 6, y: py(y) + 4, 'text-anchor': 'end'}, number(y, 3)));
  }
  for (const x of ticks(x0, x1)) {
    svg.append(s('text', {class: 'tick', x: px(x), y: HEIGHT - PAD.bottom + 16, 'text-anchor': 'middle'}, String(x)));
  }
  svg.append(
    s('line', {class: 'axis', x1: PAD.left, x2: WIDTH - PAD.right, y1: HEIGHT - PAD.bottom, y2: HEIGHT - PAD.bottom}),
    s('line', {class: 'axis', x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: HEIGHT - PAD.bottom}),
    s('text', {class: 'tick', x: (PAD.left + WIDTH - PAD.right) / 2, y: HEIGHT - 4, 'text-anchor': 'middle'}, xLabel));
  plotted.forEach((line, index) => {
    const points = [...line.points].sort((a, b) => a.x - b.x);
    const group = s('g', {class: `series series-${index % 6}`, 'data-series': line.name});
    group.append(s('polyline', {points: points.map((p) => `${px(p.x)},${py(p.y)}`).join(' ')}));
    for (const p of points) {
      group.append(s('circle', {cx: px(p.x), cy: py(p.y), r: 3},
        s('title', {}, `${line.name}, ${xLabel} ${p.x}: ${number(p.y)}`)));
    }
    svg.append(group);
  });
  figure.append(svg);
  if (plotted.length > 1) {
    figure.append(h('ul', {class: 'legend'}, plotted.map((line, index) =>
      h('li', {class: `series-${index % 6}`}, h('span', {class: 'swatch', 'aria-hidden': 'true'}), line.name))));
  }
  figure.append(h('details', {}, h('summary', {}, 'Values'),
    table(`${testid}-values`, null, [xLabel, ...plotted.map((line) => line.name)], rowsOf(plotted))));
  return figure;
}

function rowsOf(series) {
  const xs = [...new Set(series.flatMap((line) => line.points.map((p) => p.x)))].sort((a, b) => a - b);
  return xs.map((x) => [String(x), ...series.map((line) => number(line.points.find((p) => p.x === x)?.y))]);
}

function ticks(x0, x1) {
  const span = x1 - x0;
  if (span <= 8) return Array.from({length: Math.floor(span) + 1}, (_, i) => Math.ceil(x0) + i).filter((x) => x <= x1);
  const step = Math.ceil(span / 6);
  const out = [];
  for (let x = Math.ceil(x0); x <= x1; x += step) out.push(x);
  return out;
}

function describe(title, series) {
  return series.map((line) => {
    const first = line.points[0];
    const last = line.points[line.points.length - 1];
    return `${title}, ${line.name}: ${line.points.length} points, from ${number(first.y)} to ${number(last.y)}`;
  }).join('; ');
}

/**
 * A figure with an <svg data-testid=testid data-points=N>: one point per category (`points`:
 * [{label, y, low, high}], values in [0, 1]) with its interval as a whisker, the values as a table.
 */
export function intervalChart({testid, title, yLabel, points, empty}) {
  const figure = h('figure', {class: 'chart'}, h('figcaption', {}, title));
  if (points.length === 0) {
    figure.append(h('p', {class: 'muted', 'data-testid': testid, 'data-points': 0}, empty));
    return figure;
  }
  const slot = (WIDTH - PAD.left - PAD.right) / points.length;
  const px = (index) => PAD.left + slot * (index + 0.5);
  const py = (y) => HEIGHT - PAD.bottom - y * (HEIGHT - PAD.top - PAD.bottom);
  const svg = s('svg', {
    'data-testid': testid, 'data-points': points.length, viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img', class: 'chart-plot interval-plot',
    'aria-label': `${title}: ${points.map((p) => `${p.label} ${percent(p.y)} (${percent(p.low)} to ${percent(p.high)})`).join('; ')}`,
  });
  for (const y of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(
      s('line', {class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: py(y), y2: py(y)}),
      s('text', {class: 'tick', x: PAD.left - 6, y: py(y) + 4, 'text-anchor': 'end'}, percent(y)));
  }
  svg.append(
    s('line', {class: 'axis', x1: PAD.left, x2: WIDTH - PAD.right, y1: HEIGHT - PAD.bottom, y2: HEIGHT - PAD.bottom}),
    s('line', {class: 'axis', x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: HEIGHT - PAD.bottom}),
    s('text', {class: 'tick', x: 14, y: (PAD.top + HEIGHT - PAD.bottom) / 2, 'text-anchor': 'middle',
      transform: `rotate(-90 14 ${(PAD.top + HEIGHT - PAD.bottom) / 2})`}, yLabel));
  points.forEach((p, index) => {
    const x = px(index);
    const group = s('g', {class: `series series-${index % 6}`, 'data-series': p.label});
    group.append(
      s('line', {class: 'whisker', x1: x, x2: x, y1: py(p.low), y2: py(p.high)}),
      s('line', {class: 'whisker', x1: x - 8, x2: x + 8, y1: py(p.low), y2: py(p.low)}),
      s('line', {class: 'whisker', x1: x - 8, x2: x + 8, y1: py(p.high), y2: py(p.high)}),
      s('circle', {cx: x, cy: py(p.y), r: 5},
        s('title', {}, `${p.label}: ${percent(p.y)}, 95% interval ${percent(p.low)} to ${percent(p.high)}`)),
      s('text', {class: 'tick', x, y: HEIGHT - PAD.bottom + 16, 'text-anchor': 'middle'}, p.label));
    svg.append(group);
  });
  figure.append(svg, h('details', {}, h('summary', {}, 'Values'),
    table(`${testid}-values`, null, ['', yLabel, '95% interval'],
      points.map((p) => [p.label, percent(p.y), `${percent(p.low)} to ${percent(p.high)}`]))));
  return figure;
}
