import { describe, expect, it } from 'vitest';
import { cellLocation, SCORE_FIELDS } from './plan.js';

describe('cellLocation', () => {
  const doc = { columns: { code: 1, max: 3, baseline: 4, target: 5 } };

  it('adds the column of the role to a row location', () => {
    expect(cellLocation(doc, { sheet: 'Phụ lục', row: 7 }, 'target')).toEqual({
      sheet: 'Phụ lục',
      row: 7,
      column: 5,
    });
    expect(cellLocation(doc, { table: 1, row: 2 }, 'code')).toEqual({ table: 1, row: 2, column: 1 });
  });

  it('keeps the row location when the table has no such column', () => {
    expect(cellLocation(doc, { line: 12 }, 'lead')).toEqual({ line: 12 });
  });

  it('has no location without a row location', () => {
    expect(cellLocation(doc, null, 'max')).toBeNull();
  });

  it('does not change the row location it was given', () => {
    const at = { sheet: 'S', row: 3 };
    cellLocation(doc, at, 'max');
    expect(at).toEqual({ sheet: 'S', row: 3 });
  });

  it('checks the three score fields', () => {
    expect(SCORE_FIELDS).toEqual(['max', 'baseline', 'target']);
  });
});
