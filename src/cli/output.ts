/** What the CLI prints: plain text for people, JSON for scripts. */
import { findingMessage, formatLocation, type Finding, type Lang } from '../core/findings.js';
import type { DiffField, FieldChange, PlanDiff } from '../core/plan-diff.js';
import { formatScore, fromDecimalString, toNumber, type Score } from '../core/score.js';
import type { DocumentSummary } from '../core/summary.js';
import { render } from '../core/messages.js';
import type { AppError } from '../modules/errors.js';
import type { CliContext } from './context.js';

const num = (s: Score | null) => (s === null ? null : toNumber(s));

export function findingJson(f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    code: f.code,
    location: f.location,
    message: findingMessage(f, 'vi'),
    messageEn: findingMessage(f, 'en'),
  };
}

export function summaryJson(s: DocumentSummary, findings: readonly Finding[]) {
  return {
    title: s.title,
    subject: s.subject,
    year: s.year,
    baselineYear: s.baselineYear,
    criteria: s.criteria,
    areas: s.areas,
    totals: { max: num(s.totals.max), baseline: num(s.totals.baseline), target: num(s.totals.target) },
    computedTotals: {
      max: num(s.computedTotals.max),
      baseline: num(s.computedTotals.baseline),
      target: num(s.computedTotals.target),
    },
    findings: findings.map(findingJson),
  };
}

export function summaryText(
  s: DocumentSummary,
  findings: readonly Finding[],
  lang: Lang,
  withInfo: boolean,
): string {
  const f = (x: Score | null) => (x === null ? '—' : formatScore(x, lang));
  const count = (sev: Finding['severity']) => findings.filter((x) => x.severity === sev).length;
  const { subject, year, baselineYear, criteria, areas, totals } = s;
  const head = render(
    'cli.summary',
    {
      subject,
      year,
      baselineYear,
      criteria,
      areas,
      max: f(totals.max),
      baseline: f(totals.baseline),
      target: f(totals.target),
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    },
    lang,
  );
  const lines = [head];
  for (const x of findings) {
    if (x.severity === 'info' && !withInfo) continue;
    lines.push(findingLine(x, lang));
  }
  return lines.join('\n');
}

/** One finding on one line: severity, code, where, what, [rule] — for plans and frameworks alike. */
export function findingLine(x: Finding, lang: Lang): string {
  return `  ${render('cli.severity', { severity: x.severity }, lang).padEnd(9)} ${(x.code ?? '').padEnd(8)} ${formatLocation(x.location, lang).padEnd(18)} ${findingMessage(x, lang)} [${x.rule}]`;
}

/** A replacement's differences for scripts: the counts and the rows (the task ids stay inside). */
export function diffJson(d: PlanDiff) {
  return {
    added: d.added,
    removed: d.removed,
    changed: d.changed,
    moved: d.moved,
    lostFollowUp: d.lostFollowUp,
    rows: d.rows,
  };
}

const SCORE_FIELDS: readonly DiffField[] = ['max', 'baseline', 'target'];

function shownValue(c: FieldChange, value: string | null, lang: Lang): string {
  if (value === null || value === '') return '—';
  if (SCORE_FIELDS.includes(c.field)) return formatScore(fromDecimalString(value), lang);
  const line = value.replace(/\s+/g, ' ').trim();
  return `"${line.length > 80 ? `${line.slice(0, 79)}…` : line}"`;
}

/** A replacement's differences for people: one summary line, then a line per changed field. */
export function diffText(d: PlanDiff, lang: Lang): string[] {
  const lines = [render('cli.diff', { ...d, lost: d.lostFollowUp }, lang)];
  const mark = { added: '+', removed: '-', changed: '~' } as const;
  for (const r of d.rows) {
    const notes = [
      r.movedFrom !== null ? render('cli.taskMovedFrom', { code: r.movedFrom }, lang) : null,
      r.lostFollowUp > 0 ? render('cli.followUpLost', { n: r.lostFollowUp }, lang) : null,
    ].filter((x) => x !== null);
    lines.push(`  ${mark[r.kind]} ${r.code} ${r.name}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
    if (r.kind !== 'changed') continue;
    for (const c of r.changes) {
      lines.push(
        `      ${render('cli.diffField', { field: c.field }, lang)}: ${shownValue(c, c.old, lang)} → ${shownValue(c, c.new, lang)}`,
      );
    }
  }
  return lines;
}

/**
 * A table refused for its errors (the survey's and the results' imports; the error's details hold its
 * findings and the names no unit answers to): with --json the error with them on stdout, otherwise the
 * headline, the findings and the names on stderr. The exit code: 1.
 */
export function printRejected(
  cli: CliContext,
  error: AppError,
  json: boolean,
  words: { headline: string; unknown: (name: string) => string },
): 1 {
  const lang = cli.lang();
  const details = error.details as { findings: Finding[]; unknownUnits: string[] };
  if (json) {
    const message = error.messageIn(lang);
    const findings = details.findings.map(findingJson);
    cli.io.out(
      JSON.stringify(
        { error: { code: error.code, message, findings, unknownUnits: details.unknownUnits } },
        null,
        2,
      ),
    );
    return 1;
  }
  cli.io.err(`parindex: ${words.headline}`);
  for (const f of details.findings) cli.io.err(findingLine(f, lang));
  for (const name of details.unknownUnits) cli.io.err(`  ${words.unknown(name)}`);
  return 1;
}
