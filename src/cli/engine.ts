// `ngpc engine mlp`: GEMMs (M×K×N) on the MLP engine's systolic array under a ws, os or is dataflow, cycles per GEMM.
import { DATAFLOWS, type Dataflow, ngpcConfigByName } from '../config/ngpc.ts';
import { FlagError, NgpcInputError } from '../errors.ts';
import { type MlpEngineParams, mlpEngineGemmCycles, mlpEngineParams } from '../model/ngpc/mlpEngine.ts';
import type { GemmShape } from '../model/ngpc/systolicGemm.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';

/** Bounds that keep every count a safe integer and a typo from running away. */
const MAX_GEMM_DIM = 2 ** 24;
const MAX_ARRAY_SIDE = 4096;
const MAX_OVERHEAD_CYCLES = 4096;
const ENGINES = ['mlp'] as const;

interface EngineArgs {
  engine: string | undefined;
  preset: string;
  gemm: string[];
  rows?: number;
  cols?: number;
  dataflow?: string;
  'pass-overhead'?: number;
  'sub-batch'?: number;
  'double-buffer': boolean;
  json: boolean;
}

function wholeInRange(flag: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new FlagError(flag, value, `expected a whole number from ${min} to ${max}`);
  return value;
}

/** `MxKxN` (x, X or ×) → a GEMM; anything else names the flag, the text and the form expected. */
function parseGemm(text: string): GemmShape {
  const expected = `expected MxKxN (queries x inputs x outputs), each a whole number from 1 to ${MAX_GEMM_DIM}, e.g. 1024x32x64`;
  const match = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(text);
  if (!match) throw new FlagError('gemm', text, expected);
  const [m, k, n] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if ([m, k, n].some((d) => d < 1 || d > MAX_GEMM_DIM)) throw new FlagError('gemm', text, expected);
  return { m, k, n };
}

function parseDataflow(value: string | undefined): Dataflow | undefined {
  if (value === undefined) return undefined;
  if (!(DATAFLOWS as readonly string[]).includes(value))
    throw new FlagError('dataflow', value, `expected one of ${DATAFLOWS.join(', ')}`);
  return value as Dataflow;
}

/** The preset's MLP engine with the flags laid over it. */
function engineParams(argv: EngineArgs): MlpEngineParams {
  const base = mlpEngineParams(ngpcConfigByName(argv.preset));
  return {
    ...base,
    arrayRows: wholeInRange('rows', argv.rows, 1, MAX_ARRAY_SIDE) ?? base.arrayRows,
    arrayCols: wholeInRange('cols', argv.cols, 1, MAX_ARRAY_SIDE) ?? base.arrayCols,
    passOverheadCycles:
      wholeInRange('pass-overhead', argv['pass-overhead'], 0, MAX_OVERHEAD_CYCLES) ?? base.passOverheadCycles,
    dataflow: parseDataflow(argv.dataflow) ?? base.dataflow,
    stationaryDoubleBuffered: argv['double-buffer'],
  };
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

export const engineCommand: CommandBody<EngineArgs> = {
  builder: (y) =>
    withJson(y)
      .positional('engine', { type: 'string', describe: `one of ${ENGINES.join(', ')}` })
      .option('gemm', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'a GEMM MxKxN: M queries, K inputs, N outputs (repeat for layers run one after another)',
      })
      .option('preset', {
        type: 'string',
        default: 'ngpc-8',
        describe: 'NGPC preset (configs/ngpc) giving every value a flag does not',
      })
      .option('rows', { type: 'number', describe: `array rows, 1..${MAX_ARRAY_SIDE}` })
      .option('cols', { type: 'number', describe: `array columns, 1..${MAX_ARRAY_SIDE}` })
      .option('dataflow', {
        type: 'string',
        describe: `${DATAFLOWS.join(' | ')} (stationary weights, outputs, inputs)`,
      })
      .option('pass-overhead', {
        type: 'number',
        describe:
          'cycles added to each fold’s fill beyond the row skew (the preset’s mlp.passOverheadCycles)',
      })
      .option('sub-batch', {
        type: 'number',
        describe: 'queries per sub-batch of M (default: what the activation SRAM holds at the widest K or N)',
      })
      .option('double-buffer', {
        type: 'boolean',
        default: true,
        describe: 'swap the stationary operand behind the current fold (--no-double-buffer exposes it)',
      })
      .example(
        '$0 engine mlp --rows 64 --cols 64 --dataflow ws --gemm 1024x32x64 --gemm 1024x64x16',
        "NeRF's density network on 1024 queries, weight-stationary",
      )
      .example(
        '$0 engine mlp --dataflow os --gemm 4096x64x64 --json',
        'one layer, output-stationary, as JSON',
      ),
  handler: (argv) => {
    if (!(ENGINES as readonly string[]).includes(argv.engine ?? ''))
      throw new NgpcInputError(
        `engine ${JSON.stringify(argv.engine)}: expected one of ${ENGINES.join(', ')}`,
      );
    const p = engineParams(argv);
    const gemms = argv.gemm.map(parseGemm);
    const sub = wholeInRange('sub-batch', argv['sub-batch'], 1, MAX_GEMM_DIM);
    const r = mlpEngineGemmCycles(gemms, p, sub);
    if (!Number.isSafeInteger(r.totalCycles))
      throw new FlagError('gemm', argv.gemm.join(' '), 'expected GEMMs totalling fewer than 2^53 cycles');
    if (argv.json)
      return printJson({
        gemms: r.gemms,
        totalCycles: r.totalCycles,
        utilization: r.utilization,
        dataflow: r.dataflow,
        subBatchQueries: r.subBatchQueries,
        preset: argv.preset,
        array: {
          rows: p.arrayRows,
          cols: p.arrayCols,
          passOverheadCycles: p.passOverheadCycles,
          stationaryDoubleBuffered: p.stationaryDoubleBuffered,
        },
      });
    println(
      `MLP engine (${argv.preset}${[argv.rows, argv.cols, argv['pass-overhead']].some((v) => v !== undefined) ? ' with flags over it' : ''}): ` +
        `${p.arrayRows}×${p.arrayCols} array, ${r.dataflow} dataflow, fill ${p.arrayRows} + ${p.passOverheadCycles}, ` +
        `drain ${p.arrayCols}, stationary swap ${p.stationaryDoubleBuffered ? 'hidden' : 'exposed'}, ` +
        `sub-batch ${r.subBatchQueries} queries`,
    );
    for (const g of r.gemms)
      println(
        `  ${`${g.m}×${g.k}×${g.n}`.padEnd(22)} ${String(g.folds).padStart(8)} folds ${String(g.cycles).padStart(12)} cycles  ${percent(g.utilization).padStart(7)}`,
      );
    println(
      `  ${'total'.padEnd(22)} ${''.padStart(14)} ${String(r.totalCycles).padStart(12)} cycles  ${percent(r.utilization).padStart(7)}`,
    );
  },
};
