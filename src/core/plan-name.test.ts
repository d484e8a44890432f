import { describe, expect, it } from 'vitest';
import { confirms, planConfirmName } from './plan-name.js';

describe('planConfirmName', () => {
  it('is the subject and the year', () => {
    expect(planConfirmName('Huyện Krông Nô', 2023)).toBe('Huyện Krông Nô 2023');
  });
});

describe('confirms', () => {
  const expected = 'Huyện Krông Nô 2023';
  it.each([
    ['Huyện Krông Nô 2023', true],
    ['huyện krông nô 2023', true],
    ['  HUYỆN  KRÔNG NÔ\t2023 ', true],
    // decomposed diacritics (NFD), as some keyboards send them
    ['Huyện Krông Nô 2023'.normalize('NFD'), true],
    ['Huyện Krông Nô', false],
    ['Huyen Krong No 2023', false],
    ['Huyện Krông Nô 2024', false],
    ['', false],
  ])('%j → %s', (typed, ok) => {
    expect(confirms(typed, expected)).toBe(ok);
  });
});
