import { describe, expect, it } from 'vitest';
import { parseScore, sameScore } from '@core/score';
import { fmt, fmtSigned, scoreOf } from './format';

describe('fmt', () => {
  it('writes a negative score with the minus sign the signed differences use, and reads it back', () => {
    expect(fmt('-1.5', 'vi')).toBe('\u22121,5');
    expect(fmt('-0.25', 'en')).toBe('\u22120.25');
    expect(fmtSigned(scoreOf('-0.25'), 'vi')).toBe('\u22120,25');
    const read = parseScore(fmt('-1.5', 'vi'));
    expect(read.ok && read.score !== null && sameScore(read.score, scoreOf('-1.5'))).toBe(true);
  });

  it('leaves other scores as the core writes them', () => {
    expect(fmt('86.26', 'vi')).toBe('86,26');
    expect(fmt('0', 'vi')).toBe('0');
    expect(fmt('-0', 'vi')).toBe('0');
    expect(fmt(null, 'vi')).toBe('');
  });
});
