// Booktabs LaTeX tabulars (escaping, units in headers, alignment), and a reader for `tables --check`.

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '§': '\\S{}',
  // The Markdown's empty-cell dash; `--` also typesets on engines without UTF-8 input.
  '–': '--',
};

/** Text as LaTeX that typesets it literally. */
export function latexEscape(text: string): string {
  return text.replace(/[\\&%$#_{}~^§–]/g, (c) => ESCAPES[c]!);
}

// Units the results/ columns end with (`frame ms`, `area mm^2`, `ngpc-8 x`), typeset as `frame (ms)`.
const UNITS: Record<string, string> = {
  '%': '\\%',
  x: '$\\times$',
  'mm^2': 'mm$^2$',
  ms: 'ms',
  W: 'W',
  J: 'J',
  'J/frame': 'J/frame',
  'GB/s': 'GB/s',
  fps: 'fps',
  OOM: 'OOM',
};

/** A column name as a header: a trailing unit goes in parentheses, the rest is escaped. */
export function latexHeader(column: string): string {
  const m = /^(.*\S)\s+(\S+)$/.exec(column);
  const unit = m ? UNITS[m[2]!] : undefined;
  return unit === undefined ? latexEscape(column) : `${latexEscape(m![1]!)} (${unit})`;
}

/** A booktabs tabular; `align` has one `l` or `r` per column; cells are already LaTeX (see latexEscape). */
export function latexTabular(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]) => `${cells.join(' & ')} \\\\`;
  return [
    `\\begin{tabular}{${align.join('')}}`,
    '\\toprule',
    line(header),
    '\\midrule',
    ...rows.map(line),
    '\\bottomrule',
    '\\end{tabular}',
    '',
  ].join('\n');
}

/** The header and body cells of a latexTabular text (split on unescaped `&`); undefined if it is not one. */
export function parseLatexTabular(text: string): { header: string[]; rows: string[][] } | undefined {
  const lines = text.split('\n').map((l) => l.trim());
  const top = lines.indexOf('\\toprule');
  const mid = lines.indexOf('\\midrule');
  const bottom = lines.indexOf('\\bottomrule');
  if (top < 0 || mid !== top + 2 || bottom < mid) return undefined;
  const cells = (l: string) =>
    l
      .replace(/\s*\\\\$/, '')
      .split(/(?<!\\)&/)
      .map((c) => c.trim());
  return { header: cells(lines[top + 1]!), rows: lines.slice(mid + 1, bottom).map(cells) };
}
