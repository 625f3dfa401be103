// The fuzz suite that stays (issue 14, Deliver 8): mutated configs, point and target files, .npy headers, .ngpc model
// headers and expressions go through the library entry points the CLI uses, in-process. Every case must end in
// success or an NgpcInputError (what the CLI maps to exit 2) — never another exception, and never slowly.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { renderGiaApp } from '../../src/apps/gia/giaApp.ts';
import { nerfModelSettings } from '../../src/apps/nerf/nerfModelScene.ts';
import { nvrRenderSettings } from '../../src/apps/nvr/nvrApp.ts';
import { appConfigSchema } from '../../src/config/app.ts';
import { loadTargetFile } from '../../src/config/deviceTarget.ts';
import { readConfigJson } from '../../src/config/extends.ts';
import { frameConfigSchema } from '../../src/config/frame.ts';
import { loadGpuFile } from '../../src/config/gpu.ts';
import { parseConfig } from '../../src/config/load.ts';
import { ngpcConfigSchema } from '../../src/config/ngpc.ts';
import { configPath } from '../../src/config/paths.ts';
import { type QuantityKind, toQuantity } from '../../src/config/units.ts';
import { encodingFromJson } from '../../src/encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../../src/encoding/gridLayout.ts';
import { NgpcInputError } from '../../src/errors.ts';
import { readMatrix } from '../../src/io/npy.ts';
import { mlpSpecFromJson } from '../../src/mlp/mlpConfig.ts';
import { evaluatePoint, parseDesignPoint } from '../../src/model/frame/designPoint.ts';
import { pointFromFlags } from '../../src/model/frame/simulate.ts';
import { targetGaps } from '../../src/model/frame/targetGap.ts';
import { simulateBaseline } from '../../src/model/gpu/baseline.ts';
import { decodeModelFile, encodeModelFile } from '../../src/train/modelFile.ts';
import { frameWorkload } from '../../src/workload/frameWorkload.ts';
import { parseResolution } from '../../src/workload/resolution.ts';
import { seededFieldParams } from '../helpers/fieldModel.ts';
import { hostileValue, mutate, mutations } from './mutate.ts';

const SEED = Number(process.env.NGPC_FUZZ_SEED ?? 14);
/** One case may take this long (the slowest legitimate ones simulate an NFP batch of 16384 queries). */
const CASE_BUDGET_MS = 3000;
const dir = mkdtempSync(join(tmpdir(), 'ngpc-fuzz-'));
const tmp = (name: string) => join(dir, name);
/** A shipped config as data (an NGPC preset with its `extends` base merged in). */
const readConfig = (kind: string, name: string) =>
  readConfigJson(configPath(kind, name)) as Record<string, any>;

type Outcome = 'ok' | 'input error';
const tally = new Map<string, Record<Outcome, number>>();
let slowestMs = 0;
const started = performance.now();

function record(target: string, outcome: Outcome, ms: number): void {
  const row = tally.get(target) ?? { ok: 0, 'input error': 0 };
  row[outcome]++;
  tally.set(target, row);
  slowestMs = Math.max(slowestMs, ms);
  if (ms > CASE_BUDGET_MS)
    throw new Error(`${target}: a case took ${ms.toFixed(0)} ms (budget ${CASE_BUDGET_MS})`);
}

function classify(target: string, e: unknown): Outcome {
  if (e instanceof NgpcInputError) {
    // Exit-2 messages are one line per issue naming where: never a stack or "undefined".
    expect(e.message).not.toMatch(/\n\s+at |Cannot read properties|is not a function|is not iterable/);
    return 'input error';
  }
  const err = e as Error;
  throw new Error(`${target}: ${err?.constructor?.name}: ${err?.message}\n${err?.stack ?? ''}`);
}

/** With NGPC_FUZZ_LAST=file, each case's input is written there first, so a hang leaves its culprit behind. */
function remember(target: string, input: unknown): void {
  if (process.env.NGPC_FUZZ_LAST)
    writeFileSync(process.env.NGPC_FUZZ_LAST, JSON.stringify({ target, input }));
}

function run(target: string, fn: () => unknown, input?: unknown): void {
  remember(target, input);
  const t0 = performance.now();
  let outcome: Outcome = 'ok';
  try {
    fn();
  } catch (e) {
    outcome = classify(target, e);
  }
  record(target, outcome, performance.now() - t0);
}

async function runAsync(target: string, fn: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  let outcome: Outcome = 'ok';
  try {
    await fn();
  } catch (e) {
    outcome = classify(target, e);
  }
  record(target, outcome, performance.now() - t0);
}

const params = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true });
const smallPoint = parseDesignPoint(
  { gpu: 'rtx3090', app: 'gia', encoding: 'hashgrid', resolution: '64x64' },
  'x',
);

afterAll(() => {
  const rows = [...tally.entries()];
  const total = rows.reduce((n, [, r]) => n + r.ok + r['input error'], 0);
  const lines = rows.map(
    ([t, r]) =>
      `  ${t.padEnd(14)} ok ${String(r.ok).padStart(4)}  input error ${String(r['input error']).padStart(4)}`,
  );
  console.log(
    `fuzz (seed ${SEED}): ${total} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, slowest ${slowestMs.toFixed(0)} ms, other outcomes 0\n${lines.join('\n')}`,
  );
});

describe('fuzz: mutated inputs end in success or exit 2', () => {
  it('GPU configs (load, then time a frame)', () => {
    const base = readConfig('gpus', 'rtx3090.json');
    const workload = frameWorkload('nerf', 'hashgrid', parseResolution('1080p'));
    fc.assert(
      fc.property(mutations, (m) => {
        const file = tmp('rtx3090.json');
        writeFileSync(file, JSON.stringify(mutate(base, m)));
        run('gpu config', () => simulateBaseline(workload, loadGpuFile(file)), mutate(base, m));
      }),
      params(300),
    );
  });

  it('NGPC configs (parse, then simulate a point with them)', () => {
    const base = readConfig('ngpc', 'ngpc-16.json');
    fc.assert(
      fc.property(mutations, (m) => {
        run(
          'ngpc config',
          () => {
            const ngpc = parseConfig(mutate(base, m), ngpcConfigSchema, 'ngpc-16.json');
            evaluatePoint(smallPoint, { ngpc });
          },
          mutate(base, m),
        );
      }),
      params(150),
    );
  });

  it('frame configs (parse, then simulate a point with them)', () => {
    const base = readConfig('frame', 'pipeline.json');
    fc.assert(
      fc.property(mutations, (m) => {
        run(
          'frame config',
          () => {
            const frame = parseConfig(mutate(base, m), frameConfigSchema, 'pipeline.json');
            evaluatePoint(smallPoint, { frame });
          },
          mutate(base, m),
        );
      }),
      params(200),
    );
  });

  it('app configs', () => {
    const base = readConfig('apps', 'nerf.json');
    fc.assert(
      fc.property(mutations, (m) => {
        run('app config', () => parseConfig(mutate(base, m), appConfigSchema, 'nerf.json'));
      }),
      params(250),
    );
  });

  it('point files (--config, then evaluate)', () => {
    const base = {
      version: 1,
      gpu: 'rtx3090',
      app: 'nsdf',
      encoding: 'hashgrid',
      resolution: '64x64',
      ngpc: 'ngpc-8',
    };
    fc.assert(
      fc.property(mutations, (m) => {
        const file = tmp('point.json');
        writeFileSync(file, JSON.stringify(mutate(base, m)));
        run('point file', () => evaluatePoint(pointFromFlags({ config: file })), mutate(base, m));
      }),
      params(300),
    );
  });

  it('target files (load, then the gap table)', () => {
    const base = readConfig('targets', 'vr-visionpro-90hz.json');
    fc.assert(
      fc.property(mutations, (m) => {
        const file = tmp('target.json');
        writeFileSync(file, JSON.stringify(mutate(base, m)));
        run('target file', () =>
          targetGaps({
            targets: [loadTargetFile(file)],
            apps: ['gia'],
            encodings: ['hashgrid'],
            gpus: ['rtx3090'],
          }),
        );
      }),
      params(200),
    );
  });

  it('.npy headers', () => {
    const dim = fc.oneof(fc.nat(8), fc.constantFrom(-1, 2 ** 31, 2 ** 53, 1e20));
    const header = fc.record({
      major: fc.constantFrom(1, 2, 3, 0, 9),
      descr: fc.oneof(fc.constantFrom('<f4', '<f8', '>f4', '<i4', '|u1', '<f2'), fc.string({ maxLength: 4 })),
      fortran: fc.constantFrom('False', 'True', 'maybe'),
      shape: fc.array(dim, { maxLength: 3 }),
      lenDelta: fc.oneof(fc.constant(0), fc.integer({ min: -40, max: 40 }), fc.constant(0xffff)),
      dataBytes: fc.oneof(fc.nat(200), fc.constant(-1)),
      cols: fc.option(fc.integer({ min: 1, max: 4 })),
      junk: fc.option(fc.string({ maxLength: 10 })),
    });
    fc.assert(
      fc.property(header, fc.boolean(), (generated, valid) => {
        // Half the cases keep the framing valid so the shape/size checks behind it are reached too.
        const h = valid
          ? { ...generated, major: 1, descr: '<f4', fortran: 'False', lenDelta: 0, junk: null, dataBytes: -1 }
          : generated;
        const shapeText = h.shape.length === 1 ? `(${h.shape[0]},)` : `(${h.shape.join(', ')})`;
        const dict = `{'descr': '${h.descr}', 'fortran_order': ${h.fortran}, 'shape': ${shapeText}, ${h.junk ?? ''}}\n`;
        const text = Buffer.from(dict, 'latin1');
        const pre = h.major === 1 ? 10 : 12;
        // dataBytes -1: exactly what the declared shape needs (so some cases are valid files), when that is small.
        const count = h.shape.reduce((n, d) => n * d, 1);
        const need = count * (h.descr === '<f8' ? 8 : 4);
        const dataBytes = h.dataBytes >= 0 ? h.dataBytes : need >= 0 && need <= 4096 ? need : 0;
        const bytes = Buffer.alloc(pre + text.length + dataBytes, 0x3f);
        Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, h.major, 0]).copy(bytes);
        const len = Math.max(0, text.length + h.lenDelta);
        if (pre === 10) bytes.writeUInt16LE(Math.min(len, 0xffff), 8);
        else bytes.writeUInt32LE(len, 8);
        text.copy(bytes, pre);
        const file = tmp('m.npy');
        writeFileSync(file, bytes);
        run('npy header', () => readMatrix(file, h.cols === null ? {} : { cols: h.cols }));
      }),
      params(400),
    );
  });

  it('.ngpc model headers (decode, app settings, a 4x4 CPU render)', async () => {
    const gridSpec = encodingFromJson(
      {
        otype: 'HashGrid',
        n_levels: 2,
        n_features_per_level: 2,
        log2_hashmap_size: 6,
        base_resolution: 4,
        per_level_scale: 2,
      },
      2,
    ) as GridEncodingSpec;
    const mlpSpec = mlpSpecFromJson(
      {
        otype: 'FullyFusedMLP',
        n_neurons: 16,
        n_hidden_layers: 1,
        activation: 'ReLU',
        output_activation: 'None',
      },
      { nInputDims: 4, nOutputDims: 3 },
    );
    const params0 = seededFieldParams(gridSpec, mlpSpec);
    const bytes0 = encodeModelFile(gridSpec, mlpSpec, params0, {
      app: 'gia',
      nDims: 2,
      optimizer: { otype: 'Adam' },
      loss: 'L2',
      training: {
        steps: 1,
        march: { stepSize: 0.0135, maxSamplesPerRay: 128, minTransmittance: 0.01 },
        occupancy: { gridRes: 64, nCascades: 1 },
      },
      scene: { procedural: 'pattern', render: { sigmaScale: 24, stepsPerUnit: 128, minTransmittance: 0.01 } },
      metrics: {},
      weights: 'ema',
    });
    const headerLen = new DataView(bytes0.buffer).getUint32(12, true);
    const header = JSON.parse(Buffer.from(bytes0.subarray(16, 16 + headerLen)).toString('utf8'));
    const body = bytes0.subarray(16 + headerLen);
    const out = tmp('render.png');
    await fc.assert(
      fc.asyncProperty(
        mutations,
        fc.constantFrom('gia', 'nvr', 'nerf', 'nsdf'),
        fc.option(fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e38)),
        async (m, app, poison) => {
          const h = mutate({ ...header, app }, m);
          let text = JSON.stringify(h);
          while (Buffer.byteLength(text) % 4 !== 0) text += ' ';
          const json = Buffer.from(text, 'utf8');
          const bytes = Buffer.concat([Buffer.from(bytes0.subarray(0, 16)), json, Buffer.from(body)]);
          bytes.writeUInt32LE(json.length, 12);
          if (poison !== null) bytes.writeFloatLE(poison, 16 + json.length + 8);
          await runAsync('model header', async () => {
            const model = decodeModelFile(bytes, 'm.ngpc');
            if (model.header.app === 'nvr') return nvrRenderSettings(model);
            if (model.header.app === 'nerf') return nerfModelSettings(model);
            if (model.header.app === 'gia')
              return renderGiaApp(null, model, { widthPx: 4, heightPx: 4, out });
          });
        },
      ),
      params(300),
    );
  });

  it('expressions in every quantity kind', () => {
    const token = fc.constantFrom(
      ...[
        '1',
        '2.5',
        '1e9',
        '0',
        'GHz',
        'MiB',
        'B',
        's',
        'mm',
        'Hz',
        'W',
        'flop',
        '^',
        '*',
        '/',
        '+',
        '-',
        ' ',
      ],
      ...[
        '(',
        ')',
        'sqrt',
        'max',
        ',',
        '[',
        ']',
        '{',
        '}',
        '"a"',
        ':',
        '=',
        ';',
        'createUnit',
        'zeros',
        'size',
      ],
      ...['config', 'x', 'pi', ' to ', 'import', '?', '!', "'", '.', 'f(x)', 'e'],
    );
    const expression = fc.oneof(
      fc.array(token, { maxLength: 24 }).map((t) => t.join('')),
      fc.string({ maxLength: 30 }),
    );
    const kind = fc.constantFrom<QuantityKind>(
      'count',
      'fraction',
      'hz',
      'bytes',
      'bytesPerS',
      'seconds',
      'mm2',
    );
    fc.assert(
      fc.property(
        expression,
        kind,
        fc.option(fc.constantFrom('GB', 'furlong', 'Hz', '+ 1', '')),
        (text, k, unit) => {
          run('expression', () => {
            try {
              toQuantity(text, k, unit ?? undefined);
            } catch (e) {
              // toQuantity's own error type; the schema turns it into a config issue (exit 2).
              if ((e as Error).constructor.name === 'QuantityError')
                throw new NgpcInputError((e as Error).message);
              throw e;
            }
          });
        },
      ),
      params(600),
    );
  });

  it('hostile values are what they claim (sanity of the generator)', () => {
    fc.assert(
      fc.property(hostileValue, (v) => JSON.parse(JSON.stringify(v ?? null)) !== undefined),
      { numRuns: 20 },
    );
  });
});
