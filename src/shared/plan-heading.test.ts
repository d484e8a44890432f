import { describe, expect, it } from 'vitest';
import { fromDecimalString, parseScore, sameScore } from '../core/score.js';
import { formatShownScore, formatSigned } from './plan-heading.js';

describe('scores as the plan page and its first screen write them', () => {
  it('writes a negative score with the minus sign its signed differences use, and reads it back', () => {
    expect(formatShownScore(fromDecimalString('-1.5'), 'vi')).toBe('\u22121,5');
    expect(formatShownScore(fromDecimalString('-0.25'), 'en')).toBe('\u22120.25');
    expect(formatSigned(fromDecimalString('-0.25'), 'vi')).toBe('\u22120,25');
    const read = parseScore(formatShownScore(fromDecimalString('-1.5'), 'vi'));
    expect(read.ok && read.score !== null && sameScore(read.score, fromDecimalString('-1.5'))).toBe(true);
  });

  it('writes other scores as the core does, a difference with its sign', () => {
    expect(formatShownScore(fromDecimalString('86.26'), 'vi')).toBe('86,26');
    expect(formatShownScore(fromDecimalString('-0'), 'vi')).toBe('0');
    expect(formatSigned(fromDecimalString('0.5'), 'vi')).toBe('+0,5');
    expect(formatSigned(fromDecimalString('0'), 'vi')).toBe('0');
  });
});
