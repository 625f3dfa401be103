import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleExplorer } from '../../src/explorer/bundle.ts';
import { explorerPageHtml } from '../../src/explorer/explorerPage.ts';

describe('explorer bundle', () => {
  it('builds for the browser with no Node API, quickly and deterministically', async () => {
    const t0 = performance.now();
    const a = await bundleExplorer();
    const seconds = (performance.now() - t0) / 1e3;
    console.log(`explorer bundle: ${a.js.length} bytes in ${seconds.toFixed(2)} s`);
    expect(a.warnings).toEqual([]);
    expect(a.js).not.toMatch(/require\(["']node:/);
    const b = await bundleExplorer();
    expect(b.js).toBe(a.js);
    // The page must not depend on where the repository is checked out.
    expect(a.js).not.toContain(process.cwd());
  });

  it('fails on a node: import, naming the importing file', async () => {
    // Inside src/ so the rule for our own sources applies (bare built-ins too); removed afterwards.
    const dir = mkdtempSync(join(process.cwd(), 'src/explorer/page/.probe-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, "import { readFileSync } from 'node:fs';\nconsole.log(readFileSync);\n");
    try {
      await expect(bundleExplorer(entry)).rejects.toThrow(
        /entry\.ts imports node:fs: the explorer bundle runs in a browser/,
      );
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes one self-contained page: no external script, style or link', async () => {
    const html = await explorerPageHtml();
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toContain('configs/calibration/paper-fit.result.json');
    expect(await explorerPageHtml()).toBe(html);
  });
});
