/**
 * Shared by the format tests: the seed read as text, the part of a plan a round trip must keep, and
 * the seed turned into CSV the way a spreadsheet program saves it.
 */
import type { Finding } from '../../src/core/findings.js';
import type { PlanDocument, PlanRow } from '../../src/core/plan.js';
import { readPlans, type ReadPlan } from '../../src/formats/read.js';
import { seedBytes } from './fixtures.js';

/** The seed's two plans (Đắk Nông province 2022, Krông Nô district 2023) as the text reader gives them. */
export async function readSeed(): Promise<[ReadPlan, ReadPlan]> {
  const read = await readPlans(seedBytes());
  if (!read.ok) throw new Error(`seed not read: ${read.failure.code}`);
  if (read.plans.length !== 2) throw new Error(`seed has ${read.plans.length} plans`);
  return read.plans as [ReadPlan, ReadPlan];
}

/** A row without where it was read from and how its code was spelled. */
export function comparableRow(row: PlanRow): Omit<PlanRow, 'location' | 'rawCode'> {
  return {
    code: row.code,
    name: row.name,
    max: row.max,
    baseline: row.baseline,
    target: row.target,
    task: row.task,
    leadUnits: row.leadUnits,
    supportUnits: row.supportUnits,
    deadline: row.deadline,
  };
}

/**
 * Everything a writer and a reader must carry over unchanged. Scores stay {units, scale} objects, so
 * equality checks the precision too ("10,10" is not "10,1").
 */
export function comparablePlan(plan: PlanDocument) {
  return {
    label: plan.label,
    title: plan.title,
    subtitle: plan.subtitle,
    subject: plan.subject,
    year: plan.year,
    baselineYear: plan.baselineYear,
    statedTotals: plan.statedTotals,
    rows: plan.rows.map(comparableRow),
  };
}

/** The errors and warnings of a plan, by rule and code (infos depend on the format). */
export function problems(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} ${f.code ?? '-'}`);
}

/** One CSV field: quoted when it holds the separator, a quote or a line break. */
export function csvField(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The lines of a tab-separated text, each split into its cells. */
export function tsvRecords(tsv: string): string[][] {
  return tsv.split('\n').map((line) => line.split('\t'));
}

/** Records as CSV, one line per record (a record of one cell is a line of text). */
export function toCsv(records: readonly (readonly string[])[], separator: ',' | ';'): string {
  return records.map((cells) => cells.map((c) => csvField(c, separator)).join(separator)).join('\n');
}
