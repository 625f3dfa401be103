// Number formatting for human-readable reports and tables: fixed, locale-free, deterministic.

/** Significant-digit rounding without exponent notation for the magnitudes ngpc prints. */
export function sig(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return x.toFixed(Math.min(decimals, 12));
}

export const fixed = (x: number, decimals: number): string =>
  Number.isFinite(x) ? x.toFixed(decimals) : 'inf';
export const ms = (seconds: number): string => `${fixed(seconds * 1e3, 2)} ms`;
export const pct = (fraction: number, decimals = 1): string => `${fixed(fraction * 100, decimals)} %`;
export const times = (x: number, decimals = 2): string => `${fixed(x, decimals)}x`;
export const fpsText = (x: number): string => `${fixed(x, 1)} FPS`;

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) =>
    rows.every((r) => /^[-+\d.,%x ]*(ms|FPS|GB\/s|W|mm\^2)?$/.test(r[i] ?? '')),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
