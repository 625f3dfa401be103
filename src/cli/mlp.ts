// `ngpc mlp`: evaluate a tiny-cuda-nn FullyFusedMLP on an inputs file, on WebGPU (fused kernel) or the CPU reference.
import { FlagError, NgpcInputError } from '../errors.ts';
import { sharedGpu } from '../gpu/device.ts';
import { readMatrix, writeMatrix } from '../io/npy.ts';
import { guardOutputFile } from '../io/outputGuard.ts';
import { mlpForwardCpu } from '../mlp/mlp.cpu.ts';
import { MlpGpu } from '../mlp/mlp.gpu.ts';
import { mlpSpecFromJson } from '../mlp/mlpConfig.ts';
import { type MlpLayout, mlpLayout } from '../mlp/mlpLayout.ts';
import { checkFiniteOutputs, forwardInSlices, mlpRowsPerSlice } from '../mlp/mlpSlices.ts';
import {
  checkNetworkKey,
  ignoredNote,
  impliedNetworkDims,
  tcnnSection,
  withinSection,
} from '../workload/tcnnModel.ts';
import type { CommandBody } from './commandBody.ts';
import { io, printJson, println } from './io.ts';
import { withJson } from './options.ts';

interface MlpArgs {
  network: string;
  inputs: string;
  weights: string;
  out: string;
  cpu: boolean;
  f16: boolean;
  'n-input-dims'?: number;
  'n-output-dims'?: number;
  'network-key'?: string;
  json: boolean;
}

function dimsFlag(flag: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw new FlagError(flag, value, 'expected a positive integer');
  return value;
}

/** A width the network JSON gives itself (left to the schema to check). */
function jsonDims(json: unknown, key: string): number | undefined {
  const v = json && typeof json === 'object' ? (json as Record<string, unknown>)[key] : undefined;
  return typeof v === 'number' ? v : undefined;
}

/** Weights as a flat tcnn-layout array: any .npy shape with nParams values, or raw f32. */
function readWeights(file: string, layout: MlpLayout): Float32Array {
  const m = readMatrix(file, {
    what: '--weights',
    ...(file.toLowerCase().endsWith('.npy') ? {} : { cols: 1 }),
  });
  if (m.data.length !== layout.nParams) {
    throw new NgpcInputError(
      `--weights ${file}: has ${m.data.length} values, expected ${layout.nParams} (tcnn layout, no biases: ${layout.matrices
        .map((x) => `${x.rows}x${x.cols}`)
        .join(' + ')})`,
    );
  }
  return m.data;
}

export const mlpCommand: CommandBody<MlpArgs> = {
  builder: (y) =>
    withJson(y)
      .option('network', {
        type: 'string',
        demandOption: true,
        describe:
          'tcnn network JSON ("otype": "FullyFusedMLP"), or an instant-ngp model file (its "network"); comments, "parent" and YAML accepted',
      })
      .option('network-key', {
        type: 'string',
        describe: 'which network of a model file: network (default) | rgb_network',
      })
      .option('inputs', {
        type: 'string',
        demandOption: true,
        describe: 'N × n_input_dims inputs: .npy, or raw little-endian f32',
      })
      .option('weights', {
        type: 'string',
        demandOption: true,
        describe:
          'weights in tcnn layout (W0, hidden, Wout padded to 16 rows; row-major out × in): .npy or raw f32',
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'N × n_output_dims outputs: .npy, or raw f32',
      })
      .option('n-input-dims', {
        type: 'number',
        describe: 'input width (overrides n_input_dims in the JSON)',
      })
      .option('n-output-dims', {
        type: 'number',
        describe: 'output width (overrides n_output_dims in the JSON)',
      })
      .option('cpu', {
        type: 'boolean',
        default: false,
        describe: 'use the f64 CPU reference instead of WebGPU',
      })
      .option('f16', {
        type: 'boolean',
        default: false,
        describe: 'f16 operands on the GPU (f32 accumulation)',
      })
      .example(
        '$0 mlp --network density.json --n-input-dims 32 --n-output-dims 16 --inputs x.npy --weights w.npy --out y.npy',
        'evaluate the NeRF density network (32 → 64 → 16) on the GPU',
      )
      .example(
        '$0 mlp --network instant-ngp/configs/nerf/base.json --network-key rgb_network --inputs x.npy --weights w.npy --out y.npy',
        'the colour network of an instant-ngp NeRF model (widths implied: 32 → 64 → 3)',
      ),
  handler: async (argv) => {
    if (argv.cpu && argv.f16)
      throw new FlagError('f16', true, 'the CPU reference is f64; drop --cpu or --f16');
    guardOutputFile({ flag: 'out', path: argv.out }, [
      { flag: 'network', path: argv.network },
      { flag: 'inputs', path: argv.inputs },
      { flag: 'weights', path: argv.weights },
    ]);
    const key = checkNetworkKey(argv['network-key'] ?? 'network');
    const section = tcnnSection(argv.network, key, argv['network-key'] !== undefined);
    // A whole model implies widths (encoding output, NeRF's 16 density features); flags and JSON keys still win.
    const implied = section.path === '$' ? {} : impliedNetworkDims(argv.network, key);
    const label = `${argv.network} ${key}`;
    const spec = withinSection(argv.network, section, label, () =>
      mlpSpecFromJson(
        section.json,
        {
          nInputDims:
            dimsFlag('n-input-dims', argv['n-input-dims']) ??
            jsonDims(section.json, 'n_input_dims') ??
            implied.nInputDims,
          nOutputDims:
            dimsFlag('n-output-dims', argv['n-output-dims']) ??
            jsonDims(section.json, 'n_output_dims') ??
            implied.nOutputDims,
        },
        section.path === '$' ? argv.network : label,
      ),
    );
    const note = ignoredNote(argv.network, section.ignored);
    if (note) io().err(`${note}\n`);
    const layout = mlpLayout(spec);
    const inputs = readMatrix(argv.inputs, { what: '--inputs', cols: spec.nInputDims });
    const weights = readWeights(argv.weights, layout);
    let outputs: Float32Array;
    let device = 'cpu reference (f64)';
    if (argv.cpu) {
      outputs = Float32Array.from(mlpForwardCpu(layout, weights, inputs.data).outputs);
    } else {
      const ctx = await sharedGpu();
      device = `${ctx.adapterName}, ${argv.f16 ? 'f16' : 'f32'}`;
      const mlp = new MlpGpu(ctx, layout, { precision: argv.f16 ? 'f16' : 'f32' });
      try {
        mlp.setParams(weights);
        // Inputs past one storage binding (128 MiB on lavapipe) run in slices, as `encode` does.
        const rows = mlpRowsPerSlice(layout, ctx.limits.maxStorageBufferBindingSize);
        outputs = await forwardInSlices(inputs.data, spec.nInputDims, spec.nOutputDims, rows, (x) =>
          mlp.forward(x),
        );
      } finally {
        mlp.destroy();
      }
    }
    checkFiniteOutputs(outputs, spec.nOutputDims, argv.cpu ? 'f64' : argv.f16 ? 'f16' : 'f32');
    writeMatrix(argv.out, outputs, inputs.rows, spec.nOutputDims);
    const summary = {
      network: argv.network,
      nRows: inputs.rows,
      nInputDims: spec.nInputDims,
      nOutputDims: spec.nOutputDims,
      nNeurons: spec.nNeurons,
      nHiddenLayers: spec.nHiddenLayers,
      nParams: layout.nParams,
      device,
      out: argv.out,
    };
    if (argv.json) return printJson(summary);
    println(
      `evaluated ${inputs.rows} rows → ${inputs.rows} × ${spec.nOutputDims} outputs on ${device}: ${argv.out}`,
    );
  },
};
