// Filters Dawn's native stderr while an adapter is requested: its Vulkan backend prints two "artificially reduced"
// limit warnings on every start (Dawn's WarningLog writes straight to fd 2), which say nothing to an ngpc user.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Native lines dropped: Dawn lowering dynamic-buffer limits to fit its offset allocation (harmless for ngpc). */
export const DAWN_NOISE = /^Warning: maxDynamic\w+BuffersPerPipelineLayout artificially reduced .*$/;

/**
 * Runs `fn` with fd 2 pointed at a temporary file, then restores it and re-emits every captured line except
 * DAWN_NOISE. Only on Linux (it reopens fd 2 through /proc), never for a socket, and not when
 * NGPC_DAWN_STDERR=keep; anywhere else `fn` runs untouched. POSIX gives a newly opened file the lowest free fd,
 * which is how fd 2 is swapped without dup2; if that does not hold, the swap is undone before `fn` runs.
 */
export async function withNativeStderrFiltered<T>(fn: () => Promise<T>): Promise<T> {
  if (
    process.platform !== 'linux' ||
    process.env.NGPC_DAWN_STDERR === 'keep' ||
    !existsSync('/proc/self/fd/2')
  ) {
    return fn();
  }
  let saved: number;
  try {
    if (fstatSync(2).isSocket()) return fn();
    saved = openSync('/proc/self/fd/2', 'a');
  } catch {
    return fn();
  }
  const capture = join(tmpdir(), `.ngpc-dawn-stderr-${process.pid}-${Date.now()}`);
  let swapped = false;
  try {
    closeSync(2);
    swapped = openAsFd2(capture, 'w');
  } catch {
    swapped = false;
  }
  if (!swapped) openAsFd2(`/proc/self/fd/${saved}`, 'a');
  try {
    return await fn();
  } finally {
    if (swapped) {
      closeSync(2);
      openAsFd2(`/proc/self/fd/${saved}`, 'a');
      const kept = readFileSync(capture, 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !DAWN_NOISE.test(line));
      if (kept.length > 0) process.stderr.write(`${kept.join('\n')}\n`);
    }
    closeSync(saved);
    rmSync(capture, { force: true });
  }
}

/**
 * Opens `path` as fd 2 when fd 2 is closed (POSIX: a new file gets the lowest free fd; lower free fds are held by
 * placeholders meanwhile). False, with nothing left open, when fd 2 is in use or the open fails.
 */
function openAsFd2(path: string, flags: 'a' | 'w'): boolean {
  const placeholders: number[] = [];
  let ok = false;
  try {
    for (;;) {
      const fd = openSync(path, flags);
      if (fd === 2) {
        ok = true;
        break;
      }
      if (fd > 2) {
        closeSync(fd);
        break;
      }
      placeholders.push(fd);
    }
  } catch {
    ok = false;
  }
  for (const fd of placeholders) closeSync(fd);
  return ok;
}
