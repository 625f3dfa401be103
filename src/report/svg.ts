// Small hand-written SVG charts (lines, stacked bars, grouped bars) with deterministic bytes.
import type { ChartSpec, Marker } from '../model/paperTables/index.ts';

const W = 720;
const H = 420;
const M = { left: 70, right: 170, top: 40, bottom: 90 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
/** Colour-blind-safe palette (Okabe–Ito). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

/** Marker shapes; with 8 colours and 6 shapes the first 24 lines all differ in colour or shape, and each line in
 * one chart gets its own colour (up to 8) and its own marker, unless its series names them (`colour`, `marker`). */
const MARKERS: readonly Marker[] = ['circle', 'square', 'triangle', 'diamond', 'triangle-down', 'cross'];

const n = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A tick label with 3 significant digits: 1e-4 prints as 0.0001, never "0"; whole numbers from 1000 up. */
export function tickLabel(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  return String(Number(x.toPrecision(3)));
}

/** The colour of series `i`: its own `colour` index, else the i-th of the palette. */
function seriesColour(i: number, colour?: number): string {
  return PALETTE[(colour ?? i) % PALETTE.length]!;
}

/** The marker of series `i`: its own `marker`, else the i-th shape. */
function seriesMarker(i: number, shape?: Marker): Marker {
  return shape ?? MARKERS[i % MARKERS.length]!;
}

/** One marker of the given shape centred on (cx, cy). */
function marker(shape: Marker, cx: number, cy: number, colour: string): string {
  const r = 3.5;
  const fill = `fill="${colour}"`;
  const poly = (pts: [number, number][]) =>
    `<polygon points="${pts.map(([px, py]) => `${n(cx + px)},${n(cy + py)}`).join(' ')}" ${fill}/>`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${r}" ${fill}/>`;
    case 'square':
      return `<rect x="${n(cx - r)}" y="${n(cy - r)}" width="${2 * r}" height="${2 * r}" ${fill}/>`;
    case 'triangle':
      return poly([
        [0, -r - 1],
        [r + 0.5, r],
        [-r - 0.5, r],
      ]);
    case 'diamond':
      return poly([
        [0, -r - 1],
        [r + 1, 0],
        [0, r + 1],
        [-r - 1, 0],
      ]);
    case 'triangle-down':
      return poly([
        [0, r + 1],
        [r + 0.5, -r],
        [-r - 0.5, -r],
      ]);
    default:
      return `<path d="M${n(cx - r)},${n(cy)}H${n(cx + r)}M${n(cx)},${n(cy - r)}V${n(cy + r)}" stroke="${colour}" stroke-width="2"/>`;
  }
}

interface Scale {
  y: (v: number) => number;
  ticks: number[];
}

function yScale(values: number[], log: boolean): Scale {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (log && positive.length > 0) {
    const lo = Math.floor(Math.log10(Math.min(...positive)));
    const hi = Math.ceil(Math.log10(Math.max(...positive)));
    const top = hi === lo ? lo + 1 : hi;
    const ticks = Array.from({ length: top - lo + 1 }, (_, i) => 10 ** (lo + i));
    return {
      y: (v) => M.top + PLOT_H - ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (top - lo)) * PLOT_H,
      ticks,
    };
  }
  const max = Math.max(1e-9, ...values.filter(Number.isFinite));
  const step = 10 ** Math.floor(Math.log10(max / 4));
  const niceStep = [1, 2, 5, 10].map((k) => k * step).find((s) => max / s <= 6)!;
  const top = Math.ceil(max / niceStep) * niceStep;
  const ticks = Array.from({ length: Math.round(top / niceStep) + 1 }, (_, i) => i * niceStep);
  return { y: (v) => M.top + PLOT_H - (v / top) * PLOT_H, ticks };
}

function frame(
  title: string,
  yLabel: string,
  s: Scale,
  body: string[],
  legend: { name: string; dashed?: boolean; colour?: number; marker?: Marker }[],
  markers = false,
): string {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${esc(title)}</text>`,
    `<text transform="translate(16 ${M.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  ];
  for (const t of s.ticks) {
    const y = n(s.y(t));
    out.push(`<line x1="${M.left}" y1="${y}" x2="${M.left + PLOT_W}" y2="${y}" stroke="#dddddd"/>`);
    out.push(
      `<text x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(t)}</text>`,
    );
  }
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#333333"/>`,
  );
  out.push(...body);
  legend.forEach((l, i) => {
    const y = M.top + 8 + i * 16;
    const x = M.left + PLOT_W + 12;
    const colour = seriesColour(i, l.colour);
    out.push(
      `<line x1="${x}" y1="${y}" x2="${x + 18}" y2="${y}" stroke="${colour}" stroke-width="3"${l.dashed ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    if (markers) out.push(marker(seriesMarker(i, l.marker), x + 9, y, colour));
    out.push(`<text x="${x + 24}" y="${y}" dominant-baseline="middle">${esc(l.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function lines(c: Extract<ChartSpec, { kind: 'lines' }>): string {
  const s = yScale(
    c.series.flatMap((x) => x.ys),
    c.logY,
  );
  const xMin = Math.min(...c.xs);
  const xMax = Math.max(...c.xs);
  const logX = xMin > 0 && xMax / xMin >= 4;
  const x = (v: number) =>
    M.left +
    (logX
      ? (Math.log2(v) - Math.log2(xMin)) / (Math.log2(xMax) - Math.log2(xMin) || 1)
      : (v - xMin) / (xMax - xMin || 1)) *
      PLOT_W;
  const body: string[] = c.xs.map(
    (v, i) =>
      `<text x="${n(x(v))}" y="${M.top + PLOT_H + 16}" text-anchor="middle">${c.xTickLabels ? esc(c.xTickLabels[i] ?? '') : tickLabel(v)}</text>`,
  );
  if (c.markX !== undefined) {
    body.push(
      `<line x1="${n(x(c.markX))}" y1="${M.top}" x2="${n(x(c.markX))}" y2="${M.top + PLOT_H}" stroke="#555555" stroke-dasharray="1 3"/>`,
    );
  }
  body.push(
    `<text x="${M.left + PLOT_W / 2}" y="${M.top + PLOT_H + 34}" text-anchor="middle">${esc(c.xLabel)}</text>`,
  );
  c.series.forEach((ser, i) => {
    // Every line its own colour and marker (issue 12): dashes alone do not tell two lines apart in grey print.
    const colour = seriesColour(i, ser.colour);
    const pts = ser.ys.map((v, j) => `${n(x(c.xs[j]!))},${n(s.y(v))}`).join(' ');
    body.push(
      `<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="2"${ser.dashed ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    const shape = seriesMarker(i, ser.marker);
    for (const [j, v] of ser.ys.entries()) body.push(marker(shape, x(c.xs[j]!), s.y(v), colour));
  });
  return frame(c.title, c.yLabel, s, body, c.series, true);
}

function bars(
  title: string,
  yLabel: string,
  categories: string[],
  sets: { name: string; values: number[] }[],
  stacked: boolean,
  log: boolean,
): string {
  const totals = stacked
    ? categories.map((_, j) => sets.reduce((sum, st) => sum + st.values[j]!, 0))
    : sets.flatMap((st) => st.values);
  const s = yScale(totals, log);
  const slot = PLOT_W / categories.length;
  const barW = stacked ? slot * 0.7 : (slot * 0.8) / sets.length;
  const base = M.top + PLOT_H;
  const body: string[] = [];
  categories.forEach((cat, j) => {
    const x0 = M.left + j * slot + slot * (stacked ? 0.15 : 0.1);
    let acc = 0;
    sets.forEach((st, i) => {
      const v = st.values[j]!;
      const colour = PALETTE[i % PALETTE.length];
      let y: number;
      let h: number;
      let x = x0;
      if (stacked) {
        y = s.y(acc + v);
        h = s.y(acc) - y;
        acc += v;
      } else {
        y = s.y(v);
        h = base - y;
        x = x0 + i * barW;
      }
      body.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(barW)}" height="${n(Math.max(0, h))}" fill="${colour}"/>`,
      );
    });
    const cx = n(M.left + j * slot + slot / 2);
    body.push(`<text transform="translate(${cx} ${base + 8}) rotate(45)" font-size="9">${esc(cat)}</text>`);
  });
  return frame(title, yLabel, s, body, sets);
}

/** The SVG text of a chart. */
export function chartSvg(c: ChartSpec): string {
  if (c.kind === 'lines') return lines(c);
  if (c.kind === 'stackedBars') return bars(c.title, c.yLabel, c.categories, c.segments, true, false);
  return bars(c.title, c.yLabel, c.categories, c.groups, false, c.logY);
}
