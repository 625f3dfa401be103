// NeRF data: the synthetic scene generator and the NeRF-synthetic loader, including bad datasets.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateSyntheticDataset,
  loadNerfDataset,
  writeNerfDataset,
} from '../../../src/apps/nerf/nerfDataset.ts';
import { syntheticScene } from '../../../src/apps/nerf/syntheticScene.ts';
import { NgpcInputError } from '../../../src/errors.ts';

const opts = { widthPx: 12, heightPx: 10, nTrain: 3, nVal: 1, nTest: 2, seed: 7 };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function writeTmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ngpc-nerf-'));
  dirs.push(dir);
  writeNerfDataset(dir, generateSyntheticDataset(syntheticScene('blocks'), opts));
  return dir;
}

describe('synthetic scene generator', () => {
  it('is deterministic and shows the scene with coverage alpha', () => {
    const a = generateSyntheticDataset(syntheticScene('blocks'), opts);
    const b = generateSyntheticDataset(syntheticScene('blocks'), opts);
    expect(a.splits.train[0]!.image.rgba).toEqual(b.splits.train[0]!.image.rgba);
    expect(a.splits.train.length).toBe(3);
    expect(a.splits.test.length).toBe(2);
    const alpha = Array.from(a.splits.train[0]!.image.rgba.filter((_, i) => i % 4 === 3));
    expect(alpha.some((x) => x === 1)).toBe(true); // the scene is in view
    expect(alpha.some((x) => x === 0)).toBe(true); // and so is the background
    // train and test cameras differ
    expect(a.splits.train[0]!.camera.pose).not.toEqual(a.splits.test[0]!.camera.pose);
  });

  it('rejects an unknown scene name', () => {
    expect(() => syntheticScene('lego')).toThrow(/expected one of blocks, sphere/);
  });
});

describe('NeRF-synthetic loader', () => {
  it('reads back what the writer wrote (poses exact, pixels to 8 bits)', () => {
    const dir = writeTmp();
    const ds = loadNerfDataset(dir);
    const ref = generateSyntheticDataset(syntheticScene('blocks'), opts);
    expect(ds.widthPx).toBe(12);
    expect(ds.heightPx).toBe(10);
    expect(ds.splits.val.length).toBe(1);
    expect(Array.from(ds.splits.train[1]!.camera.pose)).toEqual(Array.from(ref.splits.train[1]!.camera.pose));
    const got = ds.splits.test[1]!.image.rgba;
    const want = ref.splits.test[1]!.image.rgba;
    for (let i = 0; i < got.length; i++)
      expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    expect(ds.cameraAngleX).toBeCloseTo(ref.cameraAngleX, 12);
  });

  it('names the file for a missing directory, bad JSON, a missing frame and mixed sizes', () => {
    expect(() => loadNerfDataset('/nonexistent/nerf')).toThrow(/no transforms_train.json/);

    const bad = writeTmp();
    writeFileSync(join(bad, 'transforms_val.json'), '{ "camera_angle_x": 0.7, "frames": [ }');
    expect(() => loadNerfDataset(bad)).toThrow(NgpcInputError);
    expect(() => loadNerfDataset(bad)).toThrow(/transforms_val.json.*invalid JSON/);

    const wrong = writeTmp();
    writeFileSync(
      join(wrong, 'transforms_test.json'),
      JSON.stringify({ frames: [{ file_path: './test/r_0' }] }),
    );
    expect(() => loadNerfDataset(wrong)).toThrow(/transforms_test.json: \$.camera_angle_x/);

    const missing = writeTmp();
    const tj = JSON.parse(readFileSync(join(missing, 'transforms_train.json'), 'utf8'));
    tj.frames[2].file_path = './train/r_99';
    writeFileSync(join(missing, 'transforms_train.json'), JSON.stringify(tj));
    expect(() => loadNerfDataset(missing)).toThrow(
      /transforms_train.json: \$.frames\[2\].file_path = ".\/train\/r_99": image not found/,
    );

    const mixed = writeTmp();
    const other = generateSyntheticDataset(syntheticScene('sphere'), { ...opts, widthPx: 8 });
    writeNerfDataset(join(mixed, 'x'), other);
    const vj = JSON.parse(readFileSync(join(mixed, 'transforms_val.json'), 'utf8'));
    vj.frames[0].file_path = './x/val/r_0';
    writeFileSync(join(mixed, 'transforms_val.json'), JSON.stringify(vj));
    expect(() => loadNerfDataset(mixed)).toThrow(
      /r_0.png is 8x10 but .* is 12x10: expected every image the same size/,
    );
  });
});
