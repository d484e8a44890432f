import { describe, expect, it } from 'vitest';
import { chartNumber, gapColour } from './model';

describe('gapColour', () => {
  it.each([
    ['1', '1', undefined],
    ['1', null, undefined],
    ['1', '0.75', '#fff1e6'],
    ['3', '1.5', '#ffccc7'],
    ['0.5', '1', '#e6f4ff'],
    ['0', '2', '#bae0ff'],
  ])('self %s, appraised %s', (self, appraised, colour) => {
    expect(gapColour(self, appraised)).toBe(colour);
  });

  it('reads decimals for the chart', () => {
    expect(chartNumber('85.7143')).toBe(85.7143);
    expect(chartNumber(null)).toBeNull();
  });
});
