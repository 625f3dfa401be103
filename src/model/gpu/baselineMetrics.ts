// Baseline-only quantities of the paper's profile (shares, frame times, gaps), evaluated with given efficiencies.
import { APP_NAMES } from '../../config/app.ts';
import type { GpuEfficiencies, GpuSpec } from '../../config/gpu.ts';
import type { ShareAggregation } from '../../config/profile.ts';
import type { BaselineMetric } from '../../config/targets.ts';
import { frameWorkload, type WorkloadOverrides } from '../../workload/frameWorkload.ts';
import { parseResolution } from '../../workload/resolution.ts';
import { type BaselineResult, simulateBaseline } from './baseline.ts';

const MS_PER_S = 1e3;
const PERCENT = 100;

/** Readings of the profile the metrics are taken under (defaults: the first-principles profile's). */
export interface BaselineMetricContext {
  /** How a share aggregates the apps: mean of per-app shares (default) or Σ group time / Σ frame time. */
  shareAggregation?: ShareAggregation;
  /** Samples per pixel replacing an app's assumption (paper-fit's common scale); undefined keeps it. */
  samplesPerPixel?: (app: string) => WorkloadOverrides['samplesPerPixel'];
}

/** The baseline of one app × encoding × resolution on `gpu`. */
export function baselineOf(
  app: string,
  encoding: BaselineMetric['encoding'],
  resolution: string,
  gpu: GpuSpec,
  efficiencies?: GpuEfficiencies,
  ctx: BaselineMetricContext = {},
): BaselineResult {
  const spp = ctx.samplesPerPixel?.(app);
  const workload = frameWorkload(
    app,
    encoding,
    parseResolution(resolution),
    spp ? { samplesPerPixel: spp } : undefined,
  );
  return simulateBaseline(workload, gpu, efficiencies);
}

/** A baseline metric's value in its row's unit: share in %, frame time in ms, gap as a factor. */
export function baselineMetricValue(
  metric: BaselineMetric,
  gpu: GpuSpec,
  efficiencies?: GpuEfficiencies,
  ctx: BaselineMetricContext = {},
): number {
  switch (metric.kind) {
    case 'share': {
      const apps = metric.apps ?? APP_NAMES;
      let sum = 0;
      let groupSeconds = 0;
      let frameSeconds = 0;
      for (const app of apps) {
        const b = baselineOf(app, metric.encoding, metric.resolution, gpu, efficiencies, ctx);
        const g = metric.groups.reduce((s, name) => s + b.groupSeconds[name], 0);
        sum += g / b.frameSeconds;
        groupSeconds += g;
        frameSeconds += b.frameSeconds;
      }
      return ctx.shareAggregation === 'pooled-time'
        ? (PERCENT * groupSeconds) / frameSeconds
        : (PERCENT * sum) / apps.length;
    }
    case 'frameSeconds':
      return (
        MS_PER_S *
        baselineOf(metric.app, metric.encoding, metric.resolution, gpu, efficiencies, ctx).frameSeconds
      );
    case 'gap': {
      const gaps = (metric.apps ?? APP_NAMES).map(
        (app) =>
          baselineOf(app, metric.encoding, metric.resolution, gpu, efficiencies, ctx).frameSeconds *
          metric.fps,
      );
      return metric.reduce === 'min' ? Math.min(...gaps) : Math.max(...gaps);
    }
  }
}
