/**
 * Variants of the seed appendices for import tests: one cell changed, a row duplicated, a word of
 * the title replaced. Each edit names the plan (province or district) and the criterion code, and
 * fails loudly when the seed does not have what it looks for.
 */
import { readFileSync } from 'node:fs';
import { SEED_PATH } from './fixtures.js';

export type SeedPlan = 'province' | 'district';

/** Columns of the seed's tab-separated rows. */
export const SEED_COLUMNS = { code: 0, name: 1, max: 2, baseline: 3, target: 4, task: 5, lead: 6 } as const;
export type SeedColumn = keyof typeof SEED_COLUMNS;

export function seedText(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

export function toBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Line indexes of each plan: the district's appendix starts at the second "PHỤ LỤC" line. */
function planRange(lines: readonly string[], plan: SeedPlan): [number, number] {
  const starts = lines.flatMap((l, i) => (l.startsWith('PHỤ LỤC') ? [i] : []));
  if (starts.length !== 2) throw new Error(`seed: expected two appendices, found ${starts.length}`);
  return plan === 'province' ? [starts[0]!, starts[1]!] : [starts[1]!, lines.length];
}

function rowIndex(lines: readonly string[], plan: SeedPlan, code: string): number {
  const [from, to] = planRange(lines, plan);
  for (let i = from; i < to; i++) if (lines[i]!.split('\t')[0] === code) return i;
  throw new Error(`seed: no row ${code} in the ${plan} plan`);
}

export function seedCell(text: string, plan: SeedPlan, code: string, column: SeedColumn): string {
  const lines = text.split('\n');
  const cells = lines[rowIndex(lines, plan, code)]!.split('\t');
  return cells[SEED_COLUMNS[column]] ?? '';
}

export function setSeedCell(
  text: string,
  plan: SeedPlan,
  code: string,
  column: SeedColumn,
  value: string,
): string {
  const lines = text.split('\n');
  const i = rowIndex(lines, plan, code);
  const cells = lines[i]!.split('\t');
  cells[SEED_COLUMNS[column]] = value;
  lines[i] = cells.join('\t');
  return lines.join('\n');
}

/** One appendix of the seed alone, as a file holding only that plan. */
export function seedPlanText(text: string, plan: SeedPlan): string {
  const lines = text.split('\n');
  const [from, to] = planRange(lines, plan);
  return lines.slice(from, to).join('\n');
}

/** Writes the row of `code` twice. */
export function duplicateSeedRow(text: string, plan: SeedPlan, code: string): string {
  const lines = text.split('\n');
  const i = rowIndex(lines, plan, code);
  lines.splice(i + 1, 0, lines[i]!);
  return lines.join('\n');
}

/** Replaces text on the title line of one plan ("TỈNH ĐẮK NÔNG" → "TỈNH LÂM ĐỒNG"). */
export function replaceInTitle(text: string, plan: SeedPlan, from: string, to: string): string {
  const lines = text.split('\n');
  const [start] = planRange(lines, plan);
  if (!lines[start]!.includes(from)) throw new Error(`seed: "${from}" not in the ${plan} title`);
  lines[start] = lines[start]!.replace(from, to);
  return lines.join('\n');
}
