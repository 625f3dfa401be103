import { describe, expect, it } from 'vitest';
import { QuantityError, toQuantity } from '../../src/config/units.ts';

describe('toQuantity: unit strings and expressions to SI', () => {
  it.each([
    ['1.695 GHz', 'hz', 1.695e9],
    ['936 GB/s', 'bytesPerS', 936e9],
    ['6 MiB', 'bytes', 6 * 1024 * 1024],
    ['6 MB', 'bytes', 6e6],
    ['3840*2160', 'count', 8_294_400],
    ['35.6 Tflop/s', 'flopPerS', 35.6e12],
    ['628 mm^2', 'mm2', 628],
    ['2 * 3 us', 'seconds', 6e-6],
    ['350 W', 'watts', 350],
    ['1.5 pJ', 'joules', 1.5e-12],
  ] as const)('%s as %s', (text, kind, want) => {
    expect(toQuantity(text, kind)).toBeCloseTo(want, 6);
  });

  it('takes bare numbers in the kind unit, or in an explicit unit', () => {
    expect(toQuantity(1.5e9, 'hz')).toBe(1.5e9);
    expect(toQuantity(936, 'bytesPerS', 'GB/s')).toBeCloseTo(936e9, 0);
    expect(toQuantity('2*468', 'bytesPerS', 'GB/s')).toBeCloseTo(936e9, 0);
  });

  it.each([
    ['1.695 GHzz', 'hz', /frequency.*"GHzz" is not a unit or constant/],
    ['5 W', 'hz', /frequency.*got a value in W/],
    ['3 MB', 'count', /without a unit/],
    ['1/0', 'count', /finite/],
    [true, 'count', /plain number/],
  ] as const)('rejects %j as %s', (value, kind, message) => {
    expect(() => toQuantity(value, kind)).toThrow(QuantityError);
    expect(() => toQuantity(value, kind)).toThrow(message);
  });
});
