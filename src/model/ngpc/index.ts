// The NGPC model's public API (configs, engines, NFP, cluster, area/power, simulateNgpc): re-exports only.

export * from '../../config/ngpc.ts';
export * from './areaPower.ts';
export * from './cluster.ts';
export * from './encodingEngine.ts';
export * from './gridSram.ts';
export * from './mlpEngine.ts';
export * from './nfp.ts';
export * from './nodeCosts.ts';
export * from './samplePositions.ts';
export * from './simulate.ts';
export * from './systolicGemm.ts';
