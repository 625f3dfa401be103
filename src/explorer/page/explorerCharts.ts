// The explorer's four charts as ChartSpecs, drawn by the same SVG code as results/ (src/report/svg.ts).
import type { ChartSpec } from '../../model/paperTables/index.ts';
import type { ExplorerResult } from './explorerModel.ts';

const MS = 1e3;

export function speedupChart(r: ExplorerResult, nfps: number): ChartSpec {
  return {
    kind: 'lines',
    name: 'speedup',
    title: 'Speedup over the GPU alone vs NFP count',
    xLabel: 'NFPs in the NGPC (log scale)',
    yLabel: 'speedup over the GPU alone (x)',
    xs: r.scaling.map((p) => p.nfps),
    logY: true,
    markX: nfps,
    series: [
      { name: 'GPU + NGPC', ys: r.scaling.map((p) => p.speedup), marker: 'circle' },
      { name: 'Amdahl bound', ys: r.scaling.map((p) => p.amdahlBound), dashed: true, colour: 3 },
    ],
  };
}

export function fpsChart(r: ExplorerResult, targets: { fps: number }[]): ChartSpec {
  const xs = r.resolutions.map((p) => p.pixels / 1e6);
  return {
    kind: 'lines',
    name: 'fps',
    title: 'Frame rate vs resolution',
    xLabel: 'resolution (pixels per frame, log scale)',
    yLabel: 'frames per second (FPS)',
    xs,
    xTickLabels: r.resolutions.map((p) => p.label),
    logY: true,
    series: [
      { name: 'GPU + NGPC', ys: r.resolutions.map((p) => p.fps), marker: 'circle' },
      { name: 'GPU alone', ys: r.resolutions.map((p) => p.baselineFps), marker: 'square', colour: 1 },
      ...targets.map((t, i) => ({
        name: `${t.fps} FPS`,
        ys: xs.map(() => t.fps),
        dashed: true,
        colour: 7 - i * 3,
      })),
    ],
  };
}

/**
 * The GPU alone by kernel group beside the two stages NGPC overlaps (its encoding + MLP, the SMs' fused rest
 * kernels) and the frame they make (the longer stage plus the pipeline fill).
 */
export function breakdownChart(r: ExplorerResult, resolutionLabel: string): ChartSpec {
  const rep = r.report;
  const group = (g: string) =>
    rep.baseline.kernels.filter((k) => k.group === g).reduce((sum, k) => sum + k.seconds, 0) * MS;
  const n = rep.ngpc;
  const ngpc = n ? n.frameSeconds * MS : 0;
  const rest = n ? n.restFusedSeconds * MS : 0;
  const frame = rep.frameSeconds * MS;
  const longer = Math.max(ngpc, rest);
  return {
    kind: 'stackedBars',
    name: 'breakdown',
    title: `Frame time at ${resolutionLabel}: GPU alone vs GPU + NGPC`,
    yLabel: 'time per frame (ms)',
    categories: ['GPU alone', 'NGPC stage', 'SM stage', 'GPU + NGPC'],
    segments: [
      { name: 'GPU encoding', values: [group('encoding'), 0, 0, 0] },
      { name: 'GPU MLP', values: [group('mlp'), 0, 0, 0] },
      { name: 'GPU rest kernels', values: [group('rest'), 0, 0, 0] },
      { name: 'NGPC enc. + MLP', values: [0, ngpc, 0, ngpc >= rest ? longer : 0] },
      { name: 'fused rest', values: [0, 0, rest, ngpc >= rest ? 0 : longer] },
      { name: 'pipeline fill', values: [0, 0, 0, Math.max(0, frame - longer)] },
    ],
  };
}

export function overheadChart(r: ExplorerResult, nfps: number): ChartSpec {
  return {
    kind: 'lines',
    name: 'overhead',
    title: 'NGPC area and power over the host GPU',
    xLabel: 'NFPs in the NGPC (log scale)',
    yLabel: 'overhead (% of GPU die area / board power)',
    xs: r.scaling.map((p) => p.nfps),
    logY: false,
    markX: nfps,
    series: [
      { name: 'area', ys: r.scaling.map((p) => p.areaOverhead * 100), marker: 'diamond', colour: 2 },
      { name: 'power', ys: r.scaling.map((p) => p.powerOverhead * 100), marker: 'triangle', colour: 4 },
    ],
  };
}
