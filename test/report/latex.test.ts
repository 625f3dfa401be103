import { describe, expect, it } from 'vitest';
import { latexEscape, latexHeader, latexTabular, parseLatexTabular } from '../../src/report/latex.ts';

describe('LaTeX tables', () => {
  it('escapes every character LaTeX treats specially', () => {
    expect(latexEscape('a_b & 50% #1 {x} $y')).toBe('a\\_b \\& 50\\% \\#1 \\{x\\} \\$y');
    expect(latexEscape('~^\\')).toBe('\\textasciitilde{}\\textasciicircum{}\\textbackslash{}');
    expect(latexEscape('§2 –')).toBe('\\S{}2 --');
    expect(latexEscape('ngpc-8 4.961')).toBe('ngpc-8 4.961');
  });

  it('puts a trailing unit of a column name in parentheses', () => {
    expect(latexHeader('area mm^2')).toBe('area (mm$^2$)');
    expect(latexHeader('encoding %')).toBe('encoding (\\%)');
    expect(latexHeader('ngpc-8 x')).toBe('ngpc-8 ($\\times$)');
    expect(latexHeader('DRAM GB/s')).toBe('DRAM (GB/s)');
    expect(latexHeader('budget J/frame')).toBe('budget (J/frame)');
    expect(latexHeader('active W (fitted)')).toBe('active W (fitted)');
    expect(latexHeader('its_J')).toBe('its\\_J');
    expect(latexHeader('x')).toBe('x');
  });

  it('writes a booktabs tabular with one alignment per column, and reads it back', () => {
    const text = latexTabular(
      ['app', 'a \\& b', 'fps'],
      [
        ['nerf', 'x\\&y', '4.961'],
        ['gia', '--', '19.80'],
      ],
      ['l', 'l', 'r'],
    );
    expect(text).toBe(
      [
        '\\begin{tabular}{llr}',
        '\\toprule',
        'app & a \\& b & fps \\\\',
        '\\midrule',
        'nerf & x\\&y & 4.961 \\\\',
        'gia & -- & 19.80 \\\\',
        '\\bottomrule',
        '\\end{tabular}',
        '',
      ].join('\n'),
    );
    expect(parseLatexTabular(`% comment\n${text}`)).toEqual({
      header: ['app', 'a \\& b', 'fps'],
      rows: [
        ['nerf', 'x\\&y', '4.961'],
        ['gia', '--', '19.80'],
      ],
    });
    expect(parseLatexTabular('| a | b |')).toBeUndefined();
  });
});
