// Browser test fixture: Debian's chromium (installed by scripts/setup-chromium.sh when missing) driven by
// playwright-core; skips with a reason when either is unavailable, fails under CI=true.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function launcher(): Promise<{ launch?: () => Promise<Browser>; reason?: string }> {
  if (!existsSync(CHROMIUM)) {
    const setup = spawnSync('bash', [new URL('../../scripts/setup-chromium.sh', import.meta.url).pathname], {
      encoding: 'utf8',
    });
    if (!existsSync(CHROMIUM))
      return { reason: `${CHROMIUM} missing (${(setup.stderr || '').trim().split('\n')[0]})` };
  }
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch (e) {
    return { reason: `playwright-core is not installed (npm ci): ${(e as Error).message.split('\n')[0]}` };
  }
  return {
    launch: () => pw.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  };
}

const found = await launcher();
if (!found.launch) {
  if (process.env.CI) throw new Error(`CI=true but no browser for the explorer test: ${found.reason}`);
  console.warn(`browser tests skipped: ${found.reason}`);
}

/** Launches headless Chromium, or null when there is none (then use `describe.skipIf(!launchChromium)`). */
export const launchChromium: (() => Promise<Browser>) | null = found.launch ?? null;
