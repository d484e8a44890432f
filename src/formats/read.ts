/**
 * The one entry point for reading a file of plans: recognises the format by content (not by name),
 * reads it into a source stream, recognises the plans and checks them. Never throws for bad input:
 * a file that is no plan gives one ReadFailure, a bad row gives a finding.
 */
import { MAX_FILE_BYTES, megabytes } from '../shared/limits.js';
import { checkPlan } from '../core/check.js';
import { cellLocation } from '../core/plan.js';
import { resolveUnits } from '../core/units.js';
import { finding, type Finding } from '../core/findings.js';
import { ReadLimitError, type ReadFailure } from './errors.js';
import { extractPlans, type ExtractedPlan } from './extract.js';
import type { SourceBlock, SourceFormat } from './source.js';
import { decodeText, isTabSeparated, readCsv, readTabSeparated } from './text-read.js';
import { scanDocument, scanWorkbook, withoutDataValidations } from './scan.js';
import { CorruptZipError, listZip, storeZip, unpackZip } from './zip.js';

export { MAX_FILE_BYTES };

export interface ReadPlan extends ExtractedPlan {
  /** the reader's and the checker's findings, in document order */
  findings: Finding[];
}

export type ReadOutcome =
  { ok: true; format: SourceFormat; plans: ReadPlan[] } | { ok: false; failure: ReadFailure };

export type Sniffed = { ok: true; format: SourceFormat } | { ok: false; failure: ReadFailure };

export function sniffFormat(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { ok: false, failure: { code: 'empty-file' } };
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, failure: { code: 'too-large', detail: megabytes(MAX_FILE_BYTES) } };
  }
  const head = Array.from(bytes.subarray(0, 8));
  const startsWith = (sig: number[]) => sig.every((b, i) => head[i] === b);
  if (startsWith([0x50, 0x4b, 0x03, 0x04]) || startsWith([0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes);
  if (startsWith([0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, failure: { code: 'unsupported-format', detail: 'XLS/DOC 97-2003' } };
  }
  if (startsWith([0x25, 0x50, 0x44, 0x46]))
    return { ok: false, failure: { code: 'unsupported-format', detail: 'PDF' } };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  return { ok: true, format: isTabSeparated(decoded.text) ? 'text' : 'csv' };
}

function sniffZip(bytes: Uint8Array): Sniffed {
  let names: string[];
  try {
    names = listZip(bytes).map((e) => e.name);
  } catch (error) {
    if (error instanceof ReadLimitError) return { ok: false, failure: overLimit(error) };
    return { ok: false, failure: { code: 'corrupt-zip', detail: 'ZIP (XLSX/DOCX)' } };
  }
  if (names.includes('xl/workbook.xml')) return { ok: true, format: 'xlsx' };
  if (names.includes('word/document.xml')) return { ok: true, format: 'docx' };
  return { ok: false, failure: { code: 'unsupported-format', detail: 'ZIP' } };
}

function overLimit(error: ReadLimitError): ReadFailure {
  return { code: 'over-limit', limit: error.limit };
}

export type SourceOutcome =
  { ok: true; format: SourceFormat; blocks: SourceBlock[] } | { ok: false; failure: ReadFailure };

/** Any file's source stream, whatever it holds (plans, a framework); never throws for bad input. */
export async function readSource(bytes: Uint8Array): Promise<SourceOutcome> {
  const sniffed = sniffFormat(bytes);
  if (!sniffed.ok) return sniffed;
  const { format } = sniffed;
  try {
    return { ok: true, format, blocks: await readBlocks(format, bytes) };
  } catch (error) {
    if (error instanceof ReadLimitError) return { ok: false, failure: overLimit(error) };
    // the container opened but its content is broken (truncated XML, missing parts)
    return { ok: false, failure: { code: 'corrupt-zip', detail: format.toUpperCase() } };
  }
}

export async function readPlans(bytes: Uint8Array): Promise<ReadOutcome> {
  const source = await readSource(bytes);
  if (!source.ok) return source;
  const { format, blocks } = source;
  const extracted = extractPlans(blocks);
  if (!extracted.ok) return { ok: false, failure: { code: extracted.reason } };
  const plans = extracted.plans.map((p) => ({
    ...p,
    findings: sortFindings([...p.findings, ...checkPlan(p.plan), ...unitFindings(p)]),
  }));
  return { ok: true, format, plans };
}

/**
 * The source stream of a file whose format is known (also the list of reorganisations: lineage-list.ts).
 * exceljs and mammoth load with the first workbook or document: a text file never loads them.
 */
export async function readBlocks(format: SourceFormat, bytes: Uint8Array): Promise<SourceBlock[]> {
  switch (format) {
    case 'xlsx': {
      // the bytes inflated are counted and the sheets' sizes known before exceljs builds its model
      const parts = unpackZip(bytes, listZip(bytes));
      scanWorkbook(parts);
      const { readXlsx } = await import('./xlsx-read.js');
      return readXlsx(storeZip(withoutDataValidations(parts)));
    }
    case 'docx': {
      const parts = unpackZip(bytes, listZip(bytes));
      const document = parts.get('word/document.xml');
      if (!document) throw new CorruptZipError('no word/document.xml');
      scanDocument(document);
      const { readDocx } = await import('./docx-read.js');
      return readDocx(storeZip(parts));
    }
    case 'text':
    case 'csv': {
      const decoded = decodeText(bytes);
      if (!decoded.ok) return [];
      return format === 'text' ? readTabSeparated(decoded.text) : readCsv(decoded.text);
    }
  }
}

/** Spelling variants of one unit within the document (the registry adds its own at import). */
function unitFindings({ plan, subject }: ExtractedPlan): Finding[] {
  const n = plan.rows.length;
  const cells = [...plan.rows.map((r) => r.leadUnits), ...plan.rows.map((r) => r.supportUnits)];
  const { folded } = resolveUnits(cells, [], { levelWords: subject ? [subject.levelWord] : [] });
  return folded.map(({ cell, original, unit }) => {
    const row = plan.rows[cell % n]!;
    const location = cellLocation(plan, row.location, cell < n ? 'lead' : 'support');
    return finding('unit-name-folded', 'info', row.code, location, { original, unit });
  });
}

function position(f: Finding): number[] {
  const l = f.location;
  if (!l) return [Number.MAX_SAFE_INTEGER];
  return [l.table ?? 0, l.line ?? l.row ?? 0, l.column ?? 0];
}

/** Findings in document order: table, line or row, column; those without a place last. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i, p: position(f) }))
    .sort((a, b) => {
      for (let k = 0; k < Math.max(a.p.length, b.p.length); k++) {
        const d = (a.p[k] ?? 0) - (b.p[k] ?? 0);
        if (d !== 0) return d;
      }
      return a.i - b.i;
    })
    .map((x) => x.f);
}
