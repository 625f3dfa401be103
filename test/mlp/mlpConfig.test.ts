import { describe, expect, it } from 'vitest';
import { ConfigError, NgpcInputError } from '../../src/errors.ts';
import { mlpSpecFromJson, mlpToJson } from '../../src/mlp/mlpConfig.ts';
import { initMlpParams } from '../../src/mlp/mlpInit.ts';
import { mlpLayout } from '../../src/mlp/mlpLayout.ts';

const nerfDensity = {
  otype: 'FullyFusedMLP',
  n_neurons: 64,
  n_hidden_layers: 1,
  activation: 'ReLU',
  output_activation: 'None',
};

describe('MLP config (tcnn network JSON)', () => {
  it('fills tcnn defaults and reads the widths', () => {
    const spec = mlpSpecFromJson({ otype: 'FullyFusedMLP' }, { nInputDims: 32, nOutputDims: 4 });
    expect(spec).toEqual({
      otype: 'FullyFusedMLP',
      nInputDims: 32,
      nOutputDims: 4,
      nNeurons: 128,
      nHiddenLayers: 5,
      activation: 'ReLU',
      outputActivation: 'None',
    });
  });

  it('round-trips through toJSON', () => {
    const spec = mlpSpecFromJson({ ...nerfDensity, n_input_dims: 32, n_output_dims: 16 });
    expect(mlpSpecFromJson(mlpToJson(spec))).toEqual(spec);
  });

  it('accepts activation names case-insensitively, as tcnn does', () => {
    const spec = mlpSpecFromJson(
      { ...nerfDensity, activation: 'relu', output_activation: 'sigmoid' },
      { nInputDims: 3, nOutputDims: 1 },
    );
    expect(spec.activation).toBe('ReLU');
    expect(spec.outputActivation).toBe('Sigmoid');
  });

  it.each([
    [{ ...nerfDensity, n_neurons: 48 }, /\$\.n_neurons = 48: expected one of 16, 32, 64, 128/],
    [{ ...nerfDensity, n_hidden_layers: 0 }, /\$\.n_hidden_layers = 0: expected hidden layer count >= 1/],
    [
      { ...nerfDensity, activation: 'Tanh' },
      /\$\.activation = "Tanh": Tanh is a tiny-cuda-nn activation that ngpc does not implement/,
    ],
    [
      { ...nerfDensity, output_activation: 'Bogus' },
      /\$\.output_activation = "Bogus": expected one of None, ReLU, Sigmoid, Exponential/,
    ],
    [{ ...nerfDensity, otype: 'CutlassMLP' }, /CutlassMLP is not modelled/],
    [{ ...nerfDensity, n_neuron: 64 }, /\$\.n_neuron: unknown key/],
    [{ n_neurons: 64 }, /\$\.otype: .*FullyFusedMLP/],
  ])('rejects %j with a line naming the JSON path', (json, message) => {
    const call = () => mlpSpecFromJson(json, { nInputDims: 32, nOutputDims: 16 }, 'net.json');
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(message);
  });

  it('needs the input and output widths from JSON or arguments', () => {
    expect(() => mlpSpecFromJson(nerfDensity, { nOutputDims: 1 }, 'net.json')).toThrow(NgpcInputError);
    expect(() => mlpSpecFromJson(nerfDensity, { nOutputDims: 1 }, 'net.json')).toThrow(
      /n_input_dims: missing/,
    );
  });
});

describe('MLP layout (tcnn order, no biases, output padded to 16)', () => {
  it('NeRF density network: 64·32 + 16·64 = 3,072 parameters (docs/sources.md#kernels-2-1)', () => {
    const layout = mlpLayout(mlpSpecFromJson(nerfDensity, { nInputDims: 32, nOutputDims: 16 }));
    expect(layout.nParams).toBe(3072);
    expect(layout.matrices.map((m) => [m.rows, m.cols, m.offset])).toEqual([
      [64, 32, 0],
      [16, 64, 2048],
    ]);
  });

  it('NeRF rgb network: 64·32 + 64·64 + 16·64 = 7,168 parameters, 3 outputs padded to 16', () => {
    const layout = mlpLayout(
      mlpSpecFromJson({ ...nerfDensity, n_hidden_layers: 2 }, { nInputDims: 32, nOutputDims: 3 }),
    );
    expect(layout.nParams).toBe(7168);
    expect(layout.outputDimsPadded).toBe(16);
    expect(layout.matrices.at(-1)).toMatchObject({ rows: 16, cols: 64, offset: 6144 });
  });

  it('pads the input width to a multiple of 16', () => {
    const layout = mlpLayout(
      mlpSpecFromJson({ ...nerfDensity, n_neurons: 16 }, { nInputDims: 3, nOutputDims: 1 }),
    );
    expect(layout.inputDimsPadded).toBe(16);
    expect(layout.matrices[0]).toMatchObject({ rows: 16, cols: 16 });
    expect(layout.nParams).toBe(16 * 16 + 16 * 16);
  });
});

describe('Xavier-uniform init', () => {
  const layout = mlpLayout(
    mlpSpecFromJson({ ...nerfDensity, n_hidden_layers: 2 }, { nInputDims: 32, nOutputDims: 3 }),
  );

  it('is deterministic per seed and bounded by sqrt(6/(fan_in+fan_out)) per matrix', () => {
    const a = initMlpParams(layout, 7);
    expect(initMlpParams(layout, 7)).toEqual(a);
    expect(initMlpParams(layout, 8)).not.toEqual(a);
    for (const m of layout.matrices) {
      const s = Math.sqrt(6 / (m.rows + m.cols));
      const values = a.subarray(m.offset, m.offset + m.nParams);
      const max = values.reduce((x, v) => Math.max(x, Math.abs(v)), 0);
      expect(max).toBeLessThanOrEqual(s);
      expect(max).toBeGreaterThan(0.9 * s); // thousands of draws reach close to the bound
    }
  });
});
