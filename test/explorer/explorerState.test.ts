import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designPointSchema } from '../../src/config/point.ts';
import {
  DEFAULT_STATE,
  designPointOf,
  pointFile,
  stateFromHash,
  stateToHash,
} from '../../src/explorer/page/explorerState.ts';
import { simulateDesignPoint } from '../../src/model/frame/simulate.ts';
import { cli } from '../helpers/cli.ts';

describe('explorer state', () => {
  it('round-trips through the share link', () => {
    const s = { ...DEFAULT_STATE, app: 'gia', nfps: 24, clockGHz: 1.2, resolution: '8k', restFusion: 3 };
    expect(stateFromHash(stateToHash(s))).toEqual(s);
    expect(stateFromHash(stateToHash(DEFAULT_STATE))).toEqual(DEFAULT_STATE);
  });

  it('keeps defaults for unreadable hash values', () => {
    const s = stateFromHash('#nfps=-3&sramPolicy=bogus&profile=x&clockGHz=abc');
    expect(s).toEqual(DEFAULT_STATE);
  });

  it('builds the point as ngpc simulate does from the same flags', () => {
    expect(designPointOf({ ...DEFAULT_STATE, nfps: 8 })).toMatchObject({ ngpc: 'ngpc-8' });
    expect(designPointOf({ ...DEFAULT_STATE, nfps: 24 })).toMatchObject({ ngpc: 'ngpc-16', nfps: 24 });
  });

  it('exports a version-1 point file that ngpc simulate --config accepts with the same numbers', async () => {
    const s = { ...DEFAULT_STATE, app: 'nsdf', nfps: 12, resolution: '1080p', samplesPerPixel: 7 };
    const file = pointFile(designPointOf(s));
    expect(file.version).toBe(1);
    expect(designPointSchema.safeParse(file).success).toBe(true);
    const path = join(mkdtempSync(join(tmpdir(), 'ngpc-explorer-')), 'point.json');
    writeFileSync(path, JSON.stringify(file));
    const r = await cli('simulate', '--config', path, '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).speedup).toBe(simulateDesignPoint(designPointOf(s)).speedup);
  });
});
