// What every paper table shares: the paper's GPU and resolution, the NGPC sizes, and the design-point runner.
import { DEFAULT_PROFILE, PROFILE_NAMES, type ProfileName } from '../../config/profile.ts';
import {
  BASELINE_ONLY,
  type DesignPoint,
  type DesignPointInput,
  designPointSchema,
  evaluatePoint,
  type PointResult,
} from '../frame/designPoint.ts';
import { ngpcConfigNames } from '../ngpc/index.ts';

/** The paper's baseline GPU and profile resolution (docs/sources.md#paper-2). */
export const PAPER_GPU = 'rtx3090';
export const PAPER_RESOLUTION = '1080p';

/** A design point's fields as a table gives them; `gpu` defaults to the context's GPU. */
export type PaperPointFields = Omit<DesignPointInput, 'gpu'> & { gpu?: string };

/** The one argument of every table function. */
export interface PaperTableContext {
  /** The baseline GPU the paper-shaped tables use. */
  gpu: string;
  /** The paper's profile resolution. */
  resolution: string;
  /** NGPC presets, fewest NFPs first. */
  ngpcs: string[];
  /** The preset with the most NFPs. */
  largest: string;
  /** The GPU alone (BASELINE_ONLY), then every NGPC preset. */
  configs: string[];
  /** The profile of the single-profile tables (points default to it; a field `profile` overrides). */
  profile: ProfileName;
  /** Both profiles, for the tables that show them side by side where the paper has a number. */
  profiles: readonly ProfileName[];
  /** Parses a design point on the context's GPU unless `fields.gpu` names another. */
  designPoint(fields: PaperPointFields): DesignPoint;
  /** Evaluates the design point `designPoint(fields)`. */
  evaluate(fields: PaperPointFields): PointResult;
}

/** The context of the paper-shaped tables: the paper's GPU and resolution and every NGPC preset. */
export function paperTableContext(profile: ProfileName = DEFAULT_PROFILE): PaperTableContext {
  const gpu = PAPER_GPU;
  const ngpcs = ngpcConfigNames().sort((a, b) => nfpsOf(a) - nfpsOf(b));
  const designPoint = (fields: PaperPointFields) => designPointSchema.parse({ gpu, profile, ...fields });
  return {
    gpu,
    resolution: PAPER_RESOLUTION,
    ngpcs,
    largest: ngpcs.at(-1)!,
    configs: [BASELINE_ONLY, ...ngpcs],
    profile,
    profiles: PROFILE_NAMES,
    designPoint,
    evaluate: (fields) => evaluatePoint(designPoint(fields)),
  };
}

/** The NFP count in a preset's name (`ngpc-16` → 16). */
export const nfpsOf = (name: string) => Number(name.split('-').at(-1));

/** Frame time of a point: with its NGPC when it has one, else the GPU alone. */
export const frameSecondsOf = (r: PointResult) => (r.frame ? r.frame.frameSeconds : r.baseline.frameSeconds);

export const PCT = 100;
export const MS = 1e3;
export const GB = 1e9;
