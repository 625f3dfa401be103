// The shapes of results/: a table, a chart, one table with its charts, and the whole set.
export type Cell = string | number | null;

export interface ResultTable {
  /** File stem under results/: `<name>.md` and `<name>.csv`. */
  name: string;
  title: string;
  caption: string;
  columns: string[];
  /** How many leading columns identify a row (for `tables --check` messages). */
  keyColumns: number;
  rows: Cell[][];
  /** Markdown paragraphs after the table (the .md only; CSV and LaTeX hold the rows). */
  notes?: string[];
}

/** A series' point marker (default: one shape per series by its index), so series differ in print without colour too. */
export type Marker = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross';

export type ChartSpec =
  | {
      kind: 'lines';
      name: string;
      title: string;
      xLabel: string;
      yLabel: string;
      xs: number[];
      logY: boolean;
      series: { name: string; ys: number[]; dashed?: boolean; colour?: number; marker?: Marker }[];
      /** Tick labels for `xs` (default: the numbers). */
      xTickLabels?: string[];
      /** Draws a dotted vertical line at this x (the design point shown). */
      markX?: number;
    }
  | {
      kind: 'stackedBars';
      name: string;
      title: string;
      yLabel: string;
      categories: string[];
      segments: { name: string; values: number[] }[];
    }
  | {
      kind: 'groupedBars';
      name: string;
      title: string;
      yLabel: string;
      logY: boolean;
      categories: string[];
      groups: { name: string; values: number[] }[];
    };

/** One table of results/ and the charts drawn from it (in the order they are written). */
export interface PaperTable {
  table: ResultTable;
  charts: ChartSpec[];
}

export interface PaperResults {
  /** The baseline GPU the paper-shaped tables use. */
  gpu: string;
  tables: ResultTable[];
  charts: ChartSpec[];
}
