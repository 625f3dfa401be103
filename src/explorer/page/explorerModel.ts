// Evaluates the explorer's state with the model `ngpc simulate` runs: the point itself (a SimulateReport), the
// same point over NFP counts and over resolutions, for the charts.
import { evaluatePoint, type PointResult } from '../../model/frame/designPoint.ts';
import { type SimulateReport, simulateDesignPoint } from '../../model/frame/simulate.ts';
import { whatIfOverrides } from '../../model/frame/whatIf.ts';
import { designPointOf, type ExplorerState, MAX_NFPS } from './explorerState.ts';

/** NFP counts the scaling charts sample (log 2), plus the state's own. */
export const SWEEP_NFPS = [1, 2, 4, 8, 16, 32, 64, MAX_NFPS];

/** Resolutions of the FPS chart: name for the model, label for the axis. */
export const SWEEP_RESOLUTIONS = [
  { name: '1280x720', label: '720p' },
  { name: '1080p', label: '1080p' },
  { name: '2560x1440', label: '1440p' },
  { name: '4k', label: '4K' },
  { name: '5120x2880', label: '5K' },
  { name: '8k', label: '8K' },
] as const;

export interface ScalingPoint {
  nfps: number;
  speedup: number;
  amdahlBound: number;
  areaOverhead: number;
  powerOverhead: number;
}

export interface ResolutionPoint {
  label: string;
  pixels: number;
  fps: number;
  baselineFps: number;
}

export interface ExplorerResult {
  report: SimulateReport;
  scaling: ScalingPoint[];
  resolutions: ResolutionPoint[];
}

const WHAT_IF_SOURCE = 'explorer: what-if override';

function withFrame(r: PointResult): Required<Pick<PointResult, 'frame'>> & PointResult {
  if (!r.frame) throw new Error('internal error: an NGPC point without a composed frame');
  return r as Required<Pick<PointResult, 'frame'>> & PointResult;
}

/** The state evaluated: its report and the sweeps behind the charts. */
export function evaluateExplorer(s: ExplorerState): ExplorerResult {
  const whatIf = {
    clockHz: s.clockGHz === null ? undefined : s.clockGHz * 1e9,
    restFusionSpeedup: s.restFusion ?? undefined,
  };
  const point = designPointOf(s);
  const report = simulateDesignPoint(point, whatIfOverrides(point, whatIf, WHAT_IF_SOURCE));
  const counts = [...new Set([...SWEEP_NFPS, s.nfps])].sort((a, b) => a - b);
  const scaling = counts.map((nfps) => {
    const p = designPointOf(s, nfps);
    const f = withFrame(evaluatePoint(p, whatIfOverrides(p, whatIf, WHAT_IF_SOURCE))).frame;
    return {
      nfps,
      speedup: f.speedup,
      amdahlBound: f.amdahlBoundSpeedup,
      areaOverhead: f.areaOverhead,
      powerOverhead: f.powerOverhead,
    };
  });
  const resolutions = SWEEP_RESOLUTIONS.map((r) => {
    const p = designPointOf(s, s.nfps, r.name);
    const result = withFrame(evaluatePoint(p, whatIfOverrides(p, whatIf, WHAT_IF_SOURCE)));
    return {
      label: r.label,
      pixels: result.workload.pixels,
      fps: 1 / result.frame.frameSeconds,
      baselineFps: 1 / result.baseline.frameSeconds,
    };
  });
  return { report, scaling, resolutions };
}
