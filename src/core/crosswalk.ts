/**
 * The crosswalk between two versions of a framework: which criterion of the earlier one (from) is
 * which of the later one (to). Proposed here, confirmed or corrected by an officer (modules/frameworks.ts
 * stores it). Pure.
 *
 * A criterion is matched, in this order:
 *  1. by code when the names are alike too (same code, similar wording: the usual case);
 *  2. by name when the wording is the same, or nearly, under another code (renumbered);
 *  3. by code alone, whatever the names, when both are still free (reworded in place).
 * "Alike" is the share of words the two names have in common (Dice's coefficient over the folded
 * words: diacritics, case and punctuation aside), so "Ban hành kế hoạch CCHC năm" and "Ban hành Kế
 * hoạch CCHC năm 2026 đúng thời hạn" are alike and a merged criterion is not. Each criterion of
 * either side is matched at most once.
 */
import { fold } from './text.js';

export interface CrosswalkCriterion {
  code: string;
  name: string;
}

export type CrosswalkMethod = 'code' | 'name';

export interface CrosswalkMatch {
  fromCode: string;
  /** null: nothing in the later version matches */
  toCode: string | null;
  method: CrosswalkMethod | null;
  /** how alike the names are, 0..1 (1: the same words) */
  likeness: number;
}

export interface CrosswalkProposal {
  /** one per criterion of the earlier version, in its order */
  matches: CrosswalkMatch[];
  /** codes of the later version nothing matched */
  unmatched: string[];
}

/** Names this alike (or more) match under the same code in the first pass. */
export const SAME_CODE_LIKENESS = 0.5;
/** Names this alike (or more) match under different codes. */
export const NAME_LIKENESS = 0.8;

/** The folded words of a name: "Ban hành Kế hoạch CCHC năm 2026." → ["ban","hanh","ke","hoach","cchc","nam","2026"]. */
export function nameWords(name: string): string[] {
  return fold(name.normalize('NFC'))
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Dice's coefficient of two names' words (counted with repeats): 1 the same words, 0 none shared. */
export function nameLikeness(a: string, b: string): number {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length === 0 && wb.length === 0) return 1;
  if (wa.length === 0 || wb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      shared += 1;
      counts.set(w, n - 1);
    }
  }
  return (2 * shared) / (wa.length + wb.length);
}

export function proposeCrosswalk(
  from: readonly CrosswalkCriterion[],
  to: readonly CrosswalkCriterion[],
): CrosswalkProposal {
  const toByCode = new Map(to.map((c) => [c.code, c]));
  const taken = new Set<string>();
  const found = new Map<string, CrosswalkMatch>();
  const take = (f: CrosswalkCriterion, t: CrosswalkCriterion, method: CrosswalkMethod, likeness: number) => {
    found.set(f.code, { fromCode: f.code, toCode: t.code, method, likeness });
    taken.add(t.code);
  };

  // 1. same code, alike names
  for (const f of from) {
    const t = toByCode.get(f.code);
    if (!t) continue;
    const likeness = nameLikeness(f.name, t.name);
    if (likeness >= SAME_CODE_LIKENESS) take(f, t, 'code', likeness);
  }
  // 2. another code, (nearly) the same name: the most alike first, the earlier code on a tie
  const pairs: { f: CrosswalkCriterion; t: CrosswalkCriterion; likeness: number; order: number }[] = [];
  from.forEach((f, i) => {
    if (found.has(f.code)) return;
    to.forEach((t, j) => {
      if (taken.has(t.code)) return;
      const likeness = nameLikeness(f.name, t.name);
      if (likeness >= NAME_LIKENESS) pairs.push({ f, t, likeness, order: i * to.length + j });
    });
  });
  pairs.sort((a, b) => b.likeness - a.likeness || a.order - b.order);
  for (const p of pairs) {
    if (found.has(p.f.code) || taken.has(p.t.code)) continue;
    take(p.f, p.t, 'name', p.likeness);
  }
  // 3. the same code, both still free: reworded in place
  for (const f of from) {
    if (found.has(f.code)) continue;
    const t = toByCode.get(f.code);
    if (t && !taken.has(t.code)) take(f, t, 'code', nameLikeness(f.name, t.name));
  }

  return {
    matches: from.map(
      (f) => found.get(f.code) ?? { fromCode: f.code, toCode: null, method: null, likeness: 0 },
    ),
    unmatched: to.filter((t) => !taken.has(t.code)).map((t) => t.code),
  };
}
