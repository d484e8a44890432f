import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeParts,
  compareCodes,
  depthOf,
  parentCode,
  parseCode,
  previousSibling,
  type CodeFix,
} from './codes.js';

describe('parseCode', () => {
  it.each<[string, string, CodeFix[]]>([
    ['1', '1', []],
    ['1.', '1', ['trailing-dot']],
    ['1.2.', '1.2', ['trailing-dot']],
    ['2,3', '2.3', ['comma']],
    ['2,3,1', '2.3.1', ['comma']],
    ['4,', '4', ['comma', 'trailing-dot']],
    ['3.4.4.1', '3.4.4.1', []],
    ['7.1.10', '7.1.10', []],
    ['II', '2', ['roman']],
    ['IV.', '4', ['roman']],
    ['iv', '4', ['roman']],
    ['IX', '9', ['roman']],
    ['XII', '12', ['roman']],
    ['01.2', '1.2', ['leading-zero']],
    ['1.02', '1.2', ['leading-zero']],
    [' 1 . 2 ', '1.2', ['spaces']],
    ['  3  ', '3', []],
    ['1 ,2', '1.2', ['spaces', 'comma']],
  ])('reads %j as %j with fixes %j', (raw, code, fixes) => {
    const parsed = parseCode(raw);
    expect(parsed).toEqual({ ok: true, code, parts: code.split('.').map(Number), fixes });
  });

  it.each([
    '1.a',
    '0',
    '1.0',
    '0.1',
    '',
    '   ',
    '1..2',
    '.1',
    'a',
    'IIII',
    'VX',
    'X.1',
    '1000',
    '1-2',
    '1/2',
    'I.2',
  ])('rejects %j', (raw) => {
    expect(parseCode(raw)).toEqual({ ok: false });
  });

  const codeArb = fc
    .array(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join('.'));

  it('reads a normalised code as itself with no fixes', () => {
    fc.assert(
      fc.property(codeArb, (code) => {
        expect(parseCode(code)).toEqual({ ok: true, code, parts: codeParts(code), fixes: [] });
      }),
    );
  });

  it('normalises written variants to a code that parses again unchanged and without fixes', () => {
    const variant = fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('.', ','),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([parts, sep, trailingDot, leadingZero, spaces]) => {
        const pieces = parts.map((p, i) => (leadingZero && i === 0 ? `0${p}` : String(p)));
        let raw = pieces.join(spaces ? ` ${sep} ` : sep);
        if (trailingDot) raw += '.';
        return { raw, expected: parts.join('.') };
      });
    fc.assert(
      fc.property(variant, ({ raw, expected }) => {
        const first = parseCode(raw);
        if (!first.ok) throw new Error(`rejected ${raw}`);
        expect(first.code).toBe(expected);
        const again = parseCode(first.code);
        expect(again).toEqual({ ok: true, code: first.code, parts: first.parts, fixes: [] });
      }),
    );
  });
});

describe('code helpers', () => {
  it.each([
    ['3.4.4.1', '3.4.4'],
    ['1.2', '1'],
    ['1', null],
  ])('parentCode(%j) is %j', (code, parent) => {
    expect(parentCode(code)).toBe(parent);
  });

  it.each([
    ['1.3', '1.2'],
    ['7.1.10', '7.1.9'],
    ['3', '2'],
    ['1.1', null],
    ['1', null],
  ])('previousSibling(%j) is %j', (code, previous) => {
    expect(previousSibling(code)).toBe(previous);
  });

  it.each([
    ['1', 1],
    ['2.3', 2],
    ['3.4.4.1', 4],
  ])('depthOf(%j) is %d', (code, depth) => {
    expect(depthOf(code)).toBe(depth);
  });

  it('orders codes numerically: 7.1.9 < 7.1.10 < 7.2, parents before children', () => {
    const codes = ['7.2', '7.1.10', '10', '7', '7.1', '7.1.9', '2', '7.1.1'];
    expect([...codes].sort(compareCodes)).toEqual(['2', '7', '7.1', '7.1.1', '7.1.9', '7.1.10', '7.2', '10']);
    expect(compareCodes('7.1.9', '7.1.10')).toBeLessThan(0);
    expect(compareCodes('7.1.10', '7.2')).toBeLessThan(0);
    expect(compareCodes('3.4', '3.4')).toBe(0);
  });

  it('compareCodes is antisymmetric and agrees with comparing the number lists', () => {
    const parts = fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const ca = a.join('.');
        const cb = b.join('.');
        const c = Math.sign(compareCodes(ca, cb));
        expect(Math.sign(compareCodes(cb, ca))).toBe(-c || 0);
        let expected = 0;
        for (let i = 0; i < Math.min(a.length, b.length) && expected === 0; i++) {
          expected = Math.sign(a[i]! - b[i]!);
        }
        if (expected === 0) expected = Math.sign(a.length - b.length);
        expect(c).toBe(expected);
      }),
    );
  });

  it('a code with a previous sibling has the same parent and sorts right after it', () => {
    const parts = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(parts, (p) => {
        const code = p.join('.');
        const prev = previousSibling(code);
        if (p[p.length - 1] === 1) {
          expect(prev).toBeNull();
          return;
        }
        expect(prev).not.toBeNull();
        expect(parentCode(prev!)).toBe(parentCode(code));
        expect(compareCodes(prev!, code)).toBeLessThan(0);
      }),
    );
  });
});
