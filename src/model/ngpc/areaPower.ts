// Area, peak power and per-action energy of an NFP from its components (SRAM by bitcell, logic by operator counts).
import { type AreaMethod, type NgpcConfig, withAreaMethod } from '../../config/ngpc.ts';
import { ENCODING_STAGES } from './encodingEngine.ts';
import { nodeCosts } from './nodeCosts.ts';

export interface AreaComponent {
  name: string;
  areaMm2: number;
  source: string;
}
export interface PowerComponent {
  name: string;
  powerW: number;
  source: string;
}

type OpName = keyof NgpcConfig['tech']['ops'];

const BITS_PER_BYTE = 8;
const BYTES_PER_MIB = 2 ** 20;
/** The reference SRAM energy is for a 64-bit (8-byte) read (Horowitz, ISSCC 2014). */
const REFERENCE_READ_BYTES = 8;

/** Area of an SRAM: bits × bitcell area / array efficiency (× the node scale under `scaled-45nm`). */
export function sramAreaMm2(bytes: number, tech: NgpcConfig['tech']): number {
  const c = nodeCosts(tech);
  return ((bytes * BITS_PER_BYTE * c.sramBitcellAreaMm2) / c.sramArrayEfficiency) * c.sramAreaScale;
}

/** Energy of reading `readBytes` from an SRAM of `sramBytes`: E64(ref) · (size/ref)^k · readBytes/8, scaled to the node. */
export function sramReadEnergyJ(sramBytes: number, readBytes: number, tech: NgpcConfig['tech']): number {
  const sizeFactor = (sramBytes / tech.sramReadReferenceBytes.value) ** tech.sramEnergySizeExponent.value;
  return (
    tech.sramRead64bEnergy.value *
    sizeFactor *
    (readBytes / REFERENCE_READ_BYTES) *
    nodeCosts(tech).energyScale
  );
}

function opAreaMm2(tech: NgpcConfig['tech'], op: OpName): number {
  return tech.ops[op].area.value * nodeCosts(tech).logicAreaScale;
}
function opEnergyJ(tech: NgpcConfig['tech'], op: OpName): number {
  return tech.ops[op].energy.value * nodeCosts(tech).energyScale;
}

/** Operators per unit instance; the same lists drive area, peak power and action energy. */
interface UnitOps {
  name: string;
  instances: number;
  ops: [OpName, number][];
  why: string;
}

/** The datapath units of one NFP, as operator lists (the paper's sub-units, paper §3 [S]). */
export function nfpLogicUnits(cfg: NgpcConfig): UnitOps[] {
  const e = cfg.encoding;
  const fp16 = cfg.precision.format.value === 'fp16';
  const mul: OpName = fp16 ? 'fp16Mul' : 'fp32Mul';
  const add: OpName = fp16 ? 'fp16Add' : 'fp32Add';
  const dims = e.gridIndex.maxDims.value;
  const engines = e.engines.value;
  return [
    {
      name: 'pos-fract',
      instances: engines * e.posFract.lanes.value,
      ops: [
        ['fp32Mul', 1],
        ['fp32Add', 1],
      ],
      why: 'per lane one f32 FMA (scale·x + 0.5), floor and subtract folded in',
    },
    {
      name: 'grid-index',
      instances: engines * e.gridIndex.cornersPerCycle.value,
      ops: [
        ['int32Mul', dims - 1],
        ['int32Add', dims],
      ],
      why: 'per corner (D−1) u32 multiplies (hash primes or dense strides; the x prime is 1) and D adds/XORs',
    },
    {
      name: 'interpolation',
      instances: engines * e.interpolation.cornersPerCycle.value,
      ops: [
        [mul, dims - 1 + e.interpolation.featureLanes.value],
        [add, dims + e.interpolation.featureLanes.value],
      ],
      why: 'per corner a D-way weight product (D−1 mul, D adds for 1−t) and one MAC per feature lane',
    },
    {
      name: 'mlp-array',
      instances: cfg.mlp.arrayRows.value * cfg.mlp.arrayCols.value,
      ops: [
        [mul, 1],
        [add, 1],
      ],
      why: `one ${cfg.precision.format.value} multiply-add per MAC (tcnn accumulates in the operand precision)`,
    },
  ];
}

export interface NfpAreaPower {
  perNfpMm2: number;
  areaComponents: AreaComponent[];
  /** Peak power: every unit active every cycle at the clock, plus leakage. */
  perNfpW: number;
  powerComponents: PowerComponent[];
  leakageW: number;
}

/** Area and peak power of one NFP. */
export function nfpAreaPower(cfg: NgpcConfig): NfpAreaPower {
  const { tech } = cfg;
  const costs = nodeCosts(tech);
  const e = cfg.encoding;
  const engines = e.engines.value;
  const clockHz = cfg.clock.value;
  const gridSramBytes = engines * e.gridSram.bytes.value;
  const mlpSramBytes = cfg.mlp.weightSramBytes.value + cfg.mlp.activationSramBytes.value;
  const bytesPerValue = cfg.precision.bytesPerValue.value;
  // FIFO entries: positions in, corner indices in the skid buffers between sub-units, one SRAM word of features out.
  const fifoBytesPerEngine =
    e.inputFifoQueries.value * e.gridIndex.maxDims.value * cfg.precision.positionBytes.value +
    (ENCODING_STAGES.length - 1) *
      e.stageFifoQueries.value *
      e.gridIndex.cornersPerCycle.value *
      cfg.precision.indexBytes.value +
    e.outputFifoQueries.value * e.gridSram.wordBytes.value;
  const units = nfpLogicUnits(cfg);
  const unitArea = units.map(
    (u) => u.instances * u.ops.reduce((s, [op, n]) => s + n * opAreaMm2(tech, op), 0),
  );
  const unitPower = units.map(
    (u) => u.instances * u.ops.reduce((s, [op, n]) => s + n * opEnergyJ(tech, op), 0) * clockHz,
  );
  const logicArea = unitArea.reduce((s, a) => s + a, 0);
  const logicPower = unitPower.reduce((s, p) => s + p, 0);
  const sramSrc = costs.sramAreaSource;
  const areaComponents: AreaComponent[] = [
    {
      name: 'grid-sram',
      areaMm2: sramAreaMm2(gridSramBytes, tech),
      source: `${engines} × grid SRAM; ${sramSrc}`,
    },
    ...units.map((u, i) => ({
      name: u.name,
      areaMm2: unitArea[i]!,
      source: `${u.instances} × (${u.why}); ${costs.logicAreaSource}`,
    })),
    {
      name: 'mlp-sram',
      areaMm2: sramAreaMm2(mlpSramBytes, tech),
      source: `weight + activation SRAM; ${sramSrc}`,
    },
    {
      name: 'encoding-fifos',
      areaMm2: engines * sramAreaMm2(fifoBytesPerEngine, tech) * tech.fifoAreaFactor.value,
      source: `${engines} × ${fifoBytesPerEngine} B of FIFOs at SRAM density × tech.fifoAreaFactor`,
    },
    {
      name: 'control',
      areaMm2: logicArea * tech.controlOverhead.value,
      source: 'tech.controlOverhead × datapath logic',
    },
  ];
  // Peak grid-SRAM reads per engine and cycle: no more than the index unit issues, no more than the banks serve.
  const readsPerCycle = Math.min(
    e.gridSram.banks.value * e.gridSram.portsPerBank.value,
    e.gridIndex.cornersPerCycle.value,
  );
  const bankBytes = e.gridSram.bytes.value / e.gridSram.banks.value;
  const gridReadJ = sramReadEnergyJ(bankBytes, e.gridSram.wordBytes.value, tech);
  // The array reads one input row and writes one output row of activations per cycle.
  const activationJPerCycle = sramReadEnergyJ(
    cfg.mlp.activationSramBytes.value,
    (cfg.mlp.arrayRows.value + cfg.mlp.arrayCols.value) * bytesPerValue,
    tech,
  );
  const leakageW = ((gridSramBytes + mlpSramBytes) / BYTES_PER_MIB) * costs.sramLeakageWPerMiB;
  const powerComponents: PowerComponent[] = [
    {
      name: 'grid-sram',
      powerW: engines * readsPerCycle * gridReadJ * clockHz,
      source: `${engines} engines × ${readsPerCycle} word reads/cycle × E(${bankBytes} B bank) at the clock`,
    },
    ...units.map((u, i) => ({
      name: u.name,
      powerW: unitPower[i]!,
      source: `${u.instances} units active every cycle; ${costs.energySource}`,
    })),
    {
      name: 'mlp-sram',
      powerW: activationJPerCycle * clockHz,
      source: 'one activation row read + one written per cycle',
    },
    {
      name: 'control',
      powerW: logicPower * tech.controlOverhead.value,
      source: 'tech.controlOverhead × datapath logic',
    },
    { name: 'sram-leakage', powerW: leakageW, source: `all SRAM MiB × ${costs.leakageSource}` },
  ];
  return {
    perNfpMm2: areaComponents.reduce((s, c) => s + c.areaMm2, 0),
    areaComponents,
    perNfpW: powerComponents.reduce((s, c) => s + c.powerW, 0),
    powerComponents,
    leakageW,
  };
}

/** Area and peak power of the whole NGPC (all NFPs) by a given method, whatever the config's own `areaMethod`. */
export function ngpcAreaPowerBy(cfg: NgpcConfig, method: AreaMethod): { totalMm2: number; totalW: number } {
  const ap = nfpAreaPower(withAreaMethod(cfg, method));
  const nfps = cfg.nfps.value;
  return { totalMm2: ap.perNfpMm2 * nfps, totalW: ap.perNfpW * nfps };
}

/** What one query does in an NFP, counted from the simulation (per query, all levels and networks). */
export interface QueryActions {
  nLevels: number;
  nDims: number;
  corners: number;
  nFeatures: number;
  /** Distinct grid-SRAM words read per query (Σ levels). */
  sramWordReads: number;
  macs: number;
  activationValues: number;
}

/** One component of an NFP's energy (per query here; per frame in NgpcResult.energyComponents). */
export interface EnergyComponent {
  name: string;
  joules: number;
}

/**
 * Dynamic energy of one query by component (Accelergy style: action count × energy per action): pos-fract,
 * grid-index (hash/index), interpolation (weights + feature MACs), grid-SRAM word reads, MLP MACs, activation
 * SRAM traffic, and control (tech.controlOverhead × the logic).
 */
export function queryEnergyComponents(a: QueryActions, cfg: NgpcConfig): EnergyComponent[] {
  const { tech } = cfg;
  const fp16 = cfg.precision.format.value === 'fp16';
  const mul = opEnergyJ(tech, fp16 ? 'fp16Mul' : 'fp32Mul');
  const add = opEnergyJ(tech, fp16 ? 'fp16Add' : 'fp32Add');
  const posFractJ = a.nLevels * a.nDims * (opEnergyJ(tech, 'fp32Mul') + opEnergyJ(tech, 'fp32Add'));
  const gridIndexJ =
    a.nLevels *
    a.corners *
    ((a.nDims - 1) * opEnergyJ(tech, 'int32Mul') + a.nDims * opEnergyJ(tech, 'int32Add'));
  const interpolationJ =
    a.nLevels * (a.corners * ((a.nDims - 1) * mul + a.nDims * add) + a.corners * a.nFeatures * (mul + add));
  const mlpArrayJ = a.macs * (mul + add);
  const e = cfg.encoding;
  const bankBytes = e.gridSram.bytes.value / e.gridSram.banks.value;
  const gridSramJ = a.sramWordReads * sramReadEnergyJ(bankBytes, e.gridSram.wordBytes.value, tech);
  const mlpSramJ = sramReadEnergyJ(
    cfg.mlp.activationSramBytes.value,
    a.activationValues * cfg.precision.bytesPerValue.value,
    tech,
  );
  const logicJ = posFractJ + gridIndexJ + interpolationJ + mlpArrayJ;
  return [
    { name: 'pos-fract', joules: posFractJ },
    { name: 'grid-index', joules: gridIndexJ },
    { name: 'interpolation', joules: interpolationJ },
    { name: 'grid-sram', joules: gridSramJ },
    { name: 'mlp-array', joules: mlpArrayJ },
    { name: 'mlp-sram', joules: mlpSramJ },
    { name: 'control', joules: logicJ * tech.controlOverhead.value },
  ];
}

/** Dynamic energy of one query: the sum of queryEnergyComponents. */
export function queryEnergyJ(a: QueryActions, cfg: NgpcConfig): number {
  return queryEnergyComponents(a, cfg).reduce((s, c) => s + c.joules, 0);
}
