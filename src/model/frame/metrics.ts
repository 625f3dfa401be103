// Evaluates any published quantity (baseline profile or NGPC result) with the model, in its row's unit, under a
// model profile's settings.
import { APP_NAMES, loadApp } from '../../config/app.ts';
import { loadTargets } from '../../config/deviceTarget.ts';
import { loadFrameConfig } from '../../config/frame.ts';
import { loadGpu } from '../../config/gpu.ts';
import type { Metric } from '../../config/targets.ts';
import { type BaselineMetricContext, baselineMetricValue } from '../gpu/baselineMetrics.ts';
import { profileGpu, profileSamplesPerPixel } from '../profile/apply.ts';
import { FIRST_PRINCIPLES, type ProfileSettings } from '../profile/settings.ts';
import { designPointSchema, evaluatePoint, type PointResult } from './designPoint.ts';
import { targetGapRow } from './targetGap.ts';

const PERCENT = 100;

function ngpcPoint(
  gpu: string,
  app: string,
  encoding: string,
  resolution: string,
  ngpc: string,
  settings: ProfileSettings,
): PointResult {
  return evaluatePoint(designPointSchema.parse({ gpu, app, encoding, resolution, ngpc }), {
    profile: settings,
  });
}

/** How baseline metrics read under a profile: its share aggregation and samples per pixel. */
export function baselineContext(settings: ProfileSettings): BaselineMetricContext {
  return {
    shareAggregation: settings.shareAggregation,
    samplesPerPixel: (app) => profileSamplesPerPixel(app, loadApp(app).samplesPerPixel.value, settings),
  };
}

/** The model's value of a metric on `gpuName`: % for shares and overheads, ms, factors, FPS. */
export function metricValue(
  metric: Metric,
  gpuName: string,
  settings: ProfileSettings = FIRST_PRINCIPLES,
): number {
  switch (metric.kind) {
    case 'share':
    case 'frameSeconds':
    case 'gap':
      return baselineMetricValue(
        metric,
        profileGpu(loadGpu(gpuName), settings),
        undefined,
        baselineContext(settings),
      );
    case 'meanSpeedup':
    case 'maxSpeedup': {
      const speedups = (metric.apps ?? APP_NAMES).map(
        (app) =>
          ngpcPoint(gpuName, app, metric.encoding, metric.resolution, metric.ngpc, settings).frame!.speedup,
      );
      return metric.kind === 'maxSpeedup'
        ? Math.max(...speedups)
        : speedups.reduce((s, x) => s + x, 0) / speedups.length;
    }
    case 'fps':
      return (
        1 /
        ngpcPoint(gpuName, metric.app, metric.encoding, metric.resolution, metric.ngpc, settings).frame!
          .frameSeconds
      );
    case 'areaOverhead':
    case 'powerOverhead': {
      // Overheads do not depend on the workload: any point with this NGPC on this GPU carries them.
      const f = ngpcPoint(gpuName, 'nerf', 'hashgrid', '1080p', metric.ngpc, settings).frame!;
      return PERCENT * (metric.kind === 'areaOverhead' ? f.areaOverhead : f.powerOverhead);
    }
    case 'targetGapOom': {
      const targets = loadTargets().filter((t) => metric.targetClasses.includes(t.class));
      const gaps = targets.flatMap((t) =>
        (metric.apps ?? APP_NAMES).map(
          (app) => targetGapRow(t, app, metric.encoding, gpuName, metric.ngpc, settings).gapOom,
        ),
      );
      return metric.reduce === 'min' ? Math.min(...gaps) : Math.max(...gaps);
    }
    case 'parameter':
      return loadFrameConfig().restFusionSpeedup.value;
  }
}
