import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargets } from '../../src/config/deviceTarget.ts';
import { cli } from '../helpers/cli.ts';

describe('device targets (configs/targets)', () => {
  it('load with views × per-eye pixels and budgets', () => {
    const targets = loadTargets();
    const byName = Object.fromEntries(targets.map((t) => [t.name, t]));
    expect(Object.keys(byName)).toEqual(
      expect.arrayContaining([
        'desktop-4k60',
        'desktop-8k120',
        'vr-quest3-90hz',
        'vr-visionpro-90hz',
        'ar-glasses',
      ]),
    );
    expect(byName['vr-quest3-90hz']!.pixels).toBe(2 * 2064 * 2208);
    expect(byName['vr-quest3-90hz']!.resolution).toBe('4128x2208');
    expect(byName['desktop-4k60']!.powerBudgetW).toBeNull();
    expect(byName['ar-glasses']!.powerBudgetW).toBe(1);
  });
});

describe('ngpc targets', () => {
  it('--json: every app × encoding × platform row and a summary per target × app', async () => {
    const r = await cli(
      'targets',
      '--json',
      '--app',
      'gia',
      '--target',
      'ar-glasses,desktop-4k60',
      '--gpu',
      'rtx3090',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.targets.map((t: { name: string }) => t.name)).toEqual(['ar-glasses', 'desktop-4k60']);
    // 2 targets × 1 app × 3 encodings × 1 GPU × (alone + 4 NGPC presets).
    expect(j.rows).toHaveLength(30);
    for (const key of [
      'target',
      'app',
      'encoding',
      'platform',
      'requiredFps',
      'achievableFps',
      'budgetJPerFrame',
      'energyPerFrameJ',
      'gapOom',
      'meets',
    ])
      expect(j.rows[0]).toHaveProperty(key);
    const row = j.rows.find(
      (x: { ngpc: string; encoding: string; target: string }) =>
        x.ngpc === 'none' && x.encoding === 'hashgrid' && x.target === 'ar-glasses',
    );
    expect(row.gapOom).toBeCloseTo(Math.log10(row.energyPerFrameJ / (1 / 90)), 9);
    expect(j.summaries).toHaveLength(2);
    expect(j.summaries[0]).toHaveProperty('lowestEnergy.platform');
    expect(j.summaries[0]).toHaveProperty('lowestEnergyMeeting');
  });

  it('prints the gap for every app', async () => {
    const r = await cli('targets', '--target', 'vr-quest3-90hz');
    expect(r.code).toBe(0);
    for (const app of ['nerf', 'nsdf', 'gia', 'nvr']) expect(r.stdout).toMatch(new RegExp(`\\n  ${app} `));
    expect(r.stdout).toContain('OOM');
  });

  it('--help shows an example', async () => {
    const r = await cli('targets', '--help');
    expect(r.stdout).toContain('targets --app nerf');
  });

  it('bad target files exit 2 naming the file and the JSON path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-targets-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        name: 'bad',
        label: 'bad',
        class: 'vr',
        views: { value: 2, source: 'eyes' },
        widthPx: { value: 'wide', source: 'nowhere' },
        heightPx: { value: 100, source: 'x' },
        refreshHz: { value: '90 Hz', source: 'x' },
      }),
    );
    const r = await cli('targets', '--targets', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('$.widthPx.value');
    const missing = await cli('targets', '--targets', join(dir, 'nope'));
    expect(missing.code).toBe(2);
  });

  it("reproduce carries the paper's 2–4 orders of magnitude AR/VR rows", async () => {
    const r = await cli('reproduce', '--json');
    const ids = JSON.parse(r.stdout).rows.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['arvr-gap-oom-min', 'arvr-gap-oom-max']));
  });
});
