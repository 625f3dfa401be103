// Host-shared WGSL structs declared once in TypeScript: byte layout, generated WGSL text, and a packer.
//
// Why a TypeScript declaration and not reflection of the WGSL (webgpu-utils / wgsl_reflect): the structs the host
// fills are flat records of 4-byte scalars, so the layout rules are a few lines (WGSL §13.4, "Memory Layout"), while a
// WGSL parser would be a new runtime dependency reading kernel text on every pipeline build. The declaration renders
// the struct as a `kernels/generated/*.wgsl` file that kernels `//!include`, and `test/gpu/wgslStruct.test.ts` fails
// when a committed file differs from what its declaration renders (`npm run wgsl-structs` rewrites them).
import { invariant } from '../errors.ts';

/** Host-writable member types: 4-byte scalars and their vectors (WGSL §13.4.1 alignment and size). */
export const WGSL_MEMBER_TYPES = {
  f32: { alignBytes: 4, sizeBytes: 4, components: 1, scalar: 'f32' },
  u32: { alignBytes: 4, sizeBytes: 4, components: 1, scalar: 'u32' },
  i32: { alignBytes: 4, sizeBytes: 4, components: 1, scalar: 'i32' },
  vec2f: { alignBytes: 8, sizeBytes: 8, components: 2, scalar: 'f32' },
  vec3f: { alignBytes: 16, sizeBytes: 12, components: 3, scalar: 'f32' },
  vec4f: { alignBytes: 16, sizeBytes: 16, components: 4, scalar: 'f32' },
  vec2u: { alignBytes: 8, sizeBytes: 8, components: 2, scalar: 'u32' },
  vec3u: { alignBytes: 16, sizeBytes: 12, components: 3, scalar: 'u32' },
  vec4u: { alignBytes: 16, sizeBytes: 16, components: 4, scalar: 'u32' },
} as const;
export type WgslMemberType = keyof typeof WGSL_MEMBER_TYPES;

/** One member: its WGSL type and a comment saying what the host puts there (rendered above it in the WGSL). */
export interface WgslMemberDecl {
  type: WgslMemberType;
  doc?: string;
}

/** A member with its byte offset in the struct. */
export interface WgslMember extends WgslMemberDecl {
  name: string;
  offsetBytes: number;
}

/** Members whose names start with `pad` are padding: the packer writes 0 there and takes no value for them. */
type ValueNames<M> = { [K in keyof M]: K extends `pad${string}` ? never : K }[keyof M];
export type WgslStructValues<M> = { [K in ValueNames<M>]: number | readonly number[] };

export interface WgslStruct<M extends Record<string, WgslMemberDecl>> {
  readonly name: string;
  readonly members: readonly WgslMember[];
  /** Byte offset of each member. */
  readonly offsetBytes: { readonly [K in keyof M]: number };
  /** Size rounded up to the struct's alignment (WGSL SizeOf). */
  readonly sizeBytes: number;
  /** Stride of `array<Name, N>` in a uniform buffer: SizeOf rounded up to 16 (WGSL §13.4.4). */
  readonly uniformArrayStrideBytes: number;
  /** The WGSL declaration, with the member comments. */
  readonly wgsl: string;
  /** One struct, or consecutive array elements at `uniformArrayStrideBytes`, little-endian as WebGPU reads them. */
  pack(records: WgslStructValues<M> | readonly WgslStructValues<M>[]): ArrayBuffer;
}

const roundUp = (n: number, k: number) => Math.ceil(n / k) * k;

/** Lays out a struct by WGSL's rules and returns its declaration text and packer. Member order is declaration order. */
export function wgslStruct<M extends Record<string, WgslMemberDecl>>(
  name: string,
  about: { /** Where the declaration lives (named in the generated file). */ source: string; doc: string },
  members: M,
): WgslStruct<M> {
  invariant(/^[A-Z][A-Za-z0-9]*$/.test(name), `WGSL struct names are PascalCase: ${name}`);
  const laid: WgslMember[] = [];
  let offset = 0;
  let alignBytes = 4;
  for (const [memberName, decl] of Object.entries(members)) {
    invariant(
      /^[a-z][a-z0-9_]*$/.test(memberName),
      `WGSL member names are snake_case: ${name}.${memberName}`,
    );
    const t = WGSL_MEMBER_TYPES[decl.type];
    offset = roundUp(offset, t.alignBytes);
    laid.push({ name: memberName, ...decl, offsetBytes: offset });
    offset += t.sizeBytes;
    alignBytes = Math.max(alignBytes, t.alignBytes);
  }
  const sizeBytes = roundUp(offset, alignBytes);
  const uniformArrayStrideBytes = roundUp(sizeBytes, 16);
  const lines = [
    `// Generated from ${name} in ${about.source}: do not edit (\`npm run wgsl-structs\` rewrites it).`,
    ...about.doc.split('\n').map((l) => `// ${l}`.trimEnd()),
    `struct ${name} {`,
  ];
  for (const m of laid) {
    for (const l of m.doc?.split('\n') ?? []) lines.push(`  // ${l}`.trimEnd());
    lines.push(`  ${m.name}: ${m.type},`);
  }
  lines.push('}');
  const wgsl = `${lines.join('\n')}\n`;

  const pack = (input: WgslStructValues<M> | readonly WgslStructValues<M>[]): ArrayBuffer => {
    const records = (Array.isArray(input) ? input : [input]) as readonly Record<string, unknown>[];
    const stride = Array.isArray(input) ? uniformArrayStrideBytes : sizeBytes;
    const view = new DataView(new ArrayBuffer(stride * records.length));
    for (const [i, record] of records.entries()) {
      for (const key of Object.keys(record)) {
        invariant(
          laid.some((m) => m.name === key && !m.name.startsWith('pad')),
          `${name} has no member ${key}`,
        );
      }
      for (const m of laid) {
        const t = WGSL_MEMBER_TYPES[m.type];
        const raw = m.name.startsWith('pad') ? 0 : record[m.name];
        invariant(raw !== undefined, `${name}.${m.name}: no value given`);
        const values = typeof raw === 'number' ? [raw] : (raw as readonly number[]);
        invariant(values.length === t.components, `${name}.${m.name}: ${t.components} components expected`);
        for (const [c, v] of values.entries()) {
          const at = i * stride + m.offsetBytes + 4 * c;
          if (t.scalar === 'f32') view.setFloat32(at, v, true);
          else {
            const ok =
              Number.isInteger(v) &&
              (t.scalar === 'u32' ? v >= 0 && v <= 0xffffffff : Math.abs(v) <= 0x7fffffff);
            invariant(ok, `${name}.${m.name} = ${v}: not a ${t.scalar}`);
            if (t.scalar === 'u32') view.setUint32(at, v, true);
            else view.setInt32(at, v, true);
          }
        }
      }
    }
    return view.buffer;
  };

  const offsetBytes = Object.fromEntries(laid.map((m) => [m.name, m.offsetBytes])) as {
    [K in keyof M]: number;
  };
  return { name, members: laid, offsetBytes, sizeBytes, uniformArrayStrideBytes, wgsl, pack };
}
