// Device targets (configs/targets/*.json): display pixels × refresh rate and the power budget a platform must meet.
import { readdirSync } from 'node:fs';
import { z } from 'zod';
import { NgpcInputError } from '../errors.ts';
import { loadConfig } from './load.ts';
import { configPath } from './paths.ts';
import { doc, param, version } from './schema.ts';

export const TARGET_CLASSES = ['desktop', 'vr', 'ar'] as const;
export type TargetClass = (typeof TARGET_CLASSES)[number];

/** A device target: what must be rendered, how often, within which power. Units are converted on load. */
export const targetConfigSchema = z
  .strictObject({
    version,
    name: doc(
      z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a kebab-case target name' }),
      'kebab-case target name',
    ),
    label: doc(z.string().min(1), 'long name for reports'),
    class: doc(
      z.enum(TARGET_CLASSES, { error: `expected one of ${TARGET_CLASSES.join(', ')}` }),
      'desktop, vr or ar',
    ),
    description: doc(z.string().optional(), 'what this target is, for readers'),
    /** Views rendered per frame: 1 for a monitor, 2 for a headset (one per eye). */
    // Upper bounds keep every later product finite (issue 14: `refreshHz: 1e308` printed "inf OOM").
    views: doc(param('count', { min: 1, max: 64 }), 'views rendered per frame (2 for stereo)'),
    /** Pixels of one view. */
    widthPx: doc(param('count', { min: 1, max: 65536 }), 'width per view in pixels'),
    heightPx: doc(param('count', { min: 1, max: 65536 }), 'height in pixels'),
    refreshHz: doc(param('hz', { positive: true, max: 1e4 }), 'display refresh rate = target frame rate'),
    /**
     * `stated`: powerBudgetW is the budget for rendering; `host-board-power`: the platform's GPU board power (a
     * desktop whose GPU is the whole budget).
     */
    powerBudgetFrom: doc(
      z.enum(['stated', 'host-board-power']).default('stated'),
      '"stated" (powerBudgetW) or "host-board-power"',
    ),
    powerBudgetW: doc(param('watts', { positive: true, max: 1e5 }).optional(), 'power budget of the device'),
  })
  .superRefine((t, ctx) => {
    if (t.powerBudgetFrom === 'stated' && !t.powerBudgetW) {
      ctx.addIssue({
        code: 'custom',
        path: ['powerBudgetW'],
        message: 'missing; expected a power such as "4 W" (or powerBudgetFrom "host-board-power")',
      });
    }
    for (const key of ['views', 'widthPx', 'heightPx'] as const) {
      if (!Number.isInteger(t[key].value)) {
        ctx.addIssue({ code: 'custom', path: [key, 'value'], message: 'expected a whole number' });
      }
    }
  });
export type TargetConfig = z.output<typeof targetConfigSchema>;

/** A target as the model uses it. */
export interface DeviceTarget {
  name: string;
  label: string;
  class: TargetClass;
  views: number;
  widthPx: number;
  heightPx: number;
  /** All views side by side ("WxH" for the workload): views · width × height. */
  resolution: string;
  pixels: number;
  refreshHz: number;
  /** null: the platform's GPU board power. */
  powerBudgetW: number | null;
  sources: Record<string, string>;
  file: string;
}

/** Reads one target file (errors name the file and the JSON path; exit code 2). */
export function loadTargetFile(file: string): DeviceTarget {
  const cfg = loadConfig(file, targetConfigSchema);
  const sources: Record<string, string> = {};
  for (const key of ['views', 'widthPx', 'heightPx', 'refreshHz', 'powerBudgetW'] as const) {
    const p = cfg[key];
    if (p) sources[key] = p.source;
  }
  const views = cfg.views.value;
  const widthPx = cfg.widthPx.value;
  const heightPx = cfg.heightPx.value;
  return {
    name: cfg.name,
    label: cfg.label,
    class: cfg.class,
    views,
    widthPx,
    heightPx,
    resolution: `${views * widthPx}x${heightPx}`,
    pixels: views * widthPx * heightPx,
    refreshHz: cfg.refreshHz.value,
    powerBudgetW: cfg.powerBudgetFrom === 'host-board-power' ? null : cfg.powerBudgetW!.value,
    sources,
    file,
  };
}

/** The shipped targets folder. */
export const TARGETS_DIR = configPath('targets');

/** Every target in a folder (default configs/targets), sorted by file name. */
export function loadTargets(dir = TARGETS_DIR): DeviceTarget[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    throw new NgpcInputError(
      `${dir}: cannot read the targets folder: expected a folder of target JSON files`,
    );
  }
  if (names.length === 0) {
    throw new NgpcInputError(`${dir}: no *.json target files; expected a folder of target JSON files`);
  }
  return names.map((f) => loadTargetFile(`${dir.replace(/\/$/, '')}/${f}`));
}
