// "What would it take": the value of one parameter at which a design point reaches a target FPS or speedup,
// found by bisection on the model (monotone over the parameter's range, checked on a coarse grid first).
import { OptionError } from '../../errors.ts';
import type { DesignPoint } from '../frame/designPoint.ts';
import {
  evaluateNgpcPoint,
  type NgpcPointResult,
  type SolvableParam,
  sig4,
  solvableParam,
} from './solvableParams.ts';

export type SolveMetric = 'fps' | 'speedup';

/** FPS at the point's resolution, or end-to-end speedup over the GPU alone. */
export interface SolveTarget {
  metric: SolveMetric;
  value: number;
}

/** The composed frame of one evaluation. */
export interface FrameMetrics {
  /** FPS at the point's resolution. */
  fps: number;
  /** Over the GPU alone at the same workload. */
  speedup: number;
  frameSeconds: number;
  ngpcSeconds: number;
  restFusedSeconds: number;
  /** Which side limits the composed frame: the NGPC or the fused rest kernels on the GPU. */
  frameLimiter: 'ngpc' | 'gpu-rest';
  /** The NGPC's limiting engine or resource. */
  ngpcLimiter: string;
  /** Baseline frame / fused rest: the speedup of an infinitely fast NGPC. */
  amdahlBoundSpeedup: number;
}

/** The model at one value of the varied parameter. */
export interface SolvedPoint extends FrameMetrics {
  value: number;
}

/**
 * `solved`: `required` is the boundary inside the range; `met-across-range`: even the range's least demanding end
 * meets the target (`required` is that end); `unreachable`: even the best end misses it; `not-monotone`: the
 * metric goes up and down over the range, so there is no single threshold.
 */
export type SolveStatus = 'solved' | 'met-across-range' | 'unreachable' | 'not-monotone';

export interface SolveResult {
  parameter: string;
  description: string;
  unit: string;
  integer: boolean;
  range: { min: number; max: number };
  target: SolveTarget;
  /** How the metric moves as the parameter grows (from the range ends). */
  direction: 'increasing' | 'decreasing';
  /** `min`: the target needs at least `required`; `max`: it allows at most `required`. */
  bound: 'min' | 'max';
  assumed: number;
  assumedSource: string;
  atAssumed: SolvedPoint;
  status: SolveStatus;
  /** Null when unreachable or not monotone. */
  required: number | null;
  /** required / assumed. */
  ratio: number | null;
  atSolution: SolvedPoint | null;
  /** The range end where the metric is highest. */
  best: SolvedPoint;
  /** One line: what limits the frame at the solution, or why the target cannot be met. */
  note: string;
}

export interface SolveReport {
  point: DesignPoint;
  resolution: string;
  gpu: string;
  ngpc: string;
  target: SolveTarget;
  /** The point as its configs give it. */
  assumed: FrameMetrics;
  rows: SolveResult[];
}

/** Relative width at which the bisection of a continuous parameter stops. */
const REL_TOL = 1e-9;
/** Points (ends included) of the grid that checks monotonicity before bisecting. */
const GRID_POINTS = 9;
/** Metric wiggle tolerated by the monotonicity check (floating-point noise, not model behaviour). */
const MONOTONE_SLACK = 1e-9;

export const metricOf = (p: FrameMetrics, metric: SolveMetric): number =>
  metric === 'fps' ? p.fps : p.speedup;

function frameMetrics(r: NgpcPointResult): FrameMetrics {
  return {
    fps: 1 / r.frame.frameSeconds,
    speedup: r.frame.speedup,
    frameSeconds: r.frame.frameSeconds,
    ngpcSeconds: r.frame.ngpcSeconds,
    restFusedSeconds: r.frame.restFusedSeconds,
    frameLimiter: r.frame.limiter,
    ngpcLimiter: r.ngpc.limiter,
    amdahlBoundSpeedup: r.frame.amdahlBoundSpeedup,
  };
}

const solvedPoint = (value: number, r: NgpcPointResult): SolvedPoint => ({ value, ...frameMetrics(r) });

/** Checks a target: a finite positive FPS or speedup (errors name the flag). */
export function checkSolveTarget(target: SolveTarget): void {
  if (!Number.isFinite(target.value) || target.value <= 0) {
    throw new OptionError(
      target.metric,
      target.value,
      target.metric === 'fps'
        ? 'expected a positive frame rate, e.g. 30'
        : 'expected a positive speedup over the GPU alone, e.g. 20',
    );
  }
}

function gridValues(param: SolvableParam): number[] {
  const { min, max } = param.range;
  const values: number[] = [];
  for (let i = 0; i < GRID_POINTS; i++) {
    const v = i === 0 ? min : i === GRID_POINTS - 1 ? max : min * (max / min) ** (i / (GRID_POINTS - 1));
    const x = param.integer ? Math.round(v) : v;
    if (values.at(-1) !== x) values.push(x);
  }
  return values;
}

/** `27.77 FPS` or `25.71x`. */
export const metricText = (p: FrameMetrics, metric: SolveMetric): string =>
  metric === 'fps' ? `${sig4(p.fps)} FPS` : `${sig4(p.speedup)}x`;

function limiterText(p: SolvedPoint): string {
  return p.frameLimiter === 'ngpc'
    ? `the NGPC (${p.ngpcLimiter})`
    : `the fused rest kernels on the GPU (NGPC: ${p.ngpcLimiter})`;
}

/** Why the best end of the range still misses the target. */
function unreachableNote(param: SolvableParam, best: SolvedPoint, target: SolveTarget): string {
  const name = `${param.name} = ${param.display(best.value)}`;
  const got = metricText(best, target.metric);
  if (best.frameLimiter === 'gpu-rest') {
    const cap =
      target.metric === 'fps'
        ? `${sig4(1 / best.restFusedSeconds)} FPS (Amdahl bound ${sig4(best.amdahlBoundSpeedup)}x over the GPU alone)`
        : `${sig4(best.amdahlBoundSpeedup)}x (Amdahl bound)`;
    return `unreachable: the best is ${got} at ${name}; the fused rest kernels on the GPU cap the frame at ${cap} however fast the NGPC`;
  }
  return `unreachable: the best is ${got} at ${name} (the range end); the NGPC still limits the frame (${best.ngpcLimiter})`;
}

/**
 * Solves one parameter for a target, all other parameters at the point's config values: the smallest value meeting
 * the target when the metric grows with the parameter (clock, NFPs), the largest when it falls (samples per pixel
 * for FPS). Integer parameters give the exact integer boundary; continuous ones a value within 1e-9 (relative) of
 * it, always on the side that meets the target.
 */
export function solveParameter(
  point: DesignPoint,
  paramOrName: SolvableParam | string,
  target: SolveTarget,
  base: NgpcPointResult = evaluateNgpcPoint(point),
): SolveResult {
  checkSolveTarget(target);
  const param = typeof paramOrName === 'string' ? solvableParam(paramOrName) : paramOrName;
  const evaluations = new Map<number, SolvedPoint>();
  const at = (value: number): SolvedPoint => {
    let p = evaluations.get(value);
    if (!p) evaluations.set(value, (p = solvedPoint(value, param.evaluate(point, base, value))));
    return p;
  };
  const metric = (value: number) => metricOf(at(value), target.metric);
  const meets = (value: number) => metric(value) >= target.value;

  const assumed = param.current(base);
  const atAssumed = solvedPoint(assumed.value, base);
  const { min, max } = param.range;
  const direction = metric(max) >= metric(min) ? 'increasing' : 'decreasing';
  const best = at(direction === 'increasing' ? max : min);
  const easy = direction === 'increasing' ? min : max;
  const result = {
    parameter: param.name,
    description: param.description,
    unit: param.unit,
    integer: param.integer,
    range: { min, max },
    target: { ...target },
    direction,
    bound: direction === 'increasing' ? 'min' : 'max',
    assumed: assumed.value,
    assumedSource: assumed.source,
    atAssumed,
    best,
  } as const;
  const finish = (status: SolveStatus, solution: SolvedPoint | null, note: string): SolveResult => ({
    ...result,
    status,
    required: solution ? solution.value : null,
    ratio: solution ? solution.value / assumed.value : null,
    atSolution: solution,
    note,
  });

  const grid = gridValues(param).map(metric);
  const monotone = grid.every((m, i) => {
    if (i === 0) return true;
    const prev = grid[i - 1]!;
    return direction === 'increasing' ? m >= prev * (1 - MONOTONE_SLACK) : m <= prev * (1 + MONOTONE_SLACK);
  });
  if (!monotone) {
    return finish(
      'not-monotone',
      null,
      `${target.metric} rises and falls as ${param.name} goes from ${param.display(min)} to ${param.display(max)}: no single threshold`,
    );
  }
  if (!meets(best.value)) return finish('unreachable', null, unreachableNote(param, best, target));
  if (meets(easy)) {
    const p = at(easy);
    return finish(
      'met-across-range',
      p,
      `met across the whole range: ${param.name} = ${param.display(easy)} (the range end) already gives ${metricText(p, target.metric)}; limited by ${limiterText(p)}`,
    );
  }

  // Invariant: `good` meets the target, `bad` does not.
  let good = best.value;
  let bad = easy;
  if (param.integer) {
    while (Math.abs(good - bad) > 1) {
      const mid = Math.floor((good + bad) / 2);
      if (meets(mid)) good = mid;
      else bad = mid;
    }
  } else {
    while (Math.abs(good - bad) > REL_TOL * Math.min(good, bad)) {
      const mid = Math.sqrt(good * bad);
      if (meets(mid)) good = mid;
      else bad = mid;
    }
  }
  const solution = at(good);
  return finish('solved', solution, `limited by ${limiterText(solution)}`);
}

/** Solves each named parameter alone (the others at their config values), one row each, in the order given. */
export function solveParameters(
  point: DesignPoint,
  names: readonly string[],
  target: SolveTarget,
): SolveReport {
  checkSolveTarget(target);
  const params = names.map(solvableParam);
  const base = evaluateNgpcPoint(point);
  return {
    point,
    resolution: base.resolution.name,
    gpu: base.gpu.label,
    ngpc: base.ngpcConfig.name,
    target: { ...target },
    assumed: frameMetrics(base),
    rows: params.map((p) => solveParameter(point, p, target, base)),
  };
}
