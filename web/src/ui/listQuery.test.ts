import { FILTER_YEAR_MAX, FILTER_YEAR_MIN, MAX_ID, SEARCH_TEXT_MAX } from '@shared/limits';
import { describe, expect, it } from 'vitest';
import { dropInvalid, isId, isPage, isSearch, isYear, lastPage, oneOf } from './listQuery';

const RULES = {
  year: isYear,
  unit: isId,
  page: isPage,
  q: isSearch,
  overdue: oneOf(['1']),
  size: oneOf([20, 50]),
};
const drop = (query: string) => dropInvalid(new URLSearchParams(query), RULES)?.toString() ?? null;

describe("a list's address", () => {
  it('is left alone when the list takes all of it', () => {
    expect(drop('')).toBeNull();
    expect(drop('year=2023&unit=12&page=3&q=krong+no&overdue=1&size=20')).toBeNull();
    expect(drop(`year=${FILTER_YEAR_MIN}&unit=${MAX_ID}`)).toBeNull();
    // params the list has no rule for are not its to drop
    expect(drop('other=abc')).toBeNull();
  });

  it('drops what the list does not take, keeping the rest in its order', () => {
    expect(drop('page=abc')).toBe('');
    expect(drop('q=a&year=abc&page=2')).toBe('q=a&page=2');
    expect(drop('year=1899&unit=0&page=0&overdue=true&size=7&other=x')).toBe('other=x');
    expect(drop(`year=${FILTER_YEAR_MAX + 1}&unit=${MAX_ID + 1}&page=-1`)).toBe('');
    expect(drop('year=2023.5&unit=1e3&page=1.5')).toBe('');
    // an empty value counts as absent
    expect(drop('year=&q=')).toBe('');
    expect(drop(`q=${'a'.repeat(SEARCH_TEXT_MAX + 1)}`)).toBe('');
    expect(drop(`q=${'a'.repeat(SEARCH_TEXT_MAX)}`)).toBeNull();
  });

  it('has a last page, 1 when the list is empty', () => {
    expect(lastPage(0, 50)).toBe(1);
    expect(lastPage(50, 50)).toBe(1);
    expect(lastPage(51, 50)).toBe(2);
    expect(lastPage(62, 20)).toBe(4);
  });
});
