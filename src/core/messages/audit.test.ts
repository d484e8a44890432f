import { describe, expect, it } from 'vitest';
import { render } from '../messages.js';
import { AUDIT_VALUES, isAuditWord } from './audit.js';

/** Each stored value the trail words, with the code that words it. */
const WORDED = [
  ...AUDIT_VALUES.action.map(
    (action) =>
      [
        'action',
        action,
        render('audit.action', { action }, 'vi'),
        render('audit.action', { action }, 'en'),
      ] as const,
  ),
  ...AUDIT_VALUES.entity.map(
    (entity) =>
      [
        'entity',
        entity,
        render('audit.entity', { entity }, 'vi'),
        render('audit.entity', { entity }, 'en'),
      ] as const,
  ),
  ...AUDIT_VALUES.field.map(
    (field) =>
      [
        'field',
        field,
        render('audit.field', { field }, 'vi'),
        render('audit.field', { field }, 'en'),
      ] as const,
  ),
  ...AUDIT_VALUES.status.map(
    (status) =>
      [
        'status',
        status,
        render('audit.status', { status }, 'vi'),
        render('audit.status', { status }, 'en'),
      ] as const,
  ),
  ...AUDIT_VALUES.lineage.map(
    (lineage) =>
      [
        'lineage',
        lineage,
        render('audit.lineage', { lineage }, 'vi'),
        render('audit.lineage', { lineage }, 'en'),
      ] as const,
  ),
  ...AUDIT_VALUES.detail.map(
    (detail) =>
      [
        'detail',
        detail,
        render('audit.detail', { detail }, 'vi'),
        render('audit.detail', { detail }, 'en'),
      ] as const,
  ),
  ...AUDIT_VALUES.extensionState.map(
    (state) =>
      [
        'extensionState',
        state,
        render('audit.extensionState', { state }, 'vi'),
        render('audit.extensionState', { state }, 'en'),
      ] as const,
  ),
  ...AUDIT_VALUES.resultSource.map(
    (source) =>
      [
        'resultSource',
        source,
        render('audit.resultSource', { source }, 'vi'),
        render('audit.resultSource', { source }, 'en'),
      ] as const,
  ),
  ...AUDIT_VALUES.kind.map(
    (kind) =>
      ['kind', kind, render('audit.kind', { kind }, 'vi'), render('audit.kind', { kind }, 'en')] as const,
  ),
];

describe('the audit words of the catalog', () => {
  it.each(WORDED)('%s %s has a Vietnamese and an English word', (_kind, value, vi, en) => {
    for (const text of [vi, en]) {
      expect(text?.trim() ?? '').not.toBe('');
      expect(text).not.toBe(value);
    }
    expect(vi).not.toBe(en);
  });

  it('knows every action the trail records and no value it does not', () => {
    expect(AUDIT_VALUES.action).toHaveLength(69);
    expect(isAuditWord('action', 'plan.import')).toBe(true);
    expect(isAuditWord('action', 'framework.publish')).toBe(true);
    expect(isAuditWord('action', 'plan.teleport')).toBe(false);
    expect(isAuditWord('kind', 'urban-district')).toBe(true);
    expect(isAuditWord('field', 'constructor')).toBe(false);
  });

  it('words a stored value the same in the page and the workbook', () => {
    expect(render('audit.action', { action: 'item.update' }, 'vi')).toBe('Sửa điểm tiêu chí');
    expect(render('audit.action', { action: 'item.update' }, 'en')).toBe('Criterion score edited');
    expect(render('audit.kind', { kind: 'urban-district' }, 'vi')).toBe('Quận');
    expect(render('audit.status', { status: 'not_started' }, 'vi')).toBe('Chưa thực hiện');
    expect(render('audit.everywhere', {}, 'en')).toBe('Whole installation');
  });
});
