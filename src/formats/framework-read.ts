/**
 * The one entry point for reading a criteria framework from its document (DOCX, XLSX, tab-separated
 * text, CSV), as read.ts is for plans: the format sniffed by content, the source stream, the table
 * found by its column titles (framework-extract.ts), then each criterion's method text turned into
 * a rule (core/method-text.ts). A text no pattern matches becomes a rule set by hand (`manual`),
 * the text kept, with a finding; then the framework is checked (core/framework-check.ts) as plans
 * are. Never throws for bad input.
 */
import { MANUAL_STEP, gateStatements, recognizeMethod, scorerFromText } from '../core/method-text.js';
import type { FrameworkCriterion, FrameworkDocument, Scorer, ScoringRule } from '../core/framework.js';
import { checkFramework } from '../core/framework-check.js';
import { findDecision, findYears } from '../core/framework-title.js';
import type { Finding, SourceLocation } from '../core/findings.js';
import { fold, oneLine } from '../core/text.js';
import { unitGroupFromTitle } from '../core/unit-groups.js';
import type { ReadFailure } from './errors.js';
import { extractFrameworks, type ExtractedFramework, type FrameworkRow } from './framework-extract.js';
import { finding } from './extract.js';
import { readSource, sortFindings } from './read.js';

export interface ReadFramework {
  document: FrameworkDocument;
  /** what reading found, in document order */
  findings: Finding[];
}

export interface FrameworkReadOutcome {
  frameworks: ReadFramework[];
  /** the whole file could not be read (then `frameworks` is empty) */
  failure?: ReadFailure;
}

/** `fileName` (as uploaded) is the last place the unit group and the year are looked for. */
export async function readFrameworks(bytes: Uint8Array, fileName: string): Promise<FrameworkReadOutcome> {
  const source = await readSource(bytes);
  if (!source.ok) return { frameworks: [], failure: source.failure };
  const extracted = extractFrameworks(source.blocks);
  if (!extracted.ok) return { frameworks: [], failure: { code: extracted.reason } };
  return { frameworks: extracted.frameworks.map((f) => buildFramework(f, fileName)) };
}

function buildFramework(extracted: ExtractedFramework, fileName: string): ReadFramework {
  const findings = [...extracted.findings];
  const lines = extracted.titleLines
    .flatMap((t) => t.split('\n'))
    .map((l) => l.trim())
    .filter(Boolean);
  const decisionLine = lines.find((l) => /quyết định/iu.test(l) && /kèm theo|ban hành/iu.test(l)) ?? null;
  const rest = lines.filter((l) => l !== decisionLine && !/^(phụ lục|mẫu)(?![\p{L}])/iu.test(l));
  // the issuer's heading above ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") is no part of the title
  const start = rest.findIndex((l) => /^(bộ\s+)?(tiêu chí|chỉ số)(?![\p{L}])/iu.test(l));
  const title = (start === -1 ? rest : rest.slice(start)).join(' ') || null;
  const years = findYears(title) ?? findYears(fileName);
  const codes = new Set(extracted.rows.map((r) => r.code));
  const isLeaf = (code: string) => ![...codes].some((c) => c.startsWith(`${code}.`));

  const criteria = extracted.rows.map((row) => criterion(row, extracted.rows, isLeaf(row.code), findings));
  applyGateStatements(criteria);
  const document: FrameworkDocument = {
    title,
    decision: findDecision(decisionLine) ?? findDecision(lines.join(' ')),
    unitGroup: unitGroupFromTitle(title) ?? unitGroupFromTitle(fileName),
    yearFrom: years?.from ?? null,
    yearTo: years?.to ?? null,
    criteria,
  };
  return { document, findings: sortFindings([...findings, ...checkFramework(document)]) };
}

/**
 * Who scores a row: a bonus or a penalty by the name of the row or an area above it (a bonus is a
 * bonus whoever enters it), else its own "Hình thức" cell, else the nearest one above.
 */
function scorerOf(row: FrameworkRow, rows: readonly FrameworkRow[]): Scorer | null {
  const lineage = ancestry(row, rows);
  for (const r of lineage) {
    const fromName = areaScorer(r.name);
    if (fromName) return fromName;
  }
  for (const r of lineage) {
    const fromCell = scorerFromText(r.scorer);
    if (fromCell) return fromCell;
  }
  return null;
}

/** The row and the rows above it in the tree, nearest first. */
function ancestry(row: FrameworkRow, rows: readonly FrameworkRow[]): FrameworkRow[] {
  return rows
    .filter((r) => r === row || row.code.startsWith(`${r.code}.`))
    .sort((a, b) => b.code.length - a.code.length);
}

/** "Điểm thưởng" → bonus, "Điểm trừ" → penalty; "Điểm thưởng, điểm trừ" names both and decides nothing. */
function areaScorer(name: string): Scorer | null {
  const f = fold(name);
  const bonus = /\bdiem thuong\b|\bthuong\b/.test(f);
  const penalty = /\bdiem tru\b|\btru diem\b/.test(f);
  if (bonus && !penalty) return 'bonus';
  if (penalty && !bonus) return 'penalty';
  return null;
}

function methodCell(row: FrameworkRow): SourceLocation {
  return row.methodColumn === null ? row.location : { ...row.location, column: row.methodColumn };
}

function criterion(
  row: FrameworkRow,
  rows: readonly FrameworkRow[],
  leaf: boolean,
  findings: Finding[],
): FrameworkCriterion {
  const stated = scorerOf(row, rows);
  let rule: ScoringRule | null = null;
  if (leaf) {
    rule = recognizeMethod(row.method, row.max, stated ?? undefined);
    if (rule === null) {
      rule = { kind: 'manual', step: MANUAL_STEP };
      findings.push(
        finding('method-not-recognised', 'warning', row.code, methodCell(row), {
          text: oneLine(row.method).slice(0, 120),
        }),
      );
    }
  }
  const scorer: Scorer =
    stated ??
    (rule?.kind === 'survey'
      ? 'survey'
      : rule?.kind === 'bonus'
        ? 'bonus'
        : rule?.kind === 'penalty'
          ? 'penalty'
          : 'self');
  return {
    code: row.code,
    rawCode: row.rawCode,
    name: row.name,
    max: row.max,
    method: row.method,
    evidence: row.evidence,
    scorer,
    notApplicable: 'not-allowed',
    // the department written on the area follows each criterion of it
    followedBy: ancestry(row, rows).find((r) => r.followedBy.trim() !== '')?.followedBy ?? null,
    rule,
    location: row.location,
  };
}

/**
 * "Không ban hành kế hoạch thì tiêu chí 1.1.4 = 0" in 1.1.1's method makes 1.1.4 depend on 1.1.1;
 * in 1.1.4's own method ("… thì tiêu chí này = 0") the criterion it depends on is the one whose
 * name says what must exist ("Ban hành kế hoạch CCHC năm").
 */
export function applyGateStatements(criteria: FrameworkCriterion[]): void {
  const byCode = new Map(criteria.map((c) => [c.code, c]));
  for (const c of criteria) {
    for (const statement of gateStatements(c.method)) {
      let source: string | null = null;
      let target: FrameworkCriterion | undefined;
      if (statement.target !== null && statement.target !== c.code) {
        source = c.code;
        target = byCode.get(statement.target);
      } else {
        target = c;
        const want = fold(statement.condition);
        source =
          criteria.find((o) => o !== c && o.rule !== null && fold(o.name).includes(want))?.code ??
          criteria.find((o) => o !== c && o.rule !== null && want.includes(fold(o.name)))?.code ??
          null;
      }
      if (source === null || !target?.rule || target.rule.kind === 'gate') continue;
      target.rule = { kind: 'gate', code: source, rule: target.rule };
    }
  }
}
