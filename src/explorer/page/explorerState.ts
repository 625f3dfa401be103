// The explorer's controls as one plain record, its URL-hash form (the "share" link) and its design point.
import { PROFILE_NAMES, type ProfileName } from '../../config/profile.ts';
import type { DesignPoint } from '../../model/frame/designPoint.ts';
import { pointFromFlags } from '../../model/frame/simulate.ts';

export const SRAM_POLICIES = ['assume-fits', 'spill'] as const;

export interface ExplorerState {
  app: string;
  encoding: string;
  gpu: string;
  /** 1–128 NFPs. */
  nfps: number;
  /** What-if NFP clock in GHz; null: the profile's (the preset's or paper-fit's). */
  clockGHz: number | null;
  resolution: string;
  /** Samples (field queries) per pixel; null: the app's assumption under the profile. */
  samplesPerPixel: number | null;
  /** What-if speedup of the fused rest kernels (1: unfused); null: configs/frame/pipeline.json. */
  restFusion: number | null;
  sramPolicy: (typeof SRAM_POLICIES)[number];
  profile: ProfileName;
}

export const DEFAULT_STATE: ExplorerState = {
  app: 'nerf',
  encoding: 'hashgrid',
  gpu: 'rtx3090',
  nfps: 16,
  clockGHz: null,
  resolution: '4k',
  samplesPerPixel: null,
  restFusion: null,
  sramPolicy: 'assume-fits',
  profile: 'first-principles',
};

export const MAX_NFPS = 128;

const KEYS = Object.keys(DEFAULT_STATE) as (keyof ExplorerState)[];

/** `#app=nerf&nfps=16…`: every control, in a fixed order; what-if values only when set. */
export function stateToHash(s: ExplorerState): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const v = s[key];
    if (v !== null) params.set(key, String(v));
  }
  return `#${params.toString()}`;
}

const positive = (text: string | null): number | null => {
  const x = text === null || text === '' ? Number.NaN : Number(text);
  return Number.isFinite(x) && x > 0 ? x : null;
};

/** The state a hash describes; a missing or unreadable value keeps its default (the model reports bad names). */
export function stateFromHash(hash: string, base: ExplorerState = DEFAULT_STATE): ExplorerState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const text = (key: keyof ExplorerState, fallback: string) => p.get(key) || fallback;
  const nfps = positive(p.get('nfps'));
  const sram = p.get('sramPolicy');
  const profile = p.get('profile');
  return {
    app: text('app', base.app),
    encoding: text('encoding', base.encoding),
    gpu: text('gpu', base.gpu),
    nfps: nfps !== null && Number.isInteger(nfps) && nfps <= MAX_NFPS ? nfps : base.nfps,
    clockGHz: positive(p.get('clockGHz')) ?? (p.has('clockGHz') ? null : base.clockGHz),
    resolution: text('resolution', base.resolution),
    samplesPerPixel:
      positive(p.get('samplesPerPixel')) ?? (p.has('samplesPerPixel') ? null : base.samplesPerPixel),
    restFusion: positive(p.get('restFusion')) ?? (p.has('restFusion') ? null : base.restFusion),
    sramPolicy: (SRAM_POLICIES as readonly string[]).includes(sram ?? '')
      ? (sram as ExplorerState['sramPolicy'])
      : base.sramPolicy,
    profile: (PROFILE_NAMES as readonly string[]).includes(profile ?? '')
      ? (profile as ProfileName)
      : base.profile,
  };
}

/** The design point of the state, built as `ngpc simulate` builds it from the same flags (`--nfps N` → ngpc-N). */
export function designPointOf(s: ExplorerState, nfps = s.nfps, resolution = s.resolution): DesignPoint {
  const point = pointFromFlags({
    gpu: s.gpu,
    app: s.app,
    encoding: s.encoding,
    resolution,
    nfps,
    sramPolicy: s.sramPolicy,
    profile: s.profile,
  });
  if (s.samplesPerPixel === null) return point;
  return {
    ...point,
    samplesPerPixel: { value: s.samplesPerPixel, source: 'assumption: set in the explorer' },
  };
}

/** The point as a `ngpc simulate --config` file (version 1; schema defaults written out). */
export function pointFile(point: DesignPoint): Record<string, unknown> {
  const { version: _v, ...rest } = point;
  return { version: 1, ...rest };
}

/** The `ngpc simulate` command line of the state (what-if clock and fusion have no flag; see `ngpc solve`). */
export function simulateCommand(s: ExplorerState): string {
  const flags = [
    `--gpu ${s.gpu}`,
    `--app ${s.app}`,
    `--encoding ${s.encoding}`,
    `--nfps ${s.nfps}`,
    `--resolution ${s.resolution}`,
    `--sram-policy ${s.sramPolicy}`,
    `--profile ${s.profile}`,
  ];
  return `ngpc simulate ${flags.join(' ')}`;
}
