// Keys are data: no sweep axis or key path reaches Object.prototype (issue 14, Deliver 3).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { applyAssignment, expandAxes, sweepFileSchema } from '../../src/config/sweep.ts';
import { ConfigError } from '../../src/errors.ts';

const base = { version: 1, gpu: 'rtx3090', app: 'gia', encoding: 'hashgrid' };

describe('sweep keys are data', () => {
  it.each(['__proto__.description', 'constructor.prototype.x', 'ngpc.__proto__', 'a.prototype'])(
    'the sweep schema refuses the axis %s, naming it',
    (axis) => {
      const raw = JSON.parse(JSON.stringify({ version: 1, base, axes: { [axis]: ['x'] } }));
      expect(() => parseConfig(raw, sweepFileSchema, 's.json')).toThrow(ConfigError);
      expect(() => parseConfig(raw, sweepFileSchema, 's.json')).toThrow(
        `s.json: $.axes[${JSON.stringify(axis)}]: key: expected a dotted key of config names, without __proto__, constructor, prototype`,
      );
    },
  );

  it('applyAssignment refuses prototype segments and leaves Object.prototype alone', () => {
    expect(() => applyAssignment(base, { '__proto__.description': 'x' }, 's.json')).toThrow(
      /s\.json: .*without __proto__/,
    );
    expect(() => applyAssignment(base, { 'constructor.prototype.polluted': 1 })).toThrow(ConfigError);
    expect(({} as Record<string, unknown>).description).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('builds assignments and new intermediate objects without a prototype', () => {
    const [first] = expandAxes({ 'ngpc.nfps': [8], app: ['gia'] });
    expect(Object.getPrototypeOf(first)).toBeNull();
    const out = applyAssignment(base, { 'extra.deep.key': 1 }) as Record<string, any>;
    expect(Object.getPrototypeOf(out.extra)).toBeNull();
    expect(out.extra.deep.key).toBe(1);
    // A key named like an Object.prototype member is data, not the inherited function.
    const named = applyAssignment(base, { 'toString.x': 1 }) as any;
    expect(named.toString.x).toBe(1);
  });
});
