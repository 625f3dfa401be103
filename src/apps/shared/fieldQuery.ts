// A neural field (or a ground truth) as a batched query: positions in [0,1]³ in, N × outputs out, GPU or CPU.
import { levelLayout } from '../../encoding/gridLayout.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { EncodeMlpGpu } from '../../mlp/encodeMlp.gpu.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import { fieldForwardCpu } from '../../train/field.ts';
import type { ModelFile } from '../../train/modelFile.ts';

/** Evaluates N positions (N × 3, in [0,1]³) and returns N × outputs values. */
export type FieldQuery = (positions: Float32Array) => Promise<Float32Array>;

/** Largest batch of one GPU dispatch (keeps every buffer well inside one storage binding). */
const QUERY_CHUNK = 1 << 18;

/** A model's field on the GPU (fused encode + MLP kernel), with a destroy for its buffers. */
export function gpuFieldQuery(ctx: GpuContext, model: ModelFile): { query: FieldQuery; destroy: () => void } {
  const field = new EncodeMlpGpu(ctx, levelLayout(model.gridSpec), mlpLayout(model.mlpSpec));
  field.setParams(model.params.grid, model.params.mlp);
  const nOut = model.mlpSpec.nOutputDims;
  const query: FieldQuery = async (positions) => {
    const n = positions.length / 3;
    const out = new Float32Array(n * nOut);
    for (let first = 0; first < n; first += QUERY_CHUNK) {
      const last = Math.min(n, first + QUERY_CHUNK);
      out.set(await field.run(positions.slice(first * 3, last * 3), 'fused'), first * nOut);
    }
    return out;
  };
  return { query, destroy: () => field.destroy() };
}

/** The exact CPU reference of the same field (f64 encoding and MLP), for tests and small renders. */
export function cpuFieldQuery(model: ModelFile): FieldQuery {
  const gl = levelLayout(model.gridSpec);
  const ml = mlpLayout(model.mlpSpec);
  return async (positions) => Float32Array.from(fieldForwardCpu(gl, ml, model.params, positions));
}
