/**
 * The trail stores values as the code wrote them ("merged", "lead_unit@2", "1", "2025-06-30",
 * "8.5"); the page shows what an officer reads ("Sáp nhập", "Cán bộ đơn vị chủ trì @ Sở Nội vụ",
 * "Có", "30/06/2025", "8,5"). The XLSX export keeps the stored form.
 */
import type { Role, UnitNode } from '@shared/api';
import type { Lang, MessageKey, Translate } from '../../i18n/i18n';
import { MESSAGES } from '../../i18n/messages';
import { fmt, fmtDate } from '../../ui/format';
import { kindLabel, roleName } from './shared';

export interface ValueContext {
  t: Translate;
  lang: Lang;
  roles: readonly Role[] | undefined;
  units: ReadonlyMap<number, UnitNode>;
}

/** A catalog text for a code the trail stores, or the code itself when the catalog has none. */
export function named(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return key in MESSAGES.en ? t(key as MessageKey) : code;
}

function unitName(id: string, ctx: ValueContext): string {
  const unit = /^\d+$/.test(id) ? ctx.units.get(Number(id)) : undefined;
  return unit ? unit.name : `#${id}`;
}

export function readableValue(field: string | null, value: string, ctx: ValueContext): string {
  const { t, lang } = ctx;
  switch (field) {
    case 'role': {
      // "code@unitId", or "code@*" for the whole installation
      const at = value.lastIndexOf('@');
      if (at < 0) return value;
      const unit = value.slice(at + 1);
      const where = unit === '*' ? t('wholeInstallation') : unitName(unit, ctx);
      return `${roleName(ctx.roles, value.slice(0, at), lang)} @ ${where}`;
    }
    case 'disabled':
    case 'archived':
      return value === '1' ? t('yes') : value === '0' ? t('no') : value;
    case 'content':
      // a deleted plan's whole content: the XLSX export of the trail carries it in full
      return value.length > 120 ? `${value.slice(0, 120)}…` : value;
    case 'lineage':
      return named(t, 'lineageOpt_', value);
    case 'status':
      return named(t, 'status_', value);
    case 'parent_id':
    case 'successor_id':
      return unitName(value, ctx);
    case 'kind':
      return kindLabel(value, t);
    case 'valid_to':
    case 'deadline':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? fmtDate(value, lang) : value;
    case 'baseline':
    case 'target':
      return /^-?\d+(\.\d+)?$/.test(value) ? fmt(value, lang) : value;
    default:
      return value;
  }
}
