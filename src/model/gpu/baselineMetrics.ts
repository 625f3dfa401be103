// Baseline-only quantities of the paper's profile (shares, frame times, gaps), evaluated with given efficiencies.
import { APP_NAMES } from '../../config/app.ts';
import type { GpuEfficiencies, GpuSpec } from '../../config/gpu.ts';
import type { BaselineMetric } from '../../config/targets.ts';
import { frameWorkload } from '../../workload/frameWorkload.ts';
import { parseResolution } from '../../workload/resolution.ts';
import { type BaselineResult, simulateBaseline } from './baseline.ts';

const MS_PER_S = 1e3;
const PERCENT = 100;

/** The baseline of one app × encoding × resolution on `gpu`. */
export function baselineOf(
  app: string,
  encoding: BaselineMetric['encoding'],
  resolution: string,
  gpu: GpuSpec,
  efficiencies?: GpuEfficiencies,
): BaselineResult {
  return simulateBaseline(frameWorkload(app, encoding, parseResolution(resolution)), gpu, efficiencies);
}

/** A baseline metric's value in its row's unit: share in %, frame time in ms, gap as a factor. */
export function baselineMetricValue(
  metric: BaselineMetric,
  gpu: GpuSpec,
  efficiencies?: GpuEfficiencies,
): number {
  switch (metric.kind) {
    case 'share': {
      const apps = metric.apps ?? APP_NAMES;
      let sum = 0;
      for (const app of apps) {
        const b = baselineOf(app, metric.encoding, metric.resolution, gpu, efficiencies);
        sum += metric.groups.reduce((s, g) => s + b.groupSeconds[g], 0) / b.frameSeconds;
      }
      return (PERCENT * sum) / apps.length;
    }
    case 'frameSeconds':
      return (
        MS_PER_S * baselineOf(metric.app, metric.encoding, metric.resolution, gpu, efficiencies).frameSeconds
      );
    case 'gap': {
      const gaps = (metric.apps ?? APP_NAMES).map(
        (app) =>
          baselineOf(app, metric.encoding, metric.resolution, gpu, efficiencies).frameSeconds * metric.fps,
      );
      return metric.reduce === 'min' ? Math.min(...gaps) : Math.max(...gaps);
    }
  }
}
