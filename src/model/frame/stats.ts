// The flat stats record of one design point; its declared column list drives CSV, JSON and Markdown alike.
import type { PointResult } from './designPoint.ts';

export type StatsValue = string | number | null;
export type StatsRecord = Record<string, StatsValue>;

export interface StatsColumn {
  key: string;
  unit: string;
  description: string;
}

const MS = 1e3;
const GB = 1e9;
const PCT = 100;
/** "Bandwidth needed at 60 FPS" (tables): the common interactive target. */
export const BANDWIDTH_REFERENCE_FPS = 60;

/** Every column, in output order. */
export const STATS_COLUMNS: readonly StatsColumn[] = [
  { key: 'gpu', unit: '', description: 'GPU preset' },
  { key: 'app', unit: '', description: 'application' },
  { key: 'encoding', unit: '', description: 'input encoding' },
  { key: 'resolution', unit: '', description: 'display resolution' },
  { key: 'ngpc', unit: '', description: 'NGPC preset, or "none" for the GPU alone' },
  { key: 'nfps', unit: 'count', description: 'NFPs in the NGPC' },
  { key: 'sramPolicy', unit: '', description: 'grid-SRAM capacity policy' },
  { key: 'profile', unit: '', description: 'model profile: first-principles or paper-fit' },
  { key: 'samplesPerPixel', unit: 'count', description: 'encoding + MLP queries per pixel' },
  { key: 'samplesPerPixelProvenance', unit: '', description: 'assumption, measured, or fitted (paper-fit)' },
  { key: 'queriesPerFrame', unit: 'count', description: 'pixels × samples per pixel' },
  { key: 'baselineFrameMs', unit: 'ms', description: 'GPU-only frame time' },
  { key: 'baselineFps', unit: 'fps', description: 'GPU-only frame rate' },
  { key: 'encodingSharePct', unit: '%', description: 'encoding share of the GPU-only frame' },
  { key: 'mlpSharePct', unit: '%', description: 'MLP share of the GPU-only frame' },
  { key: 'restSharePct', unit: '%', description: 'remaining kernels share of the GPU-only frame' },
  { key: 'ngpcMs', unit: 'ms', description: 'NGPC time for the frame (encoding + MLP)' },
  { key: 'restFusedMs', unit: 'ms', description: 'fused remaining kernels on the GPU' },
  { key: 'frameMs', unit: 'ms', description: 'frame time (with NGPC when present)' },
  { key: 'fps', unit: 'fps', description: 'frame rate (with NGPC when present)' },
  { key: 'targetFps', unit: 'fps', description: 'target frame rate of this resolution' },
  { key: 'gapToTarget', unit: 'x', description: 'frame time × target FPS (> 1: too slow)' },
  { key: 'speedup', unit: 'x', description: 'GPU-only frame / frame with NGPC' },
  {
    key: 'amdahlBound',
    unit: 'x',
    description: 'speedup with an infinitely fast NGPC (fused rest kernels only)',
  },
  { key: 'limiter', unit: '', description: 'ngpc or gpu-rest (GPU-only: the slowest kernel group)' },
  { key: 'ngpcLimiter', unit: '', description: 'NGPC limiting resource' },
  { key: 'cyclesPerQueryPerNfp', unit: 'cycles', description: 'NGPC cycles per query per NFP' },
  { key: 'dramGBPerFrame', unit: 'GB', description: 'DRAM bytes per frame' },
  { key: 'dramGBsAt60Fps', unit: 'GB/s', description: 'DRAM bandwidth needed at 60 FPS' },
  { key: 'l2GBsAt60Fps', unit: 'GB/s', description: 'L2 bandwidth needed at 60 FPS' },
  { key: 'ngpcAreaMm2', unit: 'mm^2', description: 'NGPC area' },
  { key: 'ngpcPowerW', unit: 'W', description: 'NGPC power' },
  { key: 'areaOverheadPct', unit: '%', description: 'NGPC area / GPU die area' },
  { key: 'powerOverheadPct', unit: '%', description: 'NGPC power / GPU board power' },
  {
    key: 'baselineEnergyPerFrameJ',
    unit: 'J',
    description: 'GPU-only energy per frame (per-kernel action energies + static power × time)',
  },
  { key: 'energyPerFrameJ', unit: 'J', description: 'energy per frame with NGPC' },
  {
    key: 'gpuEfficienciesFrom',
    unit: '',
    description: 'GPU preset whose calibration the efficiencies come from',
  },
];

/** The flat record of one evaluated point, keyed by STATS_COLUMNS. */
export function statsRecord(r: PointResult): StatsRecord {
  const { index: _index, ...record } = statsRow(0, r);
  return record;
}

/**
 * A sweep's row: the point's index in the expansion, then its stats record. Built as one object: copying a record
 * behind `index` cost more than building it.
 */
export function statsRow(index: number, r: PointResult): StatsRecord & { index: number } {
  const b = r.baseline;
  const f = r.frame;
  const n = r.ngpc;
  const frameSeconds = f ? f.frameSeconds : b.frameSeconds;
  const dramBytes = f ? f.dramBytesPerFrame : b.dramBytesPerFrame;
  const l2Bytes = f ? f.l2BytesPerFrame : b.l2BytesPerFrame;
  const slowestGroup = (['encoding', 'mlp', 'rest'] as const).reduce((a, g) =>
    b.groupSeconds[g] > b.groupSeconds[a] ? g : a,
  );
  return {
    index,
    gpu: r.point.gpu,
    app: r.point.app,
    // A tcnn model replaces the app's encoding and networks: the column names the file.
    encoding: r.point.tcnn === undefined ? r.point.encoding : `tcnn:${r.point.tcnn}`,
    resolution: r.resolution.name,
    ngpc: r.point.ngpc,
    nfps: n ? n.nfps : null,
    sramPolicy: n ? r.point.sramPolicy : null,
    samplesPerPixel: r.workload.samplesPerPixel,
    profile: r.profile.name,
    samplesPerPixelProvenance: sppProvenance(r.workload.provenance.samplesPerPixel),
    queriesPerFrame: r.workload.queriesPerFrame,
    baselineFrameMs: MS * b.frameSeconds,
    baselineFps: 1 / b.frameSeconds,
    encodingSharePct: (PCT * b.groupSeconds.encoding) / b.frameSeconds,
    mlpSharePct: (PCT * b.groupSeconds.mlp) / b.frameSeconds,
    restSharePct: (PCT * b.groupSeconds.rest) / b.frameSeconds,
    ngpcMs: f ? MS * f.ngpcSeconds : null,
    restFusedMs: f ? MS * f.restFusedSeconds : null,
    frameMs: MS * frameSeconds,
    fps: 1 / frameSeconds,
    targetFps: r.targetFps,
    gapToTarget: frameSeconds * r.targetFps,
    speedup: f ? f.speedup : 1,
    amdahlBound: f ? f.amdahlBoundSpeedup : null,
    limiter: f ? f.limiter : `gpu-${slowestGroup}`,
    ngpcLimiter: n ? n.limiter : null,
    cyclesPerQueryPerNfp: n ? n.cyclesPerQueryPerNfp : null,
    dramGBPerFrame: dramBytes / GB,
    dramGBsAt60Fps: (dramBytes * BANDWIDTH_REFERENCE_FPS) / GB,
    l2GBsAt60Fps: (l2Bytes * BANDWIDTH_REFERENCE_FPS) / GB,
    ngpcAreaMm2: n ? n.area.totalMm2 : null,
    ngpcPowerW: n ? n.power.totalW : null,
    areaOverheadPct: f ? PCT * f.areaOverhead : null,
    powerOverheadPct: f ? PCT * f.powerOverhead : null,
    baselineEnergyPerFrameJ: r.energy.baseline.totalJ,
    energyPerFrameJ: r.energy.ngpc ? r.energy.ngpc.totalJ : r.energy.baseline.totalJ,
    gpuEfficienciesFrom: r.gpu.efficienciesFrom,
  };
}

/** The kind of a samples-per-pixel provenance line: an app's assumption, a measurement, or a paper-fit value. */
function sppProvenance(source: string): string {
  if (source.startsWith('assumption')) return 'assumption';
  if (source.startsWith('paper-fit')) return 'fitted';
  return 'measured';
}
