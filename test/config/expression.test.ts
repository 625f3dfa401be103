// The expression sandbox: arithmetic and units only (issue 14, Deliver 2).
import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_CHARS, MAX_EXPRESSION_NODES } from '../../src/config/expression.ts';
import { parseConfig } from '../../src/config/load.ts';
import { designPointSchema } from '../../src/config/point.ts';
import { QuantityError, toQuantity } from '../../src/config/units.ts';
import { ConfigError } from '../../src/errors.ts';

describe('config expressions: arithmetic and units only', () => {
  it.each([
    ['1.695 GHz', 'hz', 1.695e9],
    ['3840*2160', 'count', 8_294_400],
    ['6 MiB', 'bytes', 6 * 1024 ** 2],
    ['628 mm^2', 'mm2', 628],
    ['2^19', 'count', 2 ** 19],
    ['sqrt(3)/1024', 'count', Math.sqrt(3) / 1024],
    ['max(2, 3) * pi', 'count', 3 * Math.PI],
    ['6 MiB to B', 'bytes', 6 * 1024 ** 2],
    ['(1 + 2) * -3', 'count', -9],
  ] as const)('%s still works', (text, kind, want) => {
    expect(toQuantity(text, kind)).toBeCloseTo(want, 9);
  });

  const forbiddenFunctions = [
    'createUnit("GB", "1 B")',
    'config({number: "BigNumber"})',
    'import({a: 1})',
    'evaluate("1")',
    'parse("1")',
    'compile("1")',
    'simplify("x")',
    'derivative("x^2", "x")',
    'zeros(1e5, 1e5)',
    'ones(3)',
    'matrix([1])',
    'range(1, 1e9)',
    'size(1)',
    'factorial(1e6)',
    'cos(1)',
    'chain(1)',
    'help(sqrt)',
    'typeOf(1)',
    'format(1)',
  ];
  it.each(forbiddenFunctions)('refuses the function in %s', (text) => {
    expect(() => toQuantity(text, 'count')).toThrow(QuantityError);
    expect(() => toQuantity(text, 'count')).toThrow(/is not allowed|is not a unit/);
  });

  it.each([
    ['[createUnit("GB", "1 B", {override: true}), 32][2]', /indexing is not allowed/],
    ['size(zeros(1e5, 1e5))[1] Hz', /indexing is not allowed/],
    ['[1, 2]', /an array is not allowed/],
    ['{a: 1}', /an object is not allowed/],
    ['a = 3', /an assignment is not allowed/],
    ['f(x) = x', /a function definition is not allowed/],
    ['1:3', /a range is not allowed/],
    ['1 ? 2 : 3', /a conditional is not allowed/],
    ['1; 2', /a block of statements is not allowed/],
    ['3 > 2', /operator ">" is not arithmetic/],
    ['"3"', /"3" is not a number/],
    ['x', /"x" is not a unit or constant/],
    ['sqrt', /function|not a unit/],
    [`${'1+'.repeat(MAX_EXPRESSION_CHARS)}1`, /characters; at most/],
    [Array(MAX_EXPRESSION_NODES).fill('1').join('+'), /more than \d+ terms/],
  ])('refuses %s', (text, message) => {
    expect(() => toQuantity(text, 'count')).toThrow(message);
  });

  it('leaves the units alone after a refused createUnit (no file can redefine GB)', () => {
    expect(() => toQuantity('[createUnit("GB", "1 B", {override: true}), 32][2]', 'count')).toThrow();
    expect(() => toQuantity('createUnit("GB", "1 B", {override: true})', 'count')).toThrow();
    expect(toQuantity('1 GB', 'bytes')).toBe(1e9);
    expect(toQuantity('0.5', 'count')).toBe(0.5); // still plain numbers, not BigNumber
  });

  it('names the file and JSON path in a config', () => {
    const raw = {
      gpu: 'rtx3090',
      app: 'nerf',
      encoding: 'hashgrid',
      samplesPerPixel: { value: '[createUnit("GB", "1 B", {override: true}), 32][2]', source: 'test' },
    };
    let err: unknown;
    try {
      parseConfig(raw, designPointSchema, 'p.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(
      /^p\.json: \$\.samplesPerPixel\.value = .*indexing is not allowed/,
    );
  });

  it('explains an unknown unit in a unit key', () => {
    expect(() => toQuantity(3, 'bytes', 'furlong')).toThrow(
      /expected a byte size such as "6 MiB" \(unit "furlong"/,
    );
  });
});
