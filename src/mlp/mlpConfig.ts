// MLP specs from tiny-cuda-nn network JSON: the zod schema (FullyFusedMLP keys and defaults) and the MlpSpec it yields.
import { z } from 'zod';
import { parseConfig } from '../config/load.ts';
import { NgpcInputError } from '../errors.ts';

/** Hidden widths the fully fused kernel supports (tcnn `fully_fused_mlp.cu`; docs/sources.md#kernels-3-1). */
export const MLP_WIDTHS = [16, 32, 64, 128] as const;
export type MlpWidth = (typeof MLP_WIDTHS)[number];

/** Activations ngpc implements (a subset of tcnn's `Activation` enum; docs/sources.md#kernels-3-1). */
export const MLP_ACTIVATIONS = ['None', 'ReLU', 'Sigmoid', 'Exponential'] as const;
export type MlpActivation = (typeof MLP_ACTIVATIONS)[number];

/** tcnn activations that exist but are not implemented here: named in the error so users know why. */
const TCNN_ONLY_ACTIVATIONS = ['LeakyReLU', 'Sine', 'Squareplus', 'Softplus', 'Tanh'] as const;

/** Largest input width accepted (the fused kernel stages one input row per batch row in workgroup memory). */
export const MLP_MAX_INPUT_DIMS = 256;
/** Largest output width accepted (tcnn fuses the last layer only up to 16 outputs; ngpc allows a few tiles). */
export const MLP_MAX_OUTPUT_DIMS = 128;

/** A fully fused MLP (tcnn FullyFusedMLP): camelCase of its JSON keys, with the input/output widths. */
export interface MlpSpec {
  otype: 'FullyFusedMLP';
  /** Width of the inputs the caller provides (padded to a multiple of 16 inside; docs/sources.md#kernels-3-1). */
  nInputDims: number;
  /** Width of the outputs the caller reads (the last matrix has pad16(nOutputDims) rows). */
  nOutputDims: number;
  nNeurons: MlpWidth;
  /** Hidden layers (≥ 1): there are nHiddenLayers + 1 weight matrices. */
  nHiddenLayers: number;
  activation: MlpActivation;
  outputActivation: MlpActivation;
}

const activationName = z.string({ error: 'expected an activation name' }).transform((raw, ctx) => {
  const hit = MLP_ACTIVATIONS.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (hit) return hit;
  const tcnnOnly = TCNN_ONLY_ACTIVATIONS.find((a) => a.toLowerCase() === raw.toLowerCase());
  ctx.addIssue({
    code: 'custom',
    input: raw,
    message: tcnnOnly
      ? `${tcnnOnly} is a tiny-cuda-nn activation that ngpc does not implement; expected one of ${MLP_ACTIVATIONS.join(', ')}`
      : `expected one of ${MLP_ACTIVATIONS.join(', ')}`,
  });
  return z.NEVER;
});

const otype = z.string({ error: 'expected "FullyFusedMLP"' }).transform((raw, ctx) => {
  if (raw.toLowerCase() === 'fullyfusedmlp') return 'FullyFusedMLP' as const;
  ctx.addIssue({
    code: 'custom',
    input: raw,
    message:
      raw.toLowerCase() === 'cutlassmlp'
        ? 'CutlassMLP is not modelled (it differs in padding and precision); use "FullyFusedMLP" with 16/32/64/128 neurons'
        : 'expected "FullyFusedMLP"',
  });
  return z.NEVER;
});

const count = (what: string, min: number, max: number) =>
  z
    .number({ error: `expected ${what}` })
    .int({ error: `expected an integer ${what}` })
    .min(min, { error: `expected ${what} >= ${min}` })
    .max(max, { error: `expected ${what} <= ${max}` });

/**
 * tcnn network keys (tcnn DOCUMENTATION.md "Networks"; docs/sources.md#kernels-3-1). `otype` is required (ngpc never guesses a
 * component). Defaults as tcnn: activation "ReLU", output_activation "None", n_neurons 128, n_hidden_layers 5.
 * `n_input_dims` / `n_output_dims` are ngpc additions (tcnn passes them to the constructor), optional here and
 * required by `mlpSpecFromJson` unless given as arguments. Unknown keys are errors.
 */
export const mlpJsonSchema = z.strictObject({
  otype,
  n_neurons: z
    .number({ error: 'expected one of 16, 32, 64, 128' })
    .refine((v): v is MlpWidth => (MLP_WIDTHS as readonly number[]).includes(v), {
      error: 'expected one of 16, 32, 64, 128 (FullyFusedMLP widths; tcnn uses CutlassMLP for others)',
    })
    .default(128),
  n_hidden_layers: count('hidden layer count', 1, 64).default(5),
  activation: activationName.default('ReLU'),
  output_activation: activationName.default('None'),
  n_input_dims: count('input width', 1, MLP_MAX_INPUT_DIMS).optional(),
  n_output_dims: count('output width', 1, MLP_MAX_OUTPUT_DIMS).optional(),
});

export type MlpJson = z.input<typeof mlpJsonSchema>;

export interface MlpDimsOverride {
  nInputDims?: number;
  nOutputDims?: number;
}

/**
 * An MlpSpec from tcnn network JSON; `dims` (e.g. CLI flags) win over `n_input_dims`/`n_output_dims` in the JSON.
 * Throws ConfigError naming `file` and the JSON path, or NgpcInputError when a width is missing.
 */
export function mlpSpecFromJson(raw: unknown, dims: MlpDimsOverride = {}, file = 'network'): MlpSpec {
  const json = parseConfig(raw, mlpJsonSchema, file);
  const nInputDims = dims.nInputDims ?? json.n_input_dims;
  const nOutputDims = dims.nOutputDims ?? json.n_output_dims;
  if (nInputDims === undefined) {
    throw new NgpcInputError(`${file}: $.n_input_dims: missing; give it in the JSON or as --n-input-dims`);
  }
  if (nOutputDims === undefined) {
    throw new NgpcInputError(`${file}: $.n_output_dims: missing; give it in the JSON or as --n-output-dims`);
  }
  return checkMlpSpec(
    {
      otype: 'FullyFusedMLP',
      nInputDims,
      nOutputDims,
      nNeurons: json.n_neurons as MlpWidth,
      nHiddenLayers: json.n_hidden_layers,
      activation: json.activation,
      outputActivation: json.output_activation,
    },
    file,
  );
}

/** Checks a spec built in code (the same limits as the JSON schema); returns it. */
export function checkMlpSpec(spec: MlpSpec, what = 'MLP'): MlpSpec {
  const bad = (field: string, value: unknown, expected: string): never => {
    throw new NgpcInputError(`${what}: ${field} = ${JSON.stringify(value)}: expected ${expected}`);
  };
  if (!(MLP_WIDTHS as readonly number[]).includes(spec.nNeurons))
    bad('nNeurons', spec.nNeurons, '16, 32, 64 or 128');
  if (!Number.isInteger(spec.nHiddenLayers) || spec.nHiddenLayers < 1)
    bad('nHiddenLayers', spec.nHiddenLayers, '>= 1');
  if (!Number.isInteger(spec.nInputDims) || spec.nInputDims < 1 || spec.nInputDims > MLP_MAX_INPUT_DIMS) {
    bad('nInputDims', spec.nInputDims, `an integer in 1..${MLP_MAX_INPUT_DIMS}`);
  }
  if (!Number.isInteger(spec.nOutputDims) || spec.nOutputDims < 1 || spec.nOutputDims > MLP_MAX_OUTPUT_DIMS) {
    bad('nOutputDims', spec.nOutputDims, `an integer in 1..${MLP_MAX_OUTPUT_DIMS}`);
  }
  for (const key of ['activation', 'outputActivation'] as const) {
    if (!(MLP_ACTIVATIONS as readonly string[]).includes(spec[key]))
      bad(key, spec[key], MLP_ACTIVATIONS.join(', '));
  }
  return spec;
}

/** The tcnn JSON that rebuilds a spec (round-trips through `mlpSpecFromJson`). */
export function mlpToJson(spec: MlpSpec): Required<MlpJson> {
  return {
    otype: spec.otype,
    n_neurons: spec.nNeurons,
    n_hidden_layers: spec.nHiddenLayers,
    activation: spec.activation,
    output_activation: spec.outputActivation,
    n_input_dims: spec.nInputDims,
    n_output_dims: spec.nOutputDims,
  };
}
