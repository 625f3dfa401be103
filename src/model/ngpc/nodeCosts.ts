// The technology numbers an NFP area/power estimate uses, resolved from `tech` by its area method (docs/model-ngpc.md §6).
import type { AreaMethod, NgpcConfig } from '../../config/ngpc.ts';

/**
 * What both methods reduce to: SRAM area per bit before scaling, one area scale and one energy scale applied to
 * the 45 nm operator costs (`tech.ops`) and SRAM read energies, and SRAM leakage at the target node.
 */
export interface NodeCosts {
  method: AreaMethod;
  /** Bitcell area in the node where SRAM area is computed (7 nm direct, 45 nm scaled). */
  sramBitcellAreaMm2: number;
  sramArrayEfficiency: number;
  /** Applied to SRAM area (1 when the bitcell is already the target node's). */
  sramAreaScale: number;
  /** Applied to the 45 nm operator areas. */
  logicAreaScale: number;
  /** Applied to every 45 nm dynamic energy (operators, SRAM reads). */
  energyScale: number;
  /** SRAM leakage at the target node. */
  sramLeakageWPerMiB: number;
  /** Which config fields these came from, for component sources. */
  sramAreaSource: string;
  logicAreaSource: string;
  energySource: string;
  leakageSource: string;
}

/** SRAM area of a bitcell that is already the target node's: scaling it again would be wrong. */
const UNSCALED = 1;

// Every operator's and SRAM's area and energy asks for these: resolved once per tech section (configs are never
// mutated once built; a changed area method is a new object). Shared: must not be mutated.
const costsCache = new WeakMap<NgpcConfig['tech'], NodeCosts>();

export function nodeCosts(tech: NgpcConfig['tech']): NodeCosts {
  let costs = costsCache.get(tech);
  if (!costs) costsCache.set(tech, (costs = resolveNodeCosts(tech)));
  return costs;
}

function resolveNodeCosts(tech: NgpcConfig['tech']): NodeCosts {
  const method = tech.areaMethod.value;
  if (method === 'direct-7nm') {
    return {
      method,
      sramBitcellAreaMm2: tech.sramBitcellArea.value,
      sramArrayEfficiency: tech.sramArrayEfficiency.value,
      sramAreaScale: UNSCALED,
      logicAreaScale: tech.logicAreaScale.value,
      energyScale: tech.energyScale.value,
      sramLeakageWPerMiB: tech.sramLeakagePowerPerMiB.value,
      sramAreaSource: `bits × ${tech.node} bitcell / array efficiency (tech.sramBitcellArea, tech.sramArrayEfficiency)`,
      logicAreaSource: '45 nm operator areas (tech.ops) × tech.logicAreaScale',
      energySource: '45 nm energies (tech.ops, tech.sramRead64bEnergy) × tech.energyScale',
      leakageSource: 'tech.sramLeakagePowerPerMiB',
    };
  }
  const s = tech.scaled45nm;
  // The paper's method: every area and energy at 45 nm, then one set of node-scaling factors (Stillmaker & Baas).
  return {
    method,
    sramBitcellAreaMm2: s.sramBitcellArea.value,
    sramArrayEfficiency: s.sramArrayEfficiency.value,
    sramAreaScale: s.areaScale.value,
    logicAreaScale: s.areaScale.value,
    energyScale: s.energyScale.value,
    sramLeakageWPerMiB: s.sramLeakagePowerPerMiB.value * s.staticPowerScale.value,
    sramAreaSource:
      'bits × 45 nm bitcell / array efficiency × 45 → 7 nm area scale (tech.scaled45nm.sramBitcellArea, .sramArrayEfficiency, .areaScale)',
    logicAreaSource: '45 nm operator areas (tech.ops) × tech.scaled45nm.areaScale',
    energySource: '45 nm energies (tech.ops, tech.sramRead64bEnergy) × tech.scaled45nm.energyScale',
    leakageSource: 'tech.scaled45nm.sramLeakagePowerPerMiB × .staticPowerScale',
  };
}
