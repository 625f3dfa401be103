// The NFP batch memo (cachedNfpBatch): every input it reads is in its key, so a variant never gets a stale batch.
import { describe, expect, it } from 'vitest';
import {
  cachedNfpBatch,
  type NfpBatchOptions,
  type NfpWork,
  ngpcConfigByName,
  simulateNfpBatch,
} from '../../../src/model/ngpc/index.ts';
import { GIA_MLPS, gridSpec, nerfHash, tweak, workload } from './fixtures.ts';

const base = ngpcConfigByName('ngpc-8');
const nerf = nerfHash();
const work: NfpWork = nerf;
const opts: NfpBatchOptions = { sramPolicy: 'assume-fits', batchQueries: 1024, seed: 1 };

/** The memoised batch, checked against a fresh simulation of the same inputs. */
function batchCycles(w: NfpWork, cfg = base, o = opts) {
  const cached = cachedNfpBatch(w, cfg, o);
  expect(cached).toEqual(simulateNfpBatch(w, cfg, o));
  return {
    encoding: cached.encoding.steadyCycles,
    mlp: cached.mlp.cycles,
    misses: cached.missSectorsPerQuery,
  };
}

describe('cachedNfpBatch keys', () => {
  const reference = batchCycles(work);

  it('returns the same batch for an equal config in another object', () => {
    expect(batchCycles(work, structuredClone(base))).toEqual(reference);
  });

  it('tells apart configs that differ only in the MLP engine', () => {
    const narrow = tweak('ngpc-8', (c) => {
      c.mlp.arrayCols.value = 16;
    });
    const r = batchCycles(work, narrow);
    expect(r.mlp).toBeGreaterThan(reference.mlp);
    expect(r.encoding).toBe(reference.encoding);
  });

  it('tells apart configs that differ only in the grid SRAM', () => {
    const oneBank = tweak('ngpc-8', (c) => {
      c.encoding.gridSram.banks.value = 1;
    });
    expect(batchCycles(work, oneBank).encoding).toBeGreaterThan(reference.encoding);
  });

  it('tells apart workloads that differ only in their networks', () => {
    const r = batchCycles({ ...work, mlps: GIA_MLPS });
    expect(r.mlp).not.toBe(reference.mlp);
    expect(r.encoding).toBe(reference.encoding);
  });

  it('tells apart grids, SRAM policies, batch sizes and positions', () => {
    expect(batchCycles(workload(gridSpec({ nLevels: 8 }), 1)).encoding).not.toBe(reference.encoding);
    const spillSmall = tweak('ngpc-8', (c) => {
      c.encoding.gridSram.bytes.value = 2 ** 14;
    });
    const fitsSmall = batchCycles(work, spillSmall);
    const spills = batchCycles(work, spillSmall, { ...opts, sramPolicy: 'spill' });
    expect(spills.misses.some((m) => m > 0)).toBe(true);
    expect(fitsSmall.misses.every((m) => m === 0)).toBe(true);
    expect(batchCycles(work, base, { ...opts, batchQueries: 512 }).mlp).toBeLessThan(reference.mlp);
    // One position repeated: each query misses the same few sectors, not a uniform sample's.
    const centre = new Float32Array(3 * 1024).fill(0.5);
    const spillAtCentre = batchCycles(work, spillSmall, { ...opts, sramPolicy: 'spill', positions: centre });
    expect(spillAtCentre.misses).not.toEqual(spills.misses);
  });
});
