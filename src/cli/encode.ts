// `ngpc encode`: run a tiny-cuda-nn encoding (grid or spherical harmonics) over a points file, on WebGPU or the CPU.
import type { CommandModule } from 'yargs';
import {
  type EncodingSpec,
  encodeGridCpu,
  encodeShCpu,
  encodeShGpu,
  encodingFromJson,
  encodingOutputWidth,
  FlagError,
  GridEncodingGpu,
  type GridEncodingSpec,
  guardOutputFile,
  ignoredNote,
  initGridParams,
  type LevelLayout,
  levelLayout,
  NgpcInputError,
  readMatrix,
  seededRng,
  sharedGpu,
  tcnnSection,
  withinSection,
  writeMatrix,
} from '../index.ts';
import { io, printJson, println } from './io.ts';
import { withJson } from './options.ts';

interface EncodeArgs {
  encoding: string;
  dims: number;
  points?: string;
  params?: string;
  out?: string;
  cpu: boolean;
  layout: boolean;
  seed: number;
  json: boolean;
}

export const encodeCommand: CommandModule<object, EncodeArgs> = {
  command: 'encode',
  describe:
    'encode points with a tiny-cuda-nn encoding JSON (HashGrid, DenseGrid, TiledGrid, SphericalHarmonics)',
  builder: (y) =>
    withJson(y)
      .option('encoding', {
        type: 'string',
        demandOption: true,
        describe:
          'tcnn encoding JSON ("otype" required), or an instant-ngp model file (its "encoding"); comments, "parent" and YAML accepted',
      })
      .option('dims', {
        type: 'number',
        default: 3,
        describe: 'input dimensions: 2 or 3 (SphericalHarmonics: 3)',
      })
      .option('points', {
        type: 'string',
        describe: 'N × dims points in [0,1] (directions as (d+1)/2 for SH): .npy, or raw little-endian f32',
      })
      .option('params', {
        type: 'string',
        describe:
          'grid parameters in tcnn layout (entry-major, F adjacent): .npy or raw f32; default: seeded init',
      })
      .option('out', {
        type: 'string',
        describe: 'output N × (L·F) features: .npy, or raw f32 for other extensions',
      })
      .option('cpu', { type: 'boolean', default: false, describe: 'use the CPU reference instead of WebGPU' })
      .option('layout', {
        type: 'boolean',
        default: false,
        describe: 'print the level table (level, resolution, …)',
      })
      .option('seed', {
        type: 'number',
        default: 1,
        describe: 'seed of the uniform ±1e-4 init when --params is absent',
      })
      .example(
        '$0 encode --encoding hashgrid.json --dims 3 --points pts.npy --out features.npy',
        'encode N×3 points on the GPU with a seeded tcnn-style init',
      )
      .example('$0 encode --encoding enc.json --dims 2 --layout', 'print the level table only')
      .example(
        '$0 encode --encoding instant-ngp/configs/nerf/densegrid.json --layout',
        'the encoding of an instant-ngp model file (its "parent" resolved)',
      ),
  handler: async (argv) => {
    if (argv.dims !== 2 && argv.dims !== 3) throw new FlagError('dims', argv.dims, 'expected 2 or 3');
    if (!Number.isInteger(argv.seed) || argv.seed < 0 || argv.seed > 0xffffffff) {
      throw new FlagError('seed', argv.seed, 'expected an integer in [0, 2^32)');
    }
    const section = tcnnSection(argv.encoding, 'encoding');
    const label = `${argv.encoding} encoding`;
    const spec = withinSection(argv.encoding, section, label, () =>
      encodingFromJson(section.json, argv.dims, section.path === '$' ? argv.encoding : label),
    );
    const note = ignoredNote(argv.encoding, section.ignored);
    if (note) io().err(`${note}\n`);
    const layout = spec.otype === 'SphericalHarmonics' ? null : levelLayout(spec);
    if (argv.layout) {
      if (!layout) throw new FlagError('layout', true, 'SphericalHarmonics has no level table');
      if (!argv.json) printLayout(layout);
      if (argv.points === undefined && argv.out === undefined) {
        if (argv.json) printJson(layoutJson(layout));
        return;
      }
    }
    if (argv.points === undefined)
      throw new NgpcInputError('--points: expected a points file (or use --layout alone)');
    if (argv.out === undefined) throw new NgpcInputError('--out: expected an output file (.npy, or raw f32)');
    guardOutputFile({ flag: 'out', path: argv.out }, [
      { flag: 'encoding', path: argv.encoding },
      { flag: 'points', path: argv.points },
      argv.params === undefined ? undefined : { flag: 'params', path: argv.params },
    ]);
    const points = readPoints(argv.points, argv.dims);
    const width = encodingOutputWidth(spec);
    let features: Float32Array;
    let device = 'cpu reference';
    if (!layout) {
      if (argv.params !== undefined)
        throw new FlagError('params', argv.params, 'SphericalHarmonics has no parameters');
      if (argv.cpu)
        features = encodeShCpu(spec as Extract<EncodingSpec, { otype: 'SphericalHarmonics' }>, points.data);
      else {
        const ctx = await sharedGpu();
        device = ctx.adapterName;
        features = await encodeShGpu(
          ctx,
          spec as Extract<EncodingSpec, { otype: 'SphericalHarmonics' }>,
          points.data,
        );
      }
    } else {
      const params =
        argv.params !== undefined
          ? readParams(argv.params, layout)
          : initGridParams(layout, seededRng(argv.seed));
      if (argv.cpu) features = encodeGridCpu(layout, params, points.data);
      else {
        const ctx = await sharedGpu();
        device = ctx.adapterName;
        const grid = new GridEncodingGpu(ctx, layout);
        try {
          grid.setParams(params);
          features = await grid.encode(points.data);
        } finally {
          grid.destroy();
        }
      }
    }
    writeMatrix(argv.out, features, points.rows, width);
    const summary = {
      encoding: argv.encoding,
      otype: spec.otype,
      nPoints: points.rows,
      outputWidth: width,
      nParams: layout?.nParams ?? 0,
      params: argv.params ?? (layout ? `seeded init (seed ${argv.seed})` : 'none'),
      device,
      out: argv.out,
      ...(argv.layout && layout ? layoutJson(layout) : {}),
    };
    if (argv.json) return printJson(summary);
    println(`encoded ${points.rows} points → ${points.rows} × ${width} features on ${device}: ${argv.out}`);
  },
};

function readPoints(file: string, dims: number) {
  const points = readMatrix(file, { cols: dims, what: '--points' });
  const data = points.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= 0 && v <= 1)) {
      const row = Math.floor(i / dims);
      throw new NgpcInputError(
        `--points ${file}: value ${v} at row ${row}, column ${i - row * dims} is outside [0, 1] (tcnn encodings expect unit-cube inputs)`,
      );
    }
  }
  return points;
}

/** Parameters as a flat tcnn-layout array: (nParams,), (entries, F) or (nParams, 1) in .npy; raw f32 rows of F. */
function readParams(file: string, layout: LevelLayout): Float32Array {
  const nF = layout.spec.nFeaturesPerLevel;
  const m = readMatrix(file, {
    what: '--params',
    ...(file.toLowerCase().endsWith('.npy') ? {} : { cols: nF }),
  });
  if (m.data.length !== layout.nParams) {
    throw new NgpcInputError(
      `--params ${file}: has ${m.data.length} values (${m.rows} × ${m.cols}), expected ${layout.nParams} ` +
        `(${layout.totalEntries} entries × ${nF} features, tcnn layout)`,
    );
  }
  return m.data;
}

function layoutJson(layout: LevelLayout) {
  return {
    nParams: layout.nParams,
    totalEntries: layout.totalEntries,
    levels: layout.levels.map((l) => ({
      level: l.level,
      scale: l.scale,
      resolution: l.resolution,
      hashed: l.hashed,
      entries: l.entries,
      offset: l.offset,
    })),
  };
}

function printLayout(layout: LevelLayout): void {
  const s: GridEncodingSpec = layout.spec;
  println(
    `${s.otype} (${s.type}) ${s.nDims}-D: L=${s.nLevels} F=${s.nFeaturesPerLevel} log2T=${s.log2HashmapSize} ` +
      `N_min=${s.baseResolution} b=${s.perLevelScale} ${s.interpolation}`,
  );
  println('level  resolution  storage        entries       offset');
  for (const l of layout.levels) {
    println(
      `${String(l.level).padStart(5)}  ${String(l.resolution).padStart(10)}  ${(l.hashed ? 'hashed' : 'dense').padEnd(6)}  ${String(l.entries).padStart(13)}  ${String(l.offset).padStart(11)}`,
    );
  }
  println(`total ${layout.totalEntries} entries, ${layout.nParams} parameters`);
}
