// The data behind results/: the paper-shaped tables and charts, one function per table, in results/ order.
import { areaPowerTable } from './areaPower.ts';
import { bandwidthAt60fpsTable } from './bandwidthAt60fps.ts';
import { baselineBreakdownTable } from './baselineBreakdown.ts';
import { busyPowerTable } from './busyPower.ts';
import { type PaperTableContext, paperTableContext } from './context.ts';
import { crossGpuTable } from './crossGpu.ts';
import { energyPerFrameTable } from './energyPerFrame.ts';
import { fpsVsResolutionTable } from './fpsVsResolution.ts';
import { measuredWorkloadsTable } from './measuredWorkloads.ts';
import { paperFitHypothesesTable, paperFitTable } from './paperFit.ts';
import { reproduceTable } from './reproduce.ts';
import { saturationTable } from './saturation.ts';
import { speedupVsScaleTable } from './speedupVsScale.ts';
import { targetGapsTable } from './targetGaps.ts';
import type { PaperResults, PaperTable } from './types.ts';
import { whatItWouldTakeTable } from './whatItWouldTake.ts';

export {
  PAPER_GPU,
  PAPER_RESOLUTION,
  type PaperPointFields,
  type PaperTableContext,
  paperTableContext,
} from './context.ts';
export type { Cell, ChartSpec, Marker, PaperResults, PaperTable, ResultTable } from './types.ts';

/** The tables of results/, in the order they are written. */
const PAPER_TABLES: ((ctx: PaperTableContext) => PaperTable)[] = [
  baselineBreakdownTable,
  speedupVsScaleTable,
  saturationTable,
  fpsVsResolutionTable,
  areaPowerTable,
  bandwidthAt60fpsTable,
  crossGpuTable,
  energyPerFrameTable,
  busyPowerTable,
  targetGapsTable,
  measuredWorkloadsTable,
  whatItWouldTakeTable,
  reproduceTable,
  paperFitTable,
  paperFitHypothesesTable,
];

/** Every table and chart of results/. */
export function paperResults(ctx: PaperTableContext = paperTableContext()): PaperResults {
  const sections = PAPER_TABLES.map((table) => table(ctx));
  return {
    gpu: ctx.gpu,
    tables: sections.map((s) => s.table),
    charts: sections.flatMap((s) => s.charts),
  };
}
