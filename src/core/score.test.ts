import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  compare,
  formatScore,
  fromDecimalString,
  isNegative,
  parseScore,
  sameScore,
  score,
  scoreFromNumber,
  sub,
  sum,
  toDecimalString,
  toNumber,
  ZERO,
  type Score,
} from './score.js';

const s = (units: number, scale: number): Score => ({ units, scale });

describe('parseScore', () => {
  it.each([
    ['8,5', 85_000, 1],
    ['0,8791', 8_791, 4],
    ['10,10', 101_000, 2],
    ['10,478', 104_780, 3],
    ['100', 1_000_000, 0],
    ['0', 0, 0],
    ['8.5', 85_000, 1],
    ['1.234,5', 12_345_000, 1],
    ['-0,5', -5_000, 1],
    ['+2', 20_000, 0],
    ['−1,25', -12_500, 2],
    [' 8,5 ', 85_000, 1],
    ['8,5 điểm', 85_000, 1],
    ['8,5đ', 85_000, 1],
    [',5', 5_000, 1],
    // more than four decimals is fine when the extra digits are zeros
    ['0,87910', 8_791, 4],
    ['2,500000', 25_000, 4],
    // a lone thousands-looking dot is a decimal point: scores never reach a thousand
    ['1.000', 10_000, 3],
  ])('reads %j as %d ten-thousandths with %d decimals', (text, units, scale) => {
    expect(parseScore(text)).toEqual({ ok: true, score: { units, scale } });
  });

  it.each(['', '-', '–', '—', 'x', 'X', '/', '   ', '\u00a0'])(
    'reads the empty mark %j as no score',
    (text) => {
      expect(parseScore(text)).toEqual({ ok: true, score: null });
    },
  );

  it.each(['abc', '8,5,5', '1..2', '5,', '8 a', '1.23.4', '--1', 'e5', '1e3'])(
    'rejects %j as not a number',
    (text) => {
      expect(parseScore(text)).toEqual({ ok: false, reason: 'not-a-number' });
    },
  );

  it.each(['0,12345', '1,00001', '-3,123456'])('rejects %j for too many decimals', (text) => {
    expect(parseScore(text)).toEqual({ ok: false, reason: 'too-many-decimals' });
  });

  it('keeps "10,10" distinct from "10,1" (same value, different written precision)', () => {
    const a = score('10,10');
    const b = score('10,1');
    expect(compare(a, b)).toBe(0);
    expect(sameScore(a, b)).toBe(false);
    expect(sameScore(a, score('10.10'))).toBe(true);
  });

  it('score() throws on text that is not a score, and on an empty cell', () => {
    expect(() => score('abc')).toThrow(/not a score/);
    expect(() => score('')).toThrow(/not a score/);
  });
});

describe('exact arithmetic', () => {
  it('adds 0,8791 + 1 + 0,83 to exactly 2,7091', () => {
    const total = sum([score('0,8791'), score('1'), score('0,83')]);
    expect(total).toEqual({ units: 27_091, scale: 4 });
    expect(sameScore(total, score('2,7091'))).toBe(true);
    expect(formatScore(total)).toBe('2,7091');
    expect(toNumber(total)).toBe(2.7091);
  });

  it('adds 0,1 + 0,2 to exactly 0,3 where binary floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sameScore(add(score('0,1'), score('0,2')), score('0,3'))).toBe(true);
  });

  it('sums nothing to zero', () => {
    expect(sum([])).toEqual(ZERO);
  });

  it('subtracts, takes absolute values and tells negatives', () => {
    const d = sub(score('2,7'), score('2,7091'));
    expect(d).toEqual({ units: -91, scale: 4 });
    expect(isNegative(d)).toBe(true);
    expect(abs(d)).toEqual({ units: 91, scale: 4 });
    expect(isNegative(ZERO)).toBe(false);
    expect(add(score('1,5'), score('2'))).toEqual({ units: 35_000, scale: 1 });
  });

  it('compares by value', () => {
    expect(compare(score('9,99'), score('10'))).toBeLessThan(0);
    expect(compare(score('10'), score('9,99'))).toBeGreaterThan(0);
    expect(compare(score('10,0'), score('10'))).toBe(0);
  });

  it('sameScore treats null as equal only to null', () => {
    expect(sameScore(null, null)).toBe(true);
    expect(sameScore(null, ZERO)).toBe(false);
    expect(sameScore(ZERO, null)).toBe(false);
  });

  const scoreArb = fc.record({
    units: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
    scale: fc.integer({ min: 0, max: 4 }),
  });

  it('sums any scores to the integer sum of their units, whatever the order', () => {
    const scoresAndPermutation = fc
      .array(scoreArb, { maxLength: 60 })
      .chain((scores) =>
        fc.tuple(
          fc.constant(scores),
          fc.shuffledSubarray(scores, { minLength: scores.length, maxLength: scores.length }),
        ),
      );
    fc.assert(
      fc.property(scoresAndPermutation, ([scores, shuffled]) => {
        const total = sum(scores);
        expect(total.units).toBe(scores.reduce((acc, x) => acc + x.units, 0));
        expect(total.scale).toBe(Math.max(0, ...scores.map((x) => x.scale)));
        expect(sum(shuffled)).toEqual(total);
      }),
    );
  });

  it('sums written four-decimal scores exactly (text in, text out)', () => {
    const digits = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(fc.array(digits, { minLength: 1, maxLength: 40 }), (values) => {
        const texts = values.map((v) => `${Math.trunc(v / 10_000)},${String(v % 10_000).padStart(4, '0')}`);
        const total = sum(texts.map(score));
        expect(total.units).toBe(values.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe('formatScore', () => {
  it.each([
    ['86,26', 'vi', '86,26'],
    ['86,26', 'en', '86.26'],
    ['10,10', 'vi', '10,10'],
    ['10,10', 'en', '10.10'],
    ['0,8791', 'vi', '0,8791'],
    ['0,8791', 'en', '0.8791'],
    ['100', 'vi', '100'],
    ['-0,5', 'vi', '-0,5'],
    ['-0,5', 'en', '-0.5'],
    ['1.234,5', 'vi', '1234,5'],
  ] as const)('formats %j in %s as %j', (text, locale, expected) => {
    expect(formatScore(score(text), locale)).toBe(expected);
  });

  it('defaults to Vietnamese', () => {
    expect(formatScore(score('2,5'))).toBe('2,5');
  });

  it('writes the digits Intl.NumberFormat wrote (no grouping, the exact decimals), "0" for a negative zero', () => {
    for (let units = -2_000_000; units <= 2_000_000; units += 997) {
      for (const scale of [0, 1, 2, 4]) {
        const a = s(units, scale);
        const digits = Math.max(scale, formatScore(a, 'en').split('.')[1]?.length ?? 0);
        for (const [locale, tag] of [
          ['vi', 'vi-VN'],
          ['en', 'en-US'],
        ] as const) {
          const intl = new Intl.NumberFormat(tag, {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
            useGrouping: false,
          });
          expect(formatScore(a, locale)).toBe(intl.format(units / 10_000));
        }
      }
    }
    expect(formatScore(s(-0, 2), 'vi')).toBe('0,00');
  });

  it('never hides digits the value has, even when the stated scale is smaller', () => {
    expect(formatScore(s(8_791, 0), 'vi')).toBe('0,8791');
    expect(formatScore(s(85_000, 0), 'en')).toBe('8.5');
  });
});

describe('toDecimalString / fromDecimalString', () => {
  it.each([
    [s(101_000, 2), '10.10'],
    [s(-5_000, 1), '-0.5'],
    [s(1_000_000, 0), '100'],
    [s(0, 0), '0'],
    [s(0, 2), '0.00'],
    [s(8_791, 4), '0.8791'],
    [s(-3, 4), '-0.0003'],
    [s(8_791, 0), '0.8791'],
    [s(15_000, 3), '1.500'],
    [s(1_234_560, 3), '123.456'],
  ])('writes %j as %j', (value, text) => {
    expect(toDecimalString(value)).toBe(text);
  });

  it.each(['10.10', '-0.5', '100', '0.8791', '1.500', '123.456', '1234.5'])(
    'reads back %j to the same text',
    (text) => {
      expect(toDecimalString(fromDecimalString(text))).toBe(text);
    },
  );

  it('round-trips every score that is representable at its scale, negatives included', () => {
    const representable = fc.integer({ min: 0, max: 4 }).chain((scale) => {
      const step = 10 ** (4 - scale);
      const bound = Math.floor(Number.MAX_SAFE_INTEGER / step);
      return fc.integer({ min: -bound, max: bound }).map((n) => s(n * step, scale));
    });
    fc.assert(
      fc.property(representable, (value) => {
        const back = fromDecimalString(toDecimalString(value));
        expect(back.units).toBe(value.units);
        expect(back.scale).toBe(value.scale);
      }),
    );
  });

  it('round-trips any units at four decimals up to the largest safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (units) => {
        expect(fromDecimalString(toDecimalString(s(units, 4))).units).toBe(units);
      }),
    );
  });
});

describe('scoreFromNumber', () => {
  it.each([
    [0.8791, undefined, 8_791, 4, '0,8791'],
    [10.1, 2, 101_000, 2, '10,10'],
    [10.1, undefined, 101_000, 1, '10,1'],
    [2.7091000000000003, undefined, 27_091, 4, '2,7091'],
    [0.1 + 0.2, undefined, 3_000, 1, '0,3'],
    [100, 0, 1_000_000, 0, '100'],
    [100, 2, 1_000_000, 2, '100,00'],
    // the value's own digits win over a coarser number format
    [0.8791, 2, 8_791, 4, '0,8791'],
    // a format asking for more than four decimals is capped
    [1.5, 6, 15_000, 4, '1,5000'],
    [1.5, -1, 15_000, 1, '1,5'],
    [-0.5, undefined, -5_000, 1, '-0,5'],
  ])('reads %d (decimals %s) as %d with scale %d', (value, decimals, units, scale, vi) => {
    const result = scoreFromNumber(value, decimals);
    expect(result).toEqual({ units, scale });
    expect(formatScore(result!, 'vi')).toBe(vi);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e13])(
    'gives null for %d',
    (v) => {
      expect(scoreFromNumber(v)).toBeNull();
    },
  );

  it('agrees with parseScore on four-decimal values', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (units) => {
        const fromNumber = scoreFromNumber(units / 10_000)!;
        expect(fromNumber.units).toBe(units);
        const text = toDecimalString(fromNumber);
        expect(sameScore(fromDecimalString(text), fromNumber)).toBe(true);
      }),
    );
  });
});
