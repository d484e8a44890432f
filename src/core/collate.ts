/**
 * Names in Vietnamese order: "Đắk Mil" after "Cư Jút" and before "Gia Nghĩa", "Ủy ban" among the
 * U's — not by code points, which put every accented capital after "Z". Numbers inside names count
 * as numbers ("Phường 2" before "Phường 10").
 */
const collator = new Intl.Collator('vi', { numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A copy sorted by a name, in Vietnamese order. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareVi(name(a), name(b)));
}

export interface NamedUnit {
  id: number;
  name: string;
  parentId: number | null;
}

/** Names that differ only in case or in spaces are the same name to a reader. */
const sameNameKey = (name: string) =>
  name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * What to call each unit in a list: its name, or — where two units of the list share the name — its
 * name and its parent's ("Phòng Nội vụ — Huyện Cư Jút"). A unit without a parent keeps its name.
 */
export function unitLabels(units: readonly NamedUnit[]): Map<number, string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const count = new Map<string, number>();
  for (const u of units) count.set(sameNameKey(u.name), (count.get(sameNameKey(u.name)) ?? 0) + 1);
  const labels = new Map<number, string>();
  for (const u of units) {
    const parent = u.parentId === null ? undefined : byId.get(u.parentId);
    const shared = (count.get(sameNameKey(u.name)) ?? 0) > 1;
    labels.set(u.id, shared && parent ? `${u.name} — ${parent.name}` : u.name);
  }
  return labels;
}
