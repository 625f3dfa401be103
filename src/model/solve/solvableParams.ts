// The parameters `ngpc solve` can vary: how to read each from a design point and how to evaluate a point with it
// overridden (on copies of the configs; the shipped and cached ones are never mutated).
import { loadFrameConfig } from '../../config/frame.ts';
import { OptionError, verbatim } from '../../errors.ts';
import { type DesignPoint, evaluatePoint, type PointResult } from '../frame/designPoint.ts';
import { withClock, withRestFusion } from '../frame/whatIf.ts';
import { withNfps } from '../ngpc/index.ts';

/** A design point evaluated with NGPC (the result of `evaluatePoint` for an NGPC preset). */
export type NgpcPointResult = PointResult & Required<Pick<PointResult, 'frame' | 'ngpc' | 'ngpcConfig'>>;

export interface SolvableParam {
  name: string;
  description: string;
  /** Unit of `value`s (SI, as the model holds them). */
  unit: string;
  /** Whole numbers only (the solver returns the smallest or largest integer meeting the target). */
  integer: boolean;
  /** The search range, inclusive; both ends positive. */
  range: { min: number; max: number };
  /** A value for people: `1.5 GHz`, `64`, `12.5x`. */
  display(value: number): string;
  /** The value the point assumes (from its configs or workload). */
  current(base: NgpcPointResult): { value: number; source: string };
  /** The point evaluated with this parameter set to `value`, everything else as in `base`. */
  evaluate(point: DesignPoint, base: NgpcPointResult, value: number): NgpcPointResult;
}

const SOURCE = 'ngpc solve: override';

/** Four significant digits, plain notation (deterministic and locale-free). */
export const sig4 = (x: number): string =>
  Number.isFinite(x) ? String(Number(x.toPrecision(4))) : x > 0 ? 'inf' : String(x);

function withNgpc(r: PointResult): NgpcPointResult {
  if (!r.frame || !r.ngpc || !r.ngpcConfig) {
    throw new OptionError(
      'ngpc',
      r.point.ngpc,
      'expected an NGPC preset (ngpc-8 … ngpc-64): ngpc solve varies the NGPC and the frame around it',
    );
  }
  return r as NgpcPointResult;
}

/** Every solvable parameter, in the order `ngpc solve --help` lists them. */
export const SOLVABLE_PARAMS: readonly SolvableParam[] = [
  {
    name: 'clock',
    description: 'NFP clock',
    unit: 'Hz',
    integer: false,
    range: { min: 0.05e9, max: 20e9 },
    display: (v) => `${sig4(v / 1e9)} GHz`,
    current: (b) => ({ value: b.ngpcConfig.clock.value, source: b.ngpcConfig.clock.source }),
    evaluate: (point, b, value) =>
      withNgpc(
        evaluatePoint(point, {
          ngpc: withClock(b.ngpcConfig, value, `${SOURCE} of ${b.ngpcConfig.name}'s clock`),
        }),
      ),
  },
  {
    name: 'nfps',
    description: 'NFPs in the NGPC',
    unit: 'NFPs',
    integer: true,
    range: { min: 1, max: 4096 },
    display: (v) => String(v),
    current: (b) => ({ value: b.ngpcConfig.nfps.value, source: b.ngpcConfig.nfps.source }),
    evaluate: (point, b, value) => withNgpc(evaluatePoint(point, { ngpc: withNfps(b.ngpcConfig, value) })),
  },
  {
    name: 'samplesPerPixel',
    description: "the app's samples (field queries) per pixel",
    unit: 'samples/px',
    integer: false,
    range: { min: 0.1, max: 4096 },
    display: (v) => sig4(v),
    current: (b) => ({
      value: b.workload.samplesPerPixel,
      source: b.workload.provenance.samplesPerPixel,
    }),
    evaluate: (point, b, value) =>
      withNgpc(
        evaluatePoint(
          { ...point, samplesPerPixel: { value, source: `${SOURCE} of samples per pixel` } },
          { ngpc: b.ngpcConfig },
        ),
      ),
  },
  {
    name: 'restFusionSpeedup',
    description: 'speedup of the fused rest kernels over the unfused ones (paper: 9.94x)',
    unit: 'x',
    integer: false,
    range: { min: 1, max: 1000 },
    display: (v) => `${sig4(v)}x`,
    current: () => {
      const p = loadFrameConfig().restFusionSpeedup;
      return { value: p.value, source: p.source };
    },
    evaluate: (point, b, value) => {
      const frame = loadFrameConfig();
      return withNgpc(
        evaluatePoint(point, {
          ngpc: b.ngpcConfig,
          frame: withRestFusion(frame, value, `${SOURCE} of the rest-kernel fusion speedup`),
        }),
      );
    },
  },
];

export const solvableParamNames = (): string[] => SOLVABLE_PARAMS.map((p) => p.name);

/** The named parameter; an unknown name is an error that lists the allowed ones. */
export function solvableParam(name: string): SolvableParam {
  const p = SOLVABLE_PARAMS.find((q) => q.name === name);
  if (!p) {
    throw new OptionError(
      'vary',
      verbatim(JSON.stringify(name)),
      `unknown parameter; expected one of ${solvableParamNames().join(', ')}`,
    );
  }
  return p;
}

/** Evaluates the point as the configs give it; a baseline-only point (ngpc "none") is an error. */
export function evaluateNgpcPoint(point: DesignPoint): NgpcPointResult {
  return withNgpc(evaluatePoint(point));
}
