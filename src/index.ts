// The public library API: everything the CLI can do. Re-exports only.
export * from './config/kinds.ts';
export * from './config/load.ts';
export * from './config/registry.ts';
export * from './config/schema.ts';
export * from './config/schemaFiles.ts';
export * from './config/sweep.ts';
export * from './config/units.ts';
export * from './encoding/gridLayout.ts';
export * from './errors.ts';
export * from './gpu/buffers.ts';
export * from './gpu/device.ts';
export * from './gpu/doctor.ts';
export * from './gpu/pipeline.ts';
export * from './gpu/timing.ts';
export * from './gpu/wgsl.ts';
export * from './io/npy.ts';
export * from './report/write.ts';
