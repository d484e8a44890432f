/** What the CLI prints: plain text for people, JSON for scripts. */
import { findingMessage, formatLocation, type Finding, type Lang } from '../core/findings.js';
import { formatScore, toNumber, type Score } from '../core/score.js';
import type { DocumentSummary } from '../core/summary.js';

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

const SEVERITY: Record<Lang, Record<Finding['severity'], string>> = {
  vi: { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' },
  en: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
};

export function summaryText(
  s: DocumentSummary,
  findings: readonly Finding[],
  lang: Lang,
  withInfo: boolean,
): string {
  const f = (x: Score | null) => (x === null ? '—' : formatScore(x, lang));
  const count = (sev: Finding['severity']) => findings.filter((x) => x.severity === sev).length;
  const lines =
    lang === 'vi'
      ? [
          `${s.subject ?? '(chưa rõ đơn vị)'} — kế hoạch năm ${s.year ?? '?'} (điểm đạt được năm ${s.baselineYear ?? '?'})`,
          `  ${s.criteria} tiêu chí, ${s.areas} lĩnh vực; tổng điểm chuẩn ${f(s.totals.max)}, đạt được ${f(s.totals.baseline)}, mục tiêu ${f(s.totals.target)}`,
          `  ${count('error')} lỗi, ${count('warning')} cảnh báo, ${count('info')} thông tin`,
        ]
      : [
          `${s.subject ?? '(unknown subject)'} — plan for ${s.year ?? '?'} (baseline ${s.baselineYear ?? '?'})`,
          `  ${s.criteria} criteria, ${s.areas} areas; totals: max ${f(s.totals.max)}, baseline ${f(s.totals.baseline)}, target ${f(s.totals.target)}`,
          `  ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`,
        ];
  for (const x of findings) {
    if (x.severity === 'info' && !withInfo) continue;
    lines.push(
      `  ${SEVERITY[lang][x.severity].padEnd(9)} ${(x.code ?? '').padEnd(8)} ${formatLocation(x.location, lang).padEnd(18)} ${findingMessage(x, lang)} [${x.rule}]`,
    );
  }
  return lines.join('\n');
}
