// A model profile resolved to the settings the model applies: which efficiencies, clock, samples per pixel,
// dataflow, table residency, area method and frame composition. Pure data; loading lives in config/profile.ts.
import type { GpuEfficiencies } from '../../config/gpu.ts';
import type {
  AreaMethod,
  Composition,
  FittedCombination,
  Hypotheses,
  MlpDataflow,
  PaperFitSpec,
  ProfileName,
  ShareAggregation,
} from '../../config/profile.ts';

export interface ProfileSettings {
  name: ProfileName;
  /** One line naming where the settings come from (shown in provenance). */
  source: string;
  /** The discrete readings (paper-fit only). */
  hypotheses?: Hypotheses;
  /** Replace the efficiencies of every GPU whose efficiencies were calibrated on `efficienciesGpu`. */
  efficiencies?: GpuEfficiencies;
  efficienciesGpu?: string;
  /** Replaces every NGPC preset's clock. */
  clockHz?: number;
  /** Multiplies the assumed samples per pixel of `scaledApps` (1: unchanged). */
  samplesPerPixelScale: number;
  scaledApps: readonly string[];
  mlpDataflow?: MlpDataflow;
  /** 0 when tables stay resident across frames. */
  tableLoadsPerFrame?: number;
  areaMethod?: AreaMethod;
  composition: Composition;
  shareAggregation: ShareAggregation;
}

/** Today's model: the configs as shipped, calibrated on the paper's §2 GPU profile only. */
export const FIRST_PRINCIPLES: ProfileSettings = Object.freeze({
  name: 'first-principles',
  source: 'first-principles: configs as shipped; GPU efficiencies calibrated on paper §2 only',
  samplesPerPixelScale: 1,
  scaledApps: [],
  composition: 'overlapped',
  shareAggregation: 'mean-of-apps',
});

/** The paper-fit settings of one hypothesis combination at fitted values. */
export function paperFitSettings(
  spec: PaperFitSpec,
  gpu: string,
  fit: Pick<FittedCombination, 'hypotheses' | 'values' | 'efficiencies'>,
  source: string,
): ProfileSettings {
  const h = fit.hypotheses;
  return {
    name: 'paper-fit',
    source,
    hypotheses: h,
    efficiencies: fit.efficiencies,
    efficienciesGpu: gpu,
    clockHz: fit.values.clockHz,
    samplesPerPixelScale: fit.values.samplesPerPixelScale,
    scaledApps: spec.parameters.samplesPerPixelScale.apps,
    mlpDataflow: h.mlpDataflow,
    tableLoadsPerFrame: h.tableResidency === 'resident' ? 0 : undefined,
    areaMethod: spec.fixed.areaMethod.value,
    composition: h.composition,
    shareAggregation: h.shareAggregation,
  };
}
