// "Every command takes --json" (README): each command's help lists it, and merge, tables and explore print one JSON
// document on stdout with what they did.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { cli } from '../helpers/cli.ts';

const names = COMMANDS.map((c) => String(c.command).split(' ')[0]!);
const dir = mkdtempSync(join(tmpdir(), 'ngpc-json-'));

describe('--json on every command', () => {
  it.each(names)('%s --help lists --json', async (name) => {
    const r = await cli(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+--json\s/m);
  });

  it('merge --json: the merged folder, point counts and shards', async () => {
    const sweep = join(dir, 'sweep.json');
    const base = { gpu: 'rtx3090', app: 'nerf', encoding: 'hashgrid' };
    writeFileSync(sweep, JSON.stringify({ version: 1, base, axes: { nfps: [8, 16, 32] } }));
    for (const k of [1, 2])
      expect((await cli('sweep', sweep, '--shard', `${k}/2`, '--out', join(dir, `s${k}`))).code).toBe(0);
    const out = join(dir, 'merged');
    const r = await cli('merge', join(dir, 's1'), join(dir, 's2'), '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      out,
      points: 3,
      errors: 0,
      totalPoints: 3,
      shards: 2,
      profile: 'first-principles',
    });
    expect(j.sweepHash).toMatch(/^sha256:/);
    expect(j.files).toContain(join(out, 'points.csv'));
  });

  it('tables --json: each file written with its status, and --check --json: current or the problems', async () => {
    const out = join(dir, 'results');
    const first = await cli('tables', '--out', out, '--json');
    expect(first.code, first.stderr).toBe(0);
    const written = JSON.parse(first.stdout);
    expect(written).toMatchObject({ out, profile: 'first-principles' });
    expect(written.files).toContainEqual({ file: 'speedup-vs-scale.csv', status: 'rewritten' });
    expect(written.files).toContainEqual({ file: 'explorer.html', status: 'rewritten' });
    const again = JSON.parse((await cli('tables', '--out', out, '--json')).stdout);
    expect(new Set(again.files.map((f: { status: string }) => f.status))).toEqual(new Set(['unchanged']));
    const check = await cli('tables', '--check', '--out', out, '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual({
      out,
      profile: 'first-principles',
      current: true,
      problems: [],
    });
    writeFileSync(join(out, 'stale.csv'), '');
    const stale = await cli('tables', '--check', '--out', out, '--json');
    expect(stale.code).toBe(1);
    expect(JSON.parse(stale.stdout)).toMatchObject({
      current: false,
      problems: [expect.stringMatching(/stale\.csv/)],
    });
  });

  it('explore --json prints {url} once listening and serves the page until SIGINT', async () => {
    // A child process: the command waits for SIGINT, which the test worker must not receive.
    const child = spawn(process.execPath, ['scripts/ngpc.mjs', 'explore', '--port', '0', '--json']);
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        try {
          resolve(JSON.parse(stdout).url);
        } catch {} // not all of it yet
      });
      child.once('exit', (code) => reject(new Error(`explore exited ${code} before printing its URL`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(url)).status).toBe(200);
    const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await code).toBe(0);
  });
});
