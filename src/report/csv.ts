// CSV text of flat records with a declared column list (RFC 4180 quoting; numbers to 6 significant digits).

const CSV_SIGNIFICANT_DIGITS = 6;

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : 'nan';
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(CSV_SIGNIFICANT_DIGITS)));
  }
  return String(v);
}

export function recordsCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return csvHeader(columns) + csvBody(columns, rows);
}

/**
 * One field as csv-stringify writes it with `record_delimiter: "\n"` (what ngpc used before, byte for byte): quoted
 * when it holds a quote, a comma or a newline, quotes doubled. Written out because a sweep formats every cell of
 * every point here, and the generic library cost more than the model.
 */
function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of fields, newline-terminated. */
function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i > 0 ? ',' : '') + csvField(fields[i]!);
  return `${line}\n`;
}

/** The header line (streamed outputs write it once, then bodies chunk by chunk). */
export function csvHeader(columns: readonly string[]): string {
  return csvLine(columns);
}

/** The lines of `rows`, no header. */
export function csvBody(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  let text = '';
  for (const r of rows) text += csvLine(columns.map((c) => csvCell(r[c])));
  return text;
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes) into rows of strings; enough to re-read ngpc's own output. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
