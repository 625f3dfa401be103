// One encoding engine's grid SRAM: which part of a level table is resident, and the bank cycles of one query's reads.
import type { LevelLayout } from '../../encoding/gridLayout.ts';
import { invariant } from '../../errors.ts';

export type SramPolicy = 'assume-fits' | 'spill';
export type BankMapping = 'low-bits' | 'xor-fold';

export interface GridSramParams {
  bytes: number;
  banks: number;
  portsPerBank: number;
  wordBytes: number;
  bankMapping: BankMapping;
  latencyCycles: number;
}

/** How one level's table sits in the SRAM of the engine(s) that serve it. */
export interface LevelResidency {
  level: number;
  /** entries × F × bytesPerParam. */
  tableBytes: number;
  /** SRAM bytes available to this level in one engine. */
  sramBytes: number;
  entryBytes: number;
  /** Entries [0, residentEntries) are held on chip; a read of a higher index misses to L2. */
  residentEntries: number;
  /** residentEntries / entries. */
  residentFraction: number;
}

/**
 * Residency of every level. `assume-fits` is the paper's (unstated) assumption: every table is on chip whatever
 * its size. `spill` keeps the first ⌊sramBytes / entryBytes⌋ entries: tables are entry-major (docs/sources.md#kernels-1-3),
 * so this is a prefix of the table, and which reads miss follows from the real corner indices.
 */
export function levelResidency(
  layout: LevelLayout,
  bytesPerParam: number,
  sramBytesPerLevel: number,
  policy: SramPolicy,
): LevelResidency[] {
  const entryBytes = layout.spec.nFeaturesPerLevel * bytesPerParam;
  return layout.levels.map((lvl) => {
    const tableBytes = lvl.entries * entryBytes;
    const residentEntries =
      policy === 'assume-fits'
        ? lvl.entries
        : Math.min(lvl.entries, Math.floor(sramBytesPerLevel / entryBytes));
    return {
      level: lvl.level,
      tableBytes,
      sramBytes: sramBytesPerLevel,
      entryBytes,
      residentEntries,
      residentFraction: residentEntries / lvl.entries,
    };
  });
}

/** The bank that holds a word: low-order interleaving, or the XOR of the address's log2(banks)-bit chunks. */
export function bankOf(word: number, banks: number, mapping: BankMapping): number {
  if (mapping === 'low-bits' || banks === 1) return word % banks;
  invariant(
    (banks & (banks - 1)) === 0,
    `xor-fold bank mapping needs a power-of-two bank count, got ${banks}`,
  );
  const bits = Math.log2(banks);
  let rest = word >>> 0;
  let bank = 0;
  while (rest !== 0) {
    bank ^= rest & (banks - 1);
    rest >>>= bits;
  }
  return bank;
}

/** The SRAM stage's work for one query at one level. */
export interface SramQueryCycles {
  /** Cycles the banks are busy: max over banks of ⌈distinct words / ports⌉ (at least 1: the request slot). */
  cycles: number;
  /** cycles − ⌈reads / (banks × ports)⌉: what bank conflicts add over a perfectly spread access. */
  conflictCycles: number;
  /** Distinct words read from the banks. */
  reads: number;
  /** Distinct L2 sectors requested for non-resident entries. */
  missSectors: number;
}

/** Reusable scratch space so the per-query routine allocates nothing (queries read ≤ 2^D corners). */
export class SramScratch {
  /** Outputs of the last sramQueryCyclesInto call. */
  cycles = 0;
  conflictCycles = 0;
  reads = 0;
  missSectors = 0;
  words = new Float64Array(16);
  sectors = new Float64Array(16);
  readonly bankCounts: Int32Array;
  constructor(banks: number) {
    this.bankCounts = new Int32Array(banks);
  }
  ensure(n: number): void {
    if (this.words.length < n) {
      this.words = new Float64Array(n);
      this.sectors = new Float64Array(n);
    }
  }
}

function pushDistinct(list: Float64Array, n: number, value: number): number {
  for (let i = 0; i < n; i++) if (list[i] === value) return n;
  list[n] = value;
  return n + 1;
}

/**
 * Bank cycles of one query's corner reads at one level. Corners whose entries share a word are served by one
 * read (a wide word holds several F = 2 entries); distinct words in one bank serialise over its ports.
 */
export function sramQueryCycles(
  entryIndices: ArrayLike<number>,
  start: number,
  count: number,
  residency: LevelResidency,
  sram: GridSramParams,
  l2AccessBytes: number,
  scratch: SramScratch,
): SramQueryCycles {
  sramQueryCyclesInto(entryIndices, start, count, residency, sram, l2AccessBytes, scratch);
  const { cycles, conflictCycles, reads, missSectors } = scratch;
  return { cycles, conflictCycles, reads, missSectors };
}

/** sramQueryCycles writing its outputs into `scratch` (the simulation's inner loop: no allocation). */
export function sramQueryCyclesInto(
  entryIndices: ArrayLike<number>,
  start: number,
  count: number,
  residency: LevelResidency,
  sram: GridSramParams,
  l2AccessBytes: number,
  scratch: SramScratch,
): void {
  const { entryBytes } = residency;
  const entriesPerWord = Math.max(1, Math.floor(sram.wordBytes / entryBytes));
  const wordsPerEntry = Math.ceil(entryBytes / sram.wordBytes);
  const sectorsPerEntry = Math.ceil(entryBytes / l2AccessBytes);
  scratch.ensure(count * Math.max(wordsPerEntry, sectorsPerEntry));
  const { words, sectors, bankCounts } = scratch;
  let nWords = 0;
  let nSectors = 0;
  for (let i = start; i < start + count; i++) {
    const entry = entryIndices[i]!;
    if (entry >= residency.residentEntries) {
      const sector = Math.floor((entry * entryBytes) / l2AccessBytes);
      for (let s = 0; s < sectorsPerEntry; s++) nSectors = pushDistinct(sectors, nSectors, sector + s);
      continue;
    }
    const first = wordsPerEntry > 1 ? entry * wordsPerEntry : Math.floor(entry / entriesPerWord);
    for (let w = 0; w < wordsPerEntry; w++) nWords = pushDistinct(words, nWords, first + w);
  }
  bankCounts.fill(0);
  let busiest = 0;
  for (let i = 0; i < nWords; i++) {
    const bank = bankOf(words[i]!, sram.banks, sram.bankMapping);
    const n = ++bankCounts[bank]!;
    if (n > busiest) busiest = n;
  }
  const cycles = Math.max(1, Math.ceil(busiest / sram.portsPerBank));
  const ideal = Math.max(1, Math.ceil(nWords / (sram.banks * sram.portsPerBank)));
  scratch.cycles = cycles;
  scratch.conflictCycles = cycles - ideal;
  scratch.reads = nWords;
  scratch.missSectors = nSectors;
}
