// The `cli` benchmark: how long the compiled `ngpc` takes from process start to exit for the commands an architect
// types most, each beside `node -e 0` timed in the same run (absolute times drift on a shared machine; the ratio
// to a bare Node start says what ngpc itself adds).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's compiled executable (dist/cli/bin.js), from the sources or from dist itself. */
export const COMPILED_BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StartupCase {
  name: string;
  /** The command line after `node`. */
  argv: string[];
  /** Seconds from process start to exit; null for the reference (`node -e 0`). */
  targetSeconds: number | null;
}

export interface StartupTiming extends StartupCase {
  /** Every run's wall time, seconds. */
  runsSeconds: number[];
  medianSeconds: number;
  /** median / median of `node -e 0`. */
  ratioToNode: number;
  pass: boolean;
}

export interface CliStartupReport {
  bin: string;
  /** Set when a file under src/ is newer than the compiled bin: the numbers are of an older build. */
  staleBuild: string | null;
  runs: number;
  timings: StartupTiming[];
  pass: boolean;
}

/** Runs `node ...argv` once; returns its wall time in seconds. Injected in tests. */
export type RunNode = (argv: string[]) => number;

function runNode(argv: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = (performance.now() - t) / 1e3;
  if (r.status !== 0)
    throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr.split('\n')[0]}`);
  return seconds;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The newest file under `dir`, when it is newer than `than` (ms since epoch). */
function newerFile(dir: string, than: number): string | null {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && statSync(path).mtimeMs > than) return path;
  }
  return null;
}

/** Times each case `runs` times, interleaved (case by case within a round) so drift hits every case alike. */
export function timeStartup(cases: StartupCase[], runs: number, run: RunNode = runNode): StartupTiming[] {
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < runs; round++) {
    for (const [i, c] of cases.entries()) samples[i]!.push(run(c.argv));
  }
  const nodeMedian = median(samples[cases.findIndex((c) => c.name === 'node')] ?? [Number.NaN]);
  return cases.map((c, i) => {
    const medianSeconds = median(samples[i]!);
    return {
      name: c.name,
      argv: [...c.argv],
      targetSeconds: c.targetSeconds,
      runsSeconds: samples[i]!,
      medianSeconds,
      ratioToNode: medianSeconds / nodeMedian,
      pass: c.targetSeconds === null || medianSeconds <= c.targetSeconds,
    };
  });
}

/**
 * Times the compiled CLI on the cases `casesFor(bin, outDir)` gives (one named `node` is the reference); `outDir()`
 * is a fresh folder under a scratch directory removed afterwards. Throws when it has not been built.
 */
export function benchCliStartup(opts: {
  runs?: number;
  casesFor: (bin: string, outDir: () => string) => StartupCase[];
}): CliStartupReport {
  if (!existsSync(COMPILED_BIN)) {
    throw new Error(
      `${COMPILED_BIN} not found: the bench times the compiled CLI; run \`npm run build\` first`,
    );
  }
  const src = join(PACKAGE_ROOT, 'src');
  const staleBuild = existsSync(src) ? newerFile(src, statSync(COMPILED_BIN).mtimeMs) : null;
  const runs = opts.runs ?? 5;
  const scratch = mkdtempSync(join(tmpdir(), 'ngpc-bench-cli-'));
  try {
    let n = 0;
    const timings = timeStartup(
      opts.casesFor(COMPILED_BIN, () => join(scratch, `out-${n++}`)),
      runs,
    );
    return { bin: COMPILED_BIN, staleBuild, runs, timings, pass: timings.every((t) => t.pass) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
