// The library API of ngpc, the package's one entry point (`import { simulate } from 'ngpc'`). Deliberately a
// curated list, grouped by what a researcher does with it; the CLI is built on these same functions (a test
// checks that every library name the CLI imports is exported here). Internals stay importable from the sources
// but are not part of this surface. docs/api.md describes it with examples.

export { GIA_DEFAULT_BATCH } from './apps/gia/giaConfig.ts';
export { writeMeasuredFusion } from './apps/nerf/measuredFusion.ts';
export { benchNerfFusion, type NerfFusionBenchResult } from './apps/nerf/nerfFusionBench.ts';
// ── Applications: train, render, profile ─────────────────────────────────────────────────────────────────────
export { appNames, lookupApp } from './apps/registry.ts';
export type { AppProfileRequest, AppRenderRequest, AppTrainRequest, NgpcApp } from './apps/shared/app.ts';
export { benchCliStartup, type CliStartupReport, type StartupCase } from './bench/cliStartup.ts';
export { benchKernels, type KernelBenchReport } from './bench/kernels.ts';
// ── Configs: loading, schemas, stores ────────────────────────────────────────────────────────────────────────
export { APP_NAMES, type AppConfig, type AppName, ENCODING_NAMES, loadApp } from './config/app.ts';
export { type DeviceTarget, loadTargetFile, loadTargets, TARGETS_DIR } from './config/deviceTarget.ts';
export {
  clearGpuCache,
  type GpuConfig,
  gpuConfigSchema,
  gpuPresetNames,
  gpuPresetPath,
  loadGpu,
} from './config/gpu.ts';
export { loadConfig, parseConfig, readJsonFile } from './config/load.ts';
export { memoryConfigStore } from './config/memoryStore.ts';
export {
  DATAFLOWS,
  type Dataflow,
  type NgpcConfig,
  ngpcConfigByName,
  ngpcConfigNames,
  ngpcConfigSchema,
} from './config/ngpc.ts';
export { CONFIGS_DIR } from './config/nodeStore.ts';
// ── Model: one design point ──────────────────────────────────────────────────────────────────────────────────
export { type DesignPoint, type DesignPointInput, designPointSchema } from './config/point.ts';
// ── Model: profiles (first-principles, paper-fit) and fitting ────────────────────────────────────────────────
export {
  checkProfileName,
  DEFAULT_PAPER_FIT_SPEC,
  DEFAULT_PROFILE,
  loadPaperFitResult,
  loadPaperFitSpec,
  PROFILE_NAMES,
  type ProfileName,
  paperFitResultPath,
} from './config/profile.ts';
export { type ConfigKind, jsonSchemaOf } from './config/registry.ts';
export { writeConfigSchemas } from './config/schemaFiles.ts';
export { type ConfigStore, configPath, configStore, useConfigStore } from './config/store.ts';
export { type SweepFile, sweepFileSchema } from './config/sweep.ts';
export { encodePoints, levelTableJson, readGridParams, readUnitPoints } from './encoding/encodePoints.ts';
export { type EncodingSpec, encodingFromJson, encodingOutputWidth } from './encoding/encodingConfig.ts';
export { encodeGridCpu } from './encoding/gridEncoding.cpu.ts';
export { GridEncodingGpu } from './encoding/gridEncoding.gpu.ts';
export { type GridEncodingSpec, type LevelLayout, levelLayout } from './encoding/gridLayout.ts';
export { encodeShCpu } from './encoding/sphericalHarmonics.cpu.ts';
export { encodeShGpu } from './encoding/sphericalHarmonics.gpu.ts';
export {
  ConfigError,
  NgpcInputError,
  NoAdapterError,
  OptionError,
} from './errors.ts';
export { EXPLORER_FILE, explorerPageHtml } from './explorer/explorerPage.ts';
export { type ExplorerServer, serveExplorer } from './explorer/serve.ts';
// ── WebGPU kernels and their CPU references ──────────────────────────────────────────────────────────────────
export { acquireGpu, type GpuContext, sharedGpu, tryGpu } from './gpu/device.ts';
export { type DoctorReport, doctor } from './gpu/doctor.ts';
// ── Files and errors ─────────────────────────────────────────────────────────────────────────────────────────
export { type Matrix, readMatrix, writeMatrix } from './io/npy.ts';
export { guardOutputFile, type NamedPath } from './io/outputGuard.ts';
export { jsonText, rewriteJsonFile, writeFileAtomic } from './io/write.ts';
export { mlpForwardCpu } from './mlp/mlp.cpu.ts';
export { MlpGpu } from './mlp/mlp.gpu.ts';
export { type MlpSpec, mlpSpecFromJson } from './mlp/mlpConfig.ts';
export { type MlpLayout, mlpLayout } from './mlp/mlpLayout.ts';
export { checkFiniteOutputs, forwardInSlices, mlpRowsPerSlice } from './mlp/mlpSlices.ts';
export { type PaperFitProgress, runPaperFit } from './model/fit/paperFit.ts';
export {
  DEFAULT_REPRODUCE_FILE,
  type ReproduceResult,
  type ReproduceResultRow,
  reproduce,
  reproduceFails,
} from './model/fit/reproduce.ts';
export {
  BASELINE_ONLY,
  evaluatePoint,
  type PointConfigOverrides,
  type PointResult,
  parseDesignPoint,
} from './model/frame/designPoint.ts';
export {
  pointFromFlags,
  pointFromOptions,
  type SimulateFlags,
  type SimulateReport,
  simulate,
  simulateDesignPoint,
} from './model/frame/simulate.ts';
export { STATS_COLUMNS, type StatsRecord, statsRecord } from './model/frame/stats.ts';
export { benchModelSweep, type ModelBenchResult } from './model/frame/sweep/benchSweep.ts';
// ── Sweeps ───────────────────────────────────────────────────────────────────────────────────────────────────
export { parseJobs, SWEEP_WORKER_MIN_POINTS, type SweepJobs } from './model/frame/sweep/jobs.ts';
export { MAX_SWEEP_POINTS_DEFAULT, parseMaxPoints } from './model/frame/sweep/limit.ts';
export type { SweepError, SweepOutput } from './model/frame/sweep/output.ts';
export { expandSweepFile, type SweepPoint, sweepPointCount } from './model/frame/sweep/plan.ts';
export { runSweep } from './model/frame/sweep/runPoints.ts';
export { parseShard, type SweepShard } from './model/frame/sweep/shard.ts';
export { type TargetGapResult, targetGaps } from './model/frame/targetGap.ts';
// ── Model: engines, baseline GPU, what-would-it-take, targets ────────────────────────────────────────────────
export { type BaselineResult, simulateBaseline } from './model/gpu/baseline.ts';
export {
  type CalibrationResult,
  calibrate,
  calibrationBlock,
  DEFAULT_CALIBRATION_TARGETS,
} from './model/gpu/calibrate.ts';
export { type NfpAreaPower, nfpAreaPower } from './model/ngpc/areaPower.ts';
export { type MlpEngineParams, mlpEngineGemmCycles, mlpEngineParams } from './model/ngpc/mlpEngine.ts';
export { type NgpcResult, simulateNgpc } from './model/ngpc/simulate.ts';
export { type GemmCycles, type GemmShape, systolicGemmCycles } from './model/ngpc/systolicGemm.ts';
export { PAPER_GPU, type PaperTableContext, paperTableContext } from './model/paperTables/context.ts';
// ── Paper tables and the explorer ────────────────────────────────────────────────────────────────────────────
export { paperResults } from './model/paperTables/index.ts';
export type { PaperResults, PaperTable } from './model/paperTables/types.ts';
export { clearProfileCache, profileSettings } from './model/profile/profiles.ts';
export { FIRST_PRINCIPLES, type ProfileSettings } from './model/profile/settings.ts';
export {
  SOLVABLE_PARAMS,
  type SolvableParam,
  solvableParam,
  solvableParamNames,
} from './model/solve/solvableParams.ts';
export {
  type SolveReport,
  type SolveResult,
  type SolveTarget,
  solveParameter,
  solveParameters,
} from './model/solve/solveParameter.ts';
export { calibrationText } from './report/calibrationText.ts';
export { paperFitText } from './report/fitText.ts';
export { reproduceText } from './report/reproduceText.ts';
export { checkResultFiles, type ResultPage, resultFiles, writeResultFiles } from './report/resultTables.ts';
export { simulateText } from './report/simulateText.ts';
export { solveText } from './report/solveText.ts';
export { type MergeResult, mergeSweepFolders } from './report/sweepMerge.ts';
export { runSweepToFolder, type SweepRunOptions, type SweepRunResult } from './report/sweepRun.ts';
export { targetsText } from './report/targetsText.ts';
export { type ModelFile, readModelFile, writeModelFile } from './train/modelFile.ts';
export { frameWorkload } from './workload/frameWorkload.ts';
export { NAMED_RESOLUTIONS, parseResolution, type Resolution } from './workload/resolution.ts';
export {
  checkNetworkKey,
  ignoredNote,
  impliedNetworkDims,
  loadTcnnModel,
  type TcnnModel,
  tcnnSection,
  withinSection,
} from './workload/tcnnModel.ts';
export type { FrameWorkload, MlpShape, WorkloadLevel } from './workload/types.ts';
