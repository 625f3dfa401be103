// NeRF datasets: posed RGBA views per split, generated from a built-in scene or read/written in NeRF-synthetic format.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { parseConfig, readJsonFile } from '../../config/load.ts';
import { seededRng } from '../../encoding/rng.ts';
import { NgpcInputError, OptionError, verbatim } from '../../errors.ts';
import { writeFileAtomic } from '../../io/write.ts';
import { lookAtPose, type NerfCamera } from './camera.ts';
import { type RgbaImage, renderSyntheticView, type SyntheticScene } from './syntheticScene.ts';

export const NERF_SPLITS = ['train', 'val', 'test'] as const;
export type NerfSplit = (typeof NERF_SPLITS)[number];

export interface NerfView {
  /** Frame name (the file name without extension). */
  name: string;
  camera: NerfCamera;
  image: RgbaImage;
}

/** Views per split; every view of a dataset has the same size and field of view. */
export interface NerfDataset {
  /** Where it came from: `synthetic:<name>` or the directory. */
  source: string;
  widthPx: number;
  heightPx: number;
  cameraAngleX: number;
  splits: Record<NerfSplit, NerfView[]>;
}

/** NeRF-synthetic's horizontal field of view (lego `camera_angle_x`). */
export const SYNTHETIC_CAMERA_ANGLE_X = 0.6911112070083618;
/** Camera distance from the origin in world units (NeRF-synthetic cameras sit at radius ~4 around a ~1.5-unit scene). */
const CAMERA_RADIUS_WORLD = 3.6;

export interface SyntheticDatasetOptions {
  widthPx: number;
  heightPx: number;
  nTrain: number;
  nVal: number;
  nTest: number;
  seed: number;
}

/**
 * Camera eyes for one split: a Fibonacci spiral over the upper hemisphere (elevations 10°–65°), rotated by a seeded
 * random azimuth so that train, val and test views differ.
 */
function splitEyes(n: number, rng: { next(): number }): number[][] {
  const eyes: number[][] = [];
  const golden = Math.PI * (3 - Math.sqrt(5));
  const phase = 2 * Math.PI * rng.next();
  for (let i = 0; i < n; i++) {
    const z = Math.sin((10 + (55 * (i + 0.5)) / n) * (Math.PI / 180));
    const r = Math.sqrt(1 - z * z);
    const a = phase + golden * i;
    eyes.push([
      CAMERA_RADIUS_WORLD * r * Math.cos(a),
      CAMERA_RADIUS_WORLD * r * Math.sin(a),
      CAMERA_RADIUS_WORLD * z,
    ]);
  }
  return eyes;
}

/** Renders a built-in scene from seeded cameras into a dataset (deterministic: same options, same pixels). */
export function generateSyntheticDataset(
  scene: SyntheticScene,
  options: SyntheticDatasetOptions,
): NerfDataset {
  const { widthPx, heightPx } = options;
  if (!Number.isInteger(widthPx) || !Number.isInteger(heightPx) || widthPx < 1 || heightPx < 1) {
    throw new OptionError('resolution', verbatim(`${widthPx}x${heightPx}`), 'expected positive whole pixels');
  }
  const rng = seededRng(options.seed);
  const counts: Record<NerfSplit, number> = { train: options.nTrain, val: options.nVal, test: options.nTest };
  const splits = {} as Record<NerfSplit, NerfView[]>;
  for (const split of NERF_SPLITS) {
    splits[split] = splitEyes(counts[split], rng).map((eye, i) => {
      const camera: NerfCamera = {
        pose: lookAtPose(eye, [0, 0, -0.2]),
        cameraAngleX: SYNTHETIC_CAMERA_ANGLE_X,
        widthPx,
        heightPx,
      };
      return { name: `r_${i}`, camera, image: renderSyntheticView(scene, camera) };
    });
  }
  return {
    source: `synthetic:${scene.name}`,
    widthPx,
    heightPx,
    cameraAngleX: SYNTHETIC_CAMERA_ANGLE_X,
    splits,
  };
}

/** 8-bit RGBA PNG bytes (straight alpha, as NeRF-synthetic stores it). */
export function encodeRgbaPng(image: RgbaImage): Uint8Array {
  const png = new PNG({ width: image.widthPx, height: image.heightPx });
  for (let i = 0; i < image.rgba.length; i++)
    png.data[i] = Math.round(Math.min(1, Math.max(0, image.rgba[i]!)) * 255);
  return PNG.sync.write(png);
}

/** Writes a dataset as transforms_{split}.json plus <split>/<name>.png, NeRF-synthetic's layout (atomic per file). */
export function writeNerfDataset(dir: string, dataset: NerfDataset): void {
  for (const split of NERF_SPLITS) {
    const frames = dataset.splits[split].map((view) => {
      writeFileAtomic(join(dir, split, `${view.name}.png`), encodeRgbaPng(view.image));
      const m = view.camera.pose;
      return {
        file_path: `./${split}/${view.name}`,
        rotation: 0,
        transform_matrix: [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => m[4 * r + c]!)),
      };
    });
    writeFileAtomic(
      join(dir, `transforms_${split}.json`),
      `${JSON.stringify({ camera_angle_x: dataset.cameraAngleX, frames }, null, 2)}\n`,
    );
  }
}

const row4 = z.array(z.number({ error: 'expected a number' }), { error: 'expected 4 numbers' }).length(4, {
  error: 'expected 4 numbers',
});

/** The keys ngpc reads from a transforms file; other keys (instant-ngp extras such as aabb_scale) are ignored. */
const transformsSchema = z.object({
  camera_angle_x: z.number({ error: 'expected the horizontal field of view in radians' }).positive(),
  frames: z
    .array(
      z.object({
        file_path: z.string({ error: 'expected the image path (without or with extension)' }).min(1),
        transform_matrix: z
          .array(row4, { error: 'expected a 4x4 matrix' })
          .length(4, { error: 'expected 4 rows' }),
      }),
      { error: 'expected an array of frames' },
    )
    .min(1, { error: 'expected at least one frame' }),
});

/** Reads an RGBA PNG (any depth pngjs decodes); errors name the file and the frame. */
function readRgbaPng(path: string, where: string): RgbaImage {
  let png: PNG;
  try {
    png = PNG.sync.read(readFileSync(path));
  } catch (e) {
    throw new NgpcInputError(`${where}: ${path}: not a readable PNG (${(e as Error).message})`);
  }
  const rgba = new Float32Array(png.width * png.height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = png.data[i]! / 255;
  return { widthPx: png.width, heightPx: png.height, rgba };
}

/**
 * Loads a NeRF-synthetic directory. `transforms_train.json` is required; val and test are read when present. Every
 * problem (missing file, bad JSON, missing frame image, mixed image sizes) is an NgpcInputError naming the file and
 * JSON path.
 */
export function loadNerfDataset(dir: string): NerfDataset {
  const root = resolve(dir);
  if (!existsSync(join(root, 'transforms_train.json'))) {
    throw new OptionError(
      'data',
      verbatim(dir),
      `no transforms_train.json: expected a NeRF-synthetic directory (transforms_{train,val,test}.json + PNGs)`,
    );
  }
  let size: { widthPx: number; heightPx: number; from: string } | null = null;
  let cameraAngleX = 0;
  const splits = {} as Record<NerfSplit, NerfView[]>;
  for (const split of NERF_SPLITS) {
    const file = join(root, `transforms_${split}.json`);
    if (!existsSync(file)) {
      splits[split] = [];
      continue;
    }
    const json = parseConfig(readJsonFile(file), transformsSchema, file);
    if (split === 'train') cameraAngleX = json.camera_angle_x;
    splits[split] = json.frames.map((frame, i) => {
      const where = `${file}: $.frames[${i}].file_path`;
      const base = resolve(dirname(file), frame.file_path);
      const path = [base, `${base}.png`].find((p) => existsSync(p) && p.toLowerCase().endsWith('.png'));
      if (!path)
        throw new NgpcInputError(`${where} = "${frame.file_path}": image not found (tried ${base}.png)`);
      const image = readRgbaPng(path, where);
      if (!size) size = { widthPx: image.widthPx, heightPx: image.heightPx, from: path };
      else if (image.widthPx !== size.widthPx || image.heightPx !== size.heightPx) {
        throw new NgpcInputError(
          `${where}: ${path} is ${image.widthPx}x${image.heightPx} but ${size.from} is ${size.widthPx}x${size.heightPx}: expected every image the same size`,
        );
      }
      const pose = Float64Array.from(frame.transform_matrix.flat());
      const name = base.split(/[\\/]/).pop()!;
      return {
        name,
        camera: { pose, cameraAngleX: json.camera_angle_x, widthPx: image.widthPx, heightPx: image.heightPx },
        image,
      };
    });
  }
  const s = size as { widthPx: number; heightPx: number } | null;
  return { source: root, widthPx: s?.widthPx ?? 0, heightPx: s?.heightPx ?? 0, cameraAngleX, splits };
}
