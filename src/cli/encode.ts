// `ngpc encode`: run a tiny-cuda-nn encoding (grid or spherical harmonics) over a points file, on WebGPU or the CPU.
import { encodePoints, levelTableJson, readGridParams, readUnitPoints } from '../encoding/encodePoints.ts';
import { encodingFromJson, encodingOutputWidth } from '../encoding/encodingConfig.ts';
import { type GridEncodingSpec, type LevelLayout, levelLayout } from '../encoding/gridLayout.ts';
import { FlagError, NgpcInputError } from '../errors.ts';
import { sharedGpu } from '../gpu/device.ts';
import { writeMatrix } from '../io/npy.ts';
import { guardOutputFile } from '../io/outputGuard.ts';
import { ignoredNote, tcnnSection, withinSection } from '../workload/tcnnModel.ts';
import type { CommandBody } from './commandBody.ts';
import { flagName } from './flags.ts';
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

export const encodeCommand: CommandBody<EncodeArgs> = {
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
        if (argv.json) printJson(levelTableJson(layout));
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
    const points = readUnitPoints(argv.points, argv.dims, flagName('points'));
    const width = encodingOutputWidth(spec);
    if (!layout && argv.params !== undefined)
      throw new FlagError('params', argv.params, 'SphericalHarmonics has no parameters');
    const params =
      layout && argv.params !== undefined
        ? readGridParams(argv.params, layout, flagName('params'))
        : undefined;
    const { features, device } = await encodePoints(spec, layout, points.data, {
      cpu: argv.cpu,
      params,
      seed: argv.seed,
      gpu: sharedGpu,
    });
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
      ...(argv.layout && layout ? levelTableJson(layout) : {}),
    };
    if (argv.json) return printJson(summary);
    println(`encoded ${points.rows} points → ${points.rows} × ${width} features on ${device}: ${argv.out}`);
  },
};

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
