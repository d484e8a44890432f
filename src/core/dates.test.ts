import { describe, expect, it } from 'vitest';
import { parseDeadline } from './dates.js';

describe('parseDeadline', () => {
  it.each([
    ['30/6/2022', '2022-06-30'],
    ['30/06/2022', '2022-06-30'],
    ['1/1/2023', '2023-01-01'],
    ['30-06-2022', '2022-06-30'],
    ['30.06.2022', '2022-06-30'],
    ['2022-06-30', '2022-06-30'],
    [' 31/12/2022 ', '2022-12-31'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %j as %j', (text, iso) => {
    expect(parseDeadline(text)).toBe(iso);
  });

  it.each([
    '31/02/2022',
    '29/02/2023',
    '31/4/2022',
    '0/1/2022',
    '15/13/2022',
    '2022-02-30',
    'Quý II/2022',
    'Tháng 6/2022',
    'Thường xuyên',
    'Năm 2022',
    '6/2022',
    '30/6/22',
    '',
  ])('gives null for %j', (text) => {
    expect(parseDeadline(text)).toBeNull();
  });
});
