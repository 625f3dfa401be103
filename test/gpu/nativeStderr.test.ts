// Dawn's native "artificially reduced" warnings are dropped from fd 2; every other native line still reaches stderr.
import { writeSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { DAWN_NOISE, withNativeStderrFiltered } from '../../src/gpu/nativeStderr.ts';

const NOISE =
  'Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.';

describe('native stderr filter', () => {
  it('matches both of Dawn limit warnings and nothing else', () => {
    expect(DAWN_NOISE.test(NOISE)).toBe(true);
    expect(DAWN_NOISE.test(NOISE.replace('Uniform', 'Storage'))).toBe(true);
    expect(DAWN_NOISE.test('Warning: vkCreateDevice failed')).toBe(false);
  });

  it.runIf(process.platform === 'linux')(
    'drops the noise written to fd 2 and re-emits the rest',
    async () => {
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        const value = await withNativeStderrFiltered(async () => {
          writeSync(2, `${NOISE}\nError: a real native problem\n`);
          return 42;
        });
        expect(value).toBe(42);
        const written = spy.mock.calls.map((c) => String(c[0])).join('');
        if (written !== '') expect(written).toBe('Error: a real native problem\n'); // '' where fd 2 is a socket
        expect(written).not.toContain('artificially');
      } finally {
        spy.mockRestore();
      }
    },
  );
});
