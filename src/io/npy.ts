// Float32 matrices on disk: NumPy .npy (v1/v2/v3, little-endian <f4 or <f8, C order) and raw little-endian f32.
// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
import { extname } from 'node:path';
import { invariant, NgpcInputError } from '../errors.ts';
import { INPUT_MAX_BYTES, readInputFile } from './inputFile.ts';
import { writeFileAtomic } from './write.ts';

/** A row-major (C order) matrix of f32 values: rows × cols. A 1-D array reads as rows × 1. */
export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

export interface ReadMatrixOptions {
  /** Row width for raw .f32/.bin files (required there); for .npy, the expected column count if given. */
  cols?: number;
  /** Reject NaN and ±Infinity (default true). */
  finite?: boolean;
  /** What the file is, for messages, e.g. `--points`. */
  what?: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** True when the file name selects the .npy format (otherwise raw little-endian f32). */
export function isNpyPath(file: string): boolean {
  return extname(file).toLowerCase() === '.npy';
}

/** Read a matrix from .npy or raw f32 (.f32/.bin/anything else, needs `cols`). Bad files throw NgpcInputError. */
export function readMatrix(file: string, options: ReadMatrixOptions = {}): Matrix {
  const label = options.what ? `${options.what} ${file}` : file;
  const bytes: Uint8Array = readInputFile(file, { label, maxBytes: INPUT_MAX_BYTES.matrix });
  const matrix = isNpyPath(file) ? parseNpy(bytes, label) : parseRaw(bytes, label, options.cols);
  if (options.cols !== undefined && matrix.cols !== options.cols) {
    throw new NgpcInputError(`${label}: has ${matrix.cols} columns, expected ${options.cols}`);
  }
  if (options.finite ?? true) {
    const data = matrix.data;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        const row = Math.floor(i / Math.max(1, matrix.cols));
        throw new NgpcInputError(
          `${label}: value ${data[i]} at row ${row}, column ${i - row * matrix.cols} is not finite`,
        );
      }
    }
  }
  return matrix;
}

/** Write rows × cols f32 values atomically: .npy (v1.0 `<f4`, 2-D) by extension, otherwise raw little-endian f32. */
export function writeMatrix(file: string, data: Float32Array, rows: number, cols: number): void {
  invariant(
    Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0,
    `shape ${rows}x${cols}`,
  );
  invariant(data.length === rows * cols, `writeMatrix: ${data.length} values for ${rows}x${cols}`);
  writeFileAtomic(file, isNpyPath(file) ? npyBytes(data, [rows, cols]) : f32Bytes(data));
}

/** Encode values as .npy bytes (v1.0, `<f4`, C order) of the given shape. */
export function npyBytes(data: Float32Array, shape: number[]): Uint8Array {
  return concat(npyHeader(shape, '<f4'), f32Bytes(data));
}

/** Raw little-endian f32 bytes, whatever the host byte order. */
function f32Bytes(data: Float32Array): Uint8Array {
  const body = new Uint8Array(data.length * 4);
  const view = new DataView(body.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return body;
}

/** A v1.0 header: magic, version, u16 length, then a Python dict literal padded with spaces to 64 bytes. */
function npyHeader(shape: number[], descr: string): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + dict.length + 1; // magic(6) + version(2) + len(2) + dict + '\n'
  dict += ' '.repeat((64 - (unpadded % 64)) % 64);
  dict += '\n';
  invariant(dict.length <= 0xffff, 'npy header too long');
  const out = new Uint8Array(10 + dict.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = dict.length & 0xff;
  out[9] = dict.length >> 8;
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i);
  return out;
}

function parseNpy(bytes: Uint8Array, label: string): Matrix {
  const bad = (why: string): never => {
    throw new NgpcInputError(`${label}: not a readable .npy file: ${why}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) bad('missing the \\x93NUMPY magic');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let headerStart: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) bad('truncated header');
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  } else {
    return bad(`format version ${major}.${bytes[7]} (expected 1.0, 2.0 or 3.0)`);
  }
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) bad(`header says ${headerLen} bytes but the file ends first`);
  const header = new TextDecoder().decode(bytes.subarray(headerStart, dataStart));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    bad(`header ${JSON.stringify(header.trim())} lacks descr, fortran_order or shape`);
  }
  if (fortran === 'True') bad('fortran_order is True (expected C order; save with np.ascontiguousarray)');
  let itemBytes: number;
  if (descr === '<f4') itemBytes = 4;
  else if (descr === '<f8') itemBytes = 8;
  else return bad(`dtype ${JSON.stringify(descr)} (expected little-endian float32 '<f4' or float64 '<f8')`);
  const dims = (shapeText as string)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
  if (dims.some((d) => !Number.isSafeInteger(d))) bad(`shape (${shapeText}) is not a tuple of integers`);
  if (dims.length < 1 || dims.length > 2)
    bad(`shape (${shapeText}) has ${dims.length} dimensions (expected 1 or 2)`);
  const rows = dims[0]!;
  const cols = dims.length === 2 ? dims[1]! : 1;
  const count = rows * cols;
  const need = dataStart + count * itemBytes;
  if (bytes.length < need)
    bad(`truncated: shape (${shapeText}) needs ${need} bytes, file has ${bytes.length}`);
  if (bytes.length > need) bad(`${bytes.length - need} unexpected bytes after the data`);
  const data = new Float32Array(count);
  if (itemBytes === 4) for (let i = 0; i < count; i++) data[i] = view.getFloat32(dataStart + 4 * i, true);
  else for (let i = 0; i < count; i++) data[i] = view.getFloat64(dataStart + 8 * i, true);
  return { data, rows, cols };
}

function parseRaw(bytes: Uint8Array, label: string, cols: number | undefined): Matrix {
  if (cols === undefined) throw new NgpcInputError(`${label}: a raw f32 file needs a known row width`);
  invariant(Number.isInteger(cols) && cols > 0, `raw cols ${cols}`);
  if (bytes.length % 4 !== 0) {
    throw new NgpcInputError(`${label}: ${bytes.length} bytes is not a whole number of f32 values`);
  }
  const count = bytes.length / 4;
  if (count % cols !== 0) {
    throw new NgpcInputError(`${label}: ${count} f32 values is not a whole number of rows of ${cols}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat32(4 * i, true);
  return { data, rows: count / cols, cols };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
