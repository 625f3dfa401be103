// Evaluates any published quantity (baseline profile or NGPC result) with the model, in its row's unit.
import { APP_NAMES } from '../../config/app.ts';
import { loadTargets } from '../../config/deviceTarget.ts';
import { loadFrameConfig } from '../../config/frame.ts';
import { loadGpu } from '../../config/gpu.ts';
import type { Metric } from '../../config/targets.ts';
import { baselineMetricValue } from '../gpu/baselineMetrics.ts';
import { designPointSchema, evaluatePoint, type PointResult } from './designPoint.ts';
import { targetGapRow } from './targetGap.ts';

const PERCENT = 100;

function ngpcPoint(
  gpu: string,
  app: string,
  encoding: string,
  resolution: string,
  ngpc: string,
): PointResult {
  return evaluatePoint(designPointSchema.parse({ gpu, app, encoding, resolution, ngpc }));
}

/** The model's value of a metric on `gpuName`: % for shares and overheads, ms, factors, FPS. */
export function metricValue(metric: Metric, gpuName: string): number {
  switch (metric.kind) {
    case 'share':
    case 'frameSeconds':
    case 'gap':
      return baselineMetricValue(metric, loadGpu(gpuName));
    case 'meanSpeedup':
    case 'maxSpeedup': {
      const speedups = (metric.apps ?? APP_NAMES).map(
        (app) => ngpcPoint(gpuName, app, metric.encoding, metric.resolution, metric.ngpc).frame!.speedup,
      );
      return metric.kind === 'maxSpeedup'
        ? Math.max(...speedups)
        : speedups.reduce((s, x) => s + x, 0) / speedups.length;
    }
    case 'fps':
      return (
        1 /
        ngpcPoint(gpuName, metric.app, metric.encoding, metric.resolution, metric.ngpc).frame!.frameSeconds
      );
    case 'areaOverhead':
    case 'powerOverhead': {
      // Overheads do not depend on the workload: any point with this NGPC on this GPU carries them.
      const f = ngpcPoint(gpuName, 'nerf', 'hashgrid', '1080p', metric.ngpc).frame!;
      return PERCENT * (metric.kind === 'areaOverhead' ? f.areaOverhead : f.powerOverhead);
    }
    case 'targetGapOom': {
      const targets = loadTargets().filter((t) => metric.targetClasses.includes(t.class));
      const gaps = targets.flatMap((t) =>
        (metric.apps ?? APP_NAMES).map(
          (app) => targetGapRow(t, app, metric.encoding, gpuName, metric.ngpc).gapOom,
        ),
      );
      return metric.reduce === 'min' ? Math.min(...gaps) : Math.max(...gaps);
    }
    case 'parameter':
      return loadFrameConfig().restFusionSpeedup.value;
  }
}
