/** What the administration pages share: the roles and units they pick from, and how to name them. */
import { useQuery } from '@tanstack/react-query';
import { sortByName } from '@core/collate';
import { fold } from '@core/text';
import type { Role, UnitNode } from '@shared/api';
import { api } from '../../api/client';
import type { Lang, MessageKey, Translate } from '../../i18n/i18n';

export const USERS_KEY = ['admin', 'users'] as const;
export const UNITS_KEY = ['admin', 'units'] as const;
export const AUDIT_KEY = ['admin', 'audit'] as const;

/** The audit trail's filter (AuditFilters.tsx): days inclusive, as yyyy-mm-dd. */
export interface AuditFilter {
  user?: string;
  unit?: number;
  plan?: number;
  from?: string;
  to?: string;
}

export function filterParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params;
}

/**
 * Select values for "no unit": a grant in the whole installation, a unit without a parent. Unit ids
 * are positive, so 0 cannot collide, and tree selects cannot hold null.
 */
export const NO_UNIT = 0;

export function useRoles() {
  return useQuery({ queryKey: ['admin', 'roles'], queryFn: api.roles, staleTime: 10 * 60_000 });
}

export function useUnits(enabled = true) {
  return useQuery({ queryKey: UNITS_KEY, queryFn: api.units, enabled });
}

export function roleName(roles: readonly Role[] | undefined, code: string, lang: Lang): string {
  const role = roles?.find((r) => r.code === code);
  if (!role) return code;
  return lang === 'vi' ? role.nameVi : role.nameEn;
}

export { errorMessage as errorText } from '../../api/client';

const KIND_LABELS: Record<string, MessageKey> = {
  province: 'kind_province',
  city: 'kind_city',
  district: 'kind_district',
  town: 'kind_town',
  'urban-district': 'kind_urban_district',
  commune: 'kind_commune',
  ward: 'kind_ward',
  township: 'kind_township',
  department: 'kind_department',
  office: 'kind_office',
  committee: 'kind_committee',
  center: 'kind_center',
  section: 'kind_section',
  group: 'kind_group',
  agency: 'kind_agency',
  other: 'kind_other',
};

export const KNOWN_KINDS = Object.keys(KIND_LABELS);

/** Kinds are free text on the server: an unknown one is shown as stored. */
export function kindLabel(kind: string, t: Translate): string {
  const key = KIND_LABELS[kind];
  return key ? t(key) : kind;
}

export interface UnitTreeNode extends UnitNode {
  children?: UnitTreeNode[];
}

/**
 * The units as a forest. A unit whose parent is not in the list (an administrator of one unit sees
 * only its subtree) is a root. Leaves get no `children`, so tables and selects draw no expander.
 */
export function unitForest(units: readonly UnitNode[]): UnitTreeNode[] {
  const nodes = new Map<number, UnitTreeNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitTreeNode[] = [];
  // each level in Vietnamese order, whatever order the list came in
  for (const node of sortByName([...nodes.values()], (n) => n.name)) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** The unit and every unit under it: none of them may become its parent. */
export function subtreeIds(units: readonly UnitNode[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId !== null && ids.has(u.parentId) && !ids.has(u.id)) {
        ids.add(u.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Whether a typed search matches an option's label, ignoring case and Vietnamese diacritics. */
export function labelMatches(input: string, label: unknown): boolean {
  return typeof label === 'string' && fold(label).includes(fold(input.trim()));
}
