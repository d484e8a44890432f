import { describe, expect, it } from 'vitest';
import { recoveryOf, shareOf } from './model';

describe('shareOf', () => {
  it.each([
    [50, '0.5'],
    [33, '0.33'],
    [5, '0.05'],
    [100, '1'],
    [150, '1'],
    [0, '0.01'],
  ])('%d%% → %s', (percent, share) => {
    expect(shareOf(percent)).toBe(share);
  });
});

describe('recoveryOf', () => {
  it('sends a share as a fraction and the other modes alone', () => {
    expect(
      recoveryOf({
        '1': { mode: 'share', percent: 25 },
        '2': { mode: 'full', percent: 50 },
        '3': { mode: 'manual', percent: 50 },
      }),
    ).toEqual({ '1': { mode: 'share', share: '0.25' }, '2': { mode: 'full' }, '3': { mode: 'manual' } });
  });
});
