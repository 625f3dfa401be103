import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseWorkload } from '../../src/apps/shared/workloadProfile.ts';
import { parseConfig } from '../../src/config/load.ts';
import { loadMeasuredWorkload, measuredWorkloadSchema } from '../../src/config/workload.ts';
import { ConfigError } from '../../src/errors.ts';
import { evaluatePoint, parseDesignPoint } from '../../src/model/frame/designPoint.ts';
import type { ModelFile } from '../../src/train/modelFile.ts';

// What `ngpc profile` writes, built from known per-pixel counts.
function profiled() {
  const model = {
    header: { encoding: { otype: 'HashGrid' }, network: { otype: 'FullyFusedMLP' } },
  } as unknown as ModelFile;
  const perPixel = Uint32Array.from([1, 2, 3, 4, 10, 0]);
  const positions = new Float32Array(20 * 3).map((_, i) => (i % 7) / 7);
  return summariseWorkload('nvr', model, 3, 2, perPixel, positions, 3, 'measured: llvmpipe, 2026-11-29');
}

describe('measured workload files', () => {
  it('accept what ngpc profile writes, with the mean queries per pixel', () => {
    const w = parseConfig(JSON.parse(JSON.stringify(profiled())), measuredWorkloadSchema, 'nvr.json');
    expect(w.samplesPerPixel.value).toBeCloseTo(20 / 6, 12);
    expect(w.queriesPerFrame).toBe(20);
    expect(w.queriesPerPixel.max).toBe(10);
  });

  it('require a measured source and a positive mean', () => {
    const w = profiled();
    expect(() =>
      parseConfig(
        { ...w, samplesPerPixel: { value: 3, source: 'assumption: x' } },
        measuredWorkloadSchema,
        'w.json',
      ),
    ).toThrow(
      /w\.json: \$\.samplesPerPixel\.source = "assumption: x": expected a source starting with "measured:"/,
    );
    expect(() =>
      parseConfig(
        { ...w, samplesPerPixel: { value: 0, source: 'measured: x' } },
        measuredWorkloadSchema,
        'w.json',
      ),
    ).toThrow(ConfigError);
  });

  it('are rejected when measured for another app, and say how to make one when missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-workload-'));
    const file = join(dir, 'nvr.json');
    writeFileSync(file, JSON.stringify(profiled()));
    expect(loadMeasuredWorkload('nvr', file).app).toBe('nvr');
    expect(() => loadMeasuredWorkload('nsdf', file)).toThrow(/expected a workload measured for nsdf/);
    expect(() => loadMeasuredWorkload('no-such-app')).toThrow(/run `ngpc profile --app no-such-app/);
  });
});

describe('design points with a measured workload', () => {
  it('take samples per pixel from the workload file, and the assumption by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-workload-'));
    const file = join(dir, 'nvr.json');
    writeFileSync(file, JSON.stringify(profiled()));
    const base = { gpu: 'rtx3090', app: 'nvr', encoding: 'hashgrid', ngpc: 'none' };
    const assumed = evaluatePoint(parseDesignPoint(base, 'p.json'));
    const measured = evaluatePoint(parseDesignPoint({ ...base, workload: file }, 'p.json'));
    expect(measured.workload.samplesPerPixel).toBeCloseTo(20 / 6, 12);
    expect(measured.workload.provenance.samplesPerPixel).toMatch(/^measured:/);
    expect(assumed.workload.samplesPerPixel).not.toBeCloseTo(20 / 6, 3);
    // Fewer queries per pixel than assumed: the baseline frame gets faster.
    expect(measured.baseline.frameSeconds).toBeLessThan(assumed.baseline.frameSeconds);
  });

  it("feed the profile's recorded query positions to the NGPC bank-conflict simulation", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ngpc-workload-'));
    const base = { gpu: 'rtx3090', app: 'nvr', encoding: 'hashgrid', ngpc: 'ngpc-8' };
    // Every query at one cell centre of the finest dense level vs. spread positions: same samples per pixel.
    const write = (name: string, queries: number[][]) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify({ ...profiled(), sampleQueries: queries }));
      return evaluatePoint(parseDesignPoint({ ...base, workload: file }, 'p.json'));
    };
    const one = write('one.json', [[0.5, 0.5, 0.5]]);
    const spread = write('spread.json', profiled().sampleQueries);
    expect(one.workload.samplesPerPixel).toBe(spread.workload.samplesPerPixel);
    // The per-level engine statistics come from the corner indices of these positions.
    expect(JSON.stringify(one.ngpc!.engines)).not.toBe(JSON.stringify(spread.ngpc!.engines));
    const uniform = evaluatePoint(parseDesignPoint(base, 'p.json'));
    expect(JSON.stringify(spread.ngpc!.engines)).not.toBe(JSON.stringify(uniform.ngpc!.engines));
    // A wrong-dimension position names the file and the JSON path.
    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify({ ...profiled(), sampleQueries: [[0.5, 0.5]] }));
    expect(() => evaluatePoint(parseDesignPoint({ ...base, workload: badFile }, 'p.json'))).toThrow(
      /bad\.json: \$\.sampleQueries\[0\] = \[0\.5,0\.5\]: expected 3 coordinates in \[0, 1\]/,
    );
  });
});
