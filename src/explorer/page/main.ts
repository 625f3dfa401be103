// The explorer page: installs the bundled configs, builds the controls, and on every change evaluates the point
// with the model `ngpc simulate` runs and redraws numbers and charts (timing each update in data-update-ms).
import { appPresetNames, ENCODING_NAMES } from '../../config/app.ts';
import { loadFrameConfig } from '../../config/frame.ts';
import { gpuPresetNames } from '../../config/gpu.ts';
import { memoryConfigStore } from '../../config/memoryStore.ts';
import { PROFILE_NAMES } from '../../config/profile.ts';
import { useConfigStore } from '../../config/store.ts';
import { NgpcInputError } from '../../errors.ts';
import { sig } from '../../report/format.ts';
import { chartSvg } from '../../report/svg.ts';
import { breakdownChart, fpsChart, overheadChart, speedupChart } from './explorerCharts.ts';
import { evaluateExplorer, SWEEP_RESOLUTIONS } from './explorerModel.ts';
import {
  DEFAULT_STATE,
  designPointOf,
  type ExplorerState,
  MAX_NFPS,
  pointFile,
  SRAM_POLICIES,
  simulateCommand,
  stateFromHash,
  stateToHash,
} from './explorerState.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The configs the page was built with, embedded as JSON by src/explorer/html.ts. */
useConfigStore(memoryConfigStore(JSON.parse($('ngpc-configs').textContent ?? '{}')));

let state = stateFromHash(location.hash);

interface Control {
  key: keyof ExplorerState;
  read(): ExplorerState[keyof ExplorerState];
  write(s: ExplorerState): void;
}

function select(
  key: keyof ExplorerState,
  options: readonly (string | { value: string; label: string })[],
): Control {
  const el = $<HTMLSelectElement>(key);
  for (const o of options) {
    const opt = document.createElement('option');
    opt.value = typeof o === 'string' ? o : o.value;
    opt.textContent = typeof o === 'string' ? o : o.label;
    el.append(opt);
  }
  return { key, read: () => el.value, write: (s) => void (el.value = String(s[key])) };
}

/** A number box where empty means "as configured" (null). */
function optionalNumber(key: 'clockGHz' | 'samplesPerPixel' | 'restFusion'): Control {
  const el = $<HTMLInputElement>(key);
  return {
    key,
    read: () => (el.value.trim() === '' || !(Number(el.value) > 0) ? null : Number(el.value)),
    write: (s) => void (el.value = s[key] === null ? '' : String(s[key])),
  };
}

function nfpsControl(): Control {
  const range = $<HTMLInputElement>('nfps');
  const box = $<HTMLInputElement>('nfps-number');
  range.max = box.max = String(MAX_NFPS);
  const clamp = (x: number) => Math.min(MAX_NFPS, Math.max(1, Math.round(x) || 1));
  range.addEventListener('input', () => void (box.value = range.value));
  box.addEventListener('change', () => {
    range.value = String(clamp(Number(box.value)));
    range.dispatchEvent(new Event('change', { bubbles: true }));
  });
  return {
    key: 'nfps',
    read: () => clamp(Number(range.value)),
    write: (s) => void (range.value = box.value = String(s.nfps)),
  };
}

const resolutionOptions = SWEEP_RESOLUTIONS.map((r) => ({ value: r.name, label: r.label }));
const controls: Control[] = [
  select('profile', PROFILE_NAMES),
  select('app', appPresetNames()),
  select('encoding', ENCODING_NAMES),
  select('gpu', gpuPresetNames()),
  nfpsControl(),
  optionalNumber('clockGHz'),
  select('resolution', resolutionOptions),
  optionalNumber('samplesPerPixel'),
  optionalNumber('restFusion'),
  select('sramPolicy', SRAM_POLICIES),
];
const fpsTargets = [
  ...new Set([
    loadFrameConfig().frameRateTargets['4k'].value,
    loadFrameConfig().frameRateTargets['8k'].value,
  ]),
].map((fps) => ({ fps }));

/** Which stage limits the frame, in words: the NGPC (and its limiting engine) or the SMs' fused rest kernels. */
function limiterText(frame: string, ngpc: string): string {
  return frame === 'ngpc' ? `the NGPC: ${ngpc}` : 'the fused rest kernels';
}

function show(id: string, text: string): void {
  $(id).textContent = text;
}

/** Evaluates the state and redraws everything; the time it took goes to `body[data-update-ms]`. */
function update(): void {
  const t0 = performance.now();
  history.replaceState(null, '', stateToHash(state));
  $<HTMLAnchorElement>('share').href = stateToHash(state);
  show('command', simulateCommand(state));
  $('what-if').hidden = state.clockGHz === null && state.restFusion === null;
  try {
    const r = evaluateExplorer(state);
    const rep = r.report;
    const res = rep.point.resolution;
    show('speedup', `${sig(rep.speedup, 4)}x`);
    show('amdahl', rep.amdahlBound === null ? '–' : `${sig(rep.amdahlBound, 4)}x`);
    show('fps', sig(1 / rep.frameSeconds, 4));
    const resLabel = SWEEP_RESOLUTIONS.find((x) => x.name === res)?.label ?? res;
    show('fps-label', `FPS at ${resLabel}`);
    show('baseline-fps', sig(1 / rep.baseline.frameSeconds, 4));
    show('frame-ms', sig(rep.frameSeconds * 1e3, 4));
    show('limiter', rep.ngpc ? limiterText(rep.ngpc.frameLimiter, rep.ngpc.limiter) : 'the GPU');
    show('area', rep.areaOverhead === null ? '–' : `${sig(rep.areaOverhead * 100, 3)} %`);
    show('power', rep.powerOverhead === null ? '–' : `${sig(rep.powerOverhead * 100, 3)} %`);
    show('clock-used', rep.ngpc ? `${sig(rep.ngpc.clockHz / 1e9, 4)} GHz` : '–');
    show('spp-used', sig(rep.workload.samplesPerPixel, 4));
    show('gpu-label', rep.baseline.gpu);
    $('chart-speedup').innerHTML = chartSvg(speedupChart(r, state.nfps));
    $('chart-fps').innerHTML = chartSvg(fpsChart(r, fpsTargets));
    $('chart-breakdown').innerHTML = chartSvg(breakdownChart(r, resLabel));
    $('chart-overhead').innerHTML = chartSvg(overheadChart(r, state.nfps));
    $('error').hidden = true;
  } catch (e) {
    // Bad input (an unknown name in a shared link, a profile without its fit) is shown; anything else is a bug.
    if (!(e instanceof NgpcInputError)) throw e;
    show('error', e.message);
    $('error').hidden = false;
  }
  document.body.dataset.updateMs = (performance.now() - t0).toFixed(1);
  document.body.dataset.updates = String(Number(document.body.dataset.updates ?? 0) + 1);
}

function exportPoint(): void {
  const text = `${JSON.stringify(pointFile(designPointOf(state)), null, 2)}\n`;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = `ngpc-point-${state.app}-${state.encoding}-${state.nfps}nfp-${state.resolution}.json`;
  a.click();
  URL.revokeObjectURL(a.href);
}

for (const c of controls) c.write(state);
$('controls').addEventListener('change', () => {
  state = { ...state };
  for (const c of controls) (state as unknown as Record<string, unknown>)[c.key] = c.read();
  update();
});
$('reset').addEventListener('click', () => {
  state = { ...DEFAULT_STATE };
  for (const c of controls) c.write(state);
  update();
});
$('export').addEventListener('click', exportPoint);
window.addEventListener('hashchange', () => {
  if (location.hash === stateToHash(state)) return;
  state = stateFromHash(location.hash);
  for (const c of controls) c.write(state);
  update();
});
update();
