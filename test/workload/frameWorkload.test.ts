import { describe, expect, it } from 'vitest';
import { loadApp } from '../../src/config/app.ts';
import { NgpcInputError } from '../../src/errors.ts';
import { buildFrameWorkload, frameWorkload, mlpMacsPerQuery } from '../../src/workload/frameWorkload.ts';
import { parseResolution } from '../../src/workload/resolution.ts';

const p1080 = parseResolution('1080p');

describe('frame workload', () => {
  it('NeRF hash grid at 1080p: queries, MACs, level tables from levelLayout (docs/sources.md#kernels-2-3)', () => {
    const w = frameWorkload('nerf', 'hashgrid', p1080);
    expect(w.pixels).toBe(1920 * 1080);
    expect(w.queriesPerFrame).toBe(1920 * 1080 * 32);
    // density 32·64 + 64·16 = 3,072; color 32·64 + 64·64 + 64·16 = 7,168 (docs/sources.md#kernels-2-3).
    expect(w.mlps.map(mlpMacsPerQuery)).toEqual([3072, 7168]);
    expect(w.macsPerQuery).toBe(10240);
    expect(w.layout.totalEntries).toBe(6_098_120);
    expect(w.levels).toHaveLength(16);
    expect(w.levels[15]!.tableBytes).toBe(2 ** 19 * 2 * 2);
    expect(w.levels[4]!.hashed).toBe(false);
    expect(w.levels[5]!.hashed).toBe(true);
    expect(w.lookupsPerQueryPerLevel).toBe(8);
    expect(w.encodingOutputBytesPerQuery).toBe(32 * 2);
  });

  it('dense and low-resolution dense grids match instant-ngp (docs/sources.md#kernels-1-8)', () => {
    expect(frameWorkload('nerf', 'densegrid', p1080).layout.totalEntries).toBe(8_156_024);
    const tiled = frameWorkload('nerf', 'lowres-densegrid', p1080);
    expect(tiled.levels.map((l) => l.entries)).toEqual([128 ** 3, 128 ** 3]);
    expect(tiled.entryBytes).toBe(16);
    // L·F = 16 → the MLP input is 16 wide.
    expect(tiled.mlps[0]!.inputDims).toBe(16);
  });

  it('GIA is 2-D with 4 corners, one query per pixel, and hashed 2^24 levels', () => {
    const w = frameWorkload('gia', 'hashgrid', parseResolution('4k'));
    expect(w.lookupsPerQueryPerLevel).toBe(4);
    expect(w.queriesPerFrame).toBe(3840 * 2160);
    expect(Math.max(...w.levels.map((l) => l.tableBytes))).toBe(2 ** 24 * 4);
  });

  it('look-up coherence: coarse levels mostly reuse the previous cell, fine levels never', () => {
    const w = frameWorkload('nerf', 'hashgrid', p1080);
    expect(w.levels[0]!.newCellFraction).toBeCloseTo(15 * (Math.sqrt(3) / 1024), 6);
    expect(w.levels[15]!.newCellFraction).toBe(1);
    // GIA's spacing is one display pixel: more reuse at 4K than at 1080p.
    const g1 = frameWorkload('gia', 'hashgrid', p1080).levels[8]!.newCellFraction;
    const g4 = frameWorkload('gia', 'hashgrid', parseResolution('4k')).levels[8]!.newCellFraction;
    expect(g4).toBeCloseTo(g1 / 2, 9);
  });

  it('rest kernels scale per pixel and per sample; launches per round', () => {
    const w = frameWorkload('nerf', 'hashgrid', p1080);
    const march = w.rest.find((k) => k.name === 'march')!;
    expect(march.dramBytes).toBe(60 * w.queriesPerFrame);
    expect(march.launches).toBe(24);
    const raygen = w.rest.find((k) => k.name === 'raygen')!;
    expect(raygen.aluOps).toBe(80 * w.pixels);
  });

  it('a measured samples-per-pixel overrides the assumption and is recorded', () => {
    const w = buildFrameWorkload(loadApp('nsdf'), 'hashgrid', p1080, {
      samplesPerPixel: { value: 4, source: 'measured: ngpc profile' },
    });
    expect(w.samplesPerPixel).toBe(4);
    expect(w.queriesPerFrame).toBe(4 * 1920 * 1080);
    expect(w.provenance.samplesPerPixel).toBe('measured: ngpc profile');
    expect(frameWorkload('nsdf', 'hashgrid', p1080).provenance.samplesPerPixel).toMatch(/^assumption/);
  });

  it('resolutions by name or WxH; anything else names the choices', () => {
    expect(parseResolution('4K')).toEqual({ name: '4k', widthPx: 3840, heightPx: 2160 });
    expect(parseResolution('1280x720').widthPx).toBe(1280);
    expect(() => parseResolution('720p')).toThrow(NgpcInputError);
    expect(() => parseResolution('0x5')).toThrow(/1080p, 4k, 8k or WxH/);
  });
});
