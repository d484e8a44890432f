/**
 * The content identity of a plan: what makes two plans the same plan, whatever file they came
 * from. It ignores what the readers and writers normalise — runs of white space, line-break style
 * and where lines break, a list dash written "-Việc" or "- Việc", Unicode composition, the written
 * precision of a number ("1,50" and "1,5") and the order rows are listed in (the tree is the
 * content) — so a plan exported and read back is the same plan. Follow-up (status, progress, notes)
 * is not content: a file never holds it. Pure; modules hash the canonical text (modules/hash.ts).
 */
import { compareCodes } from './codes.js';
import { shownTotal } from './consistency.js';
import { SCORE_FIELDS, type PlanDocument } from './plan.js';
import { decimalOrNull, trimScale, type Score } from './score.js';

/**
 * The texts made so far (a pure function of its input): an edit hashes the whole plan again, and all
 * but the edited row's texts are the same strings (issue 13: the normalising was most of a score
 * edit's CPU). At most CONTENT_TEXTS (criteria names, tasks, unit names; a few MB), then emptied.
 */
const CONTENT_TEXTS = 20_000;
const contentTexts = new Map<string, string>();

/** Text as content: lines joined, white space folded, list dashes spaced, NFC. */
export function contentText(text: string | null): string | null {
  if (text === null) return null;
  let made = contentTexts.get(text);
  if (made === undefined) {
    made = text
      .normalize('NFC')
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim().replace(/^-(?=\S)/, '- '))
      .join(' ')
      .replace(/[\s\u00a0\u202f]+/g, ' ')
      .trim();
    if (contentTexts.size >= CONTENT_TEXTS) contentTexts.clear();
    contentTexts.set(text, made);
  }
  return made;
}

function value(s: Score | null | undefined): string | null {
  return s === null || s === undefined ? null : decimalOrNull(trimScale(s));
}

export type IdentityPlan = Pick<
  PlanDocument,
  'label' | 'title' | 'subtitle' | 'subject' | 'year' | 'baselineYear' | 'statedTotals' | 'rows'
>;

/**
 * The canonical text of a plan's content. `unitNames` gives, per row, the units its lead cell
 * resolves to, then per row the supporting units (rows.length + i): units count by the unit they
 * resolve to, not by how a cell spelled them.
 */
export function planContent(plan: IdentityPlan, unitNames: readonly (readonly string[])[]): string {
  const n = plan.rows.length;
  const names = (i: number) => (unitNames[i] ?? []).map((u) => contentText(u));
  return JSON.stringify([
    contentText(plan.label),
    contentText(plan.title),
    contentText(plan.subtitle),
    contentText(plan.subject),
    plan.year,
    plan.baselineYear,
    // a plan without a total row has the areas' sum as its total: the writers print it
    SCORE_FIELDS.map((f) => value(shownTotal(plan.rows, plan.statedTotals, f))),
    plan.rows
      .map((r, i) => [
        r.code,
        contentText(r.name),
        value(r.max),
        value(r.baseline),
        value(r.target),
        contentText(r.task),
        names(i),
        names(n + i),
        contentText(r.deadline),
      ])
      .sort((a, b) => compareCodes(a[0] as string, b[0] as string)),
  ]);
}
