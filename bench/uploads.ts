/**
 * Reading hostile and worst-case uploads: time and peak memory of reading each file once, as the
 * server does (in the worker pool), each in a fresh process so that one file's peak is its own.
 * The files are generated here (test/helpers/hostile.ts) into a temporary folder first; the child
 * only reads. "process alone" is the same child reading nothing: its peak is the floor of the
 * others; its time is the worker's start. Times are of reading a file in a warm worker.
 * Prints figures; it is not a timed test (BENCHMARKS.md records them).
 *
 *   npx tsx bench/uploads.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFailureMessage } from '../src/formats/errors.js';
import { readPlansIsolated } from '../src/formats/read-pool.js';
import { readPlans } from '../src/formats/read.js';
import { writeDocx } from '../src/formats/docx-write.js';
import { writeXlsx } from '../src/formats/xlsx-write.js';
import { MAX_CELLS, MAX_DOCX_CELLS, MAX_ROWS } from '../src/shared/limits.js';
import {
  docxOfBody,
  docxWideSpan,
  entriesOf,
  lyingEntry,
  rawZip,
  xlsxFarColumn,
  xlsxManyRows,
  xlsxOfRows,
} from '../test/helpers/hostile.js';
import { readSeed } from '../test/helpers/plans.js';

const letters = (n: number) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** `rows` rows of `columns` short text cells: a table at the caps. */
function* sheetRows(rows: number, columns: number) {
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 1; c <= columns; c++) {
      row += `<c r="${letters(c)}${r}" t="inlineStr"><is><t>ô ${r}.${c}</t></is></c>`;
    }
    yield `${row}</row>`;
  }
}

function wordTable(rows: number, columns: number): string {
  const cell = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
  let body = '<w:tbl>';
  for (let r = 1; r <= rows; r++) {
    body += '<w:tr>';
    for (let c = 1; c <= columns; c++) body += cell(`ô ${r}.${c}`);
    body += '</w:tr>';
  }
  return `${body}</w:tbl>`;
}

async function makeFiles(dir: string): Promise<{ name: string; path: string; size: number }[]> {
  const plans = (await readSeed()).map((p) => p.plan);
  const xlsx = await writeXlsx(plans);
  const docx = await writeDocx(plans);
  const GB = 1024 ** 3;
  const files: [string, () => Uint8Array | string][] = [
    ['seed as XLSX (accepted)', () => xlsx],
    ['seed as DOCX (accepted)', () => docx],
    [
      `XLSX at the caps: ${MAX_ROWS} rows × 5 = ${MAX_CELLS} cells (accepted)`,
      () => xlsxOfRows(sheetRows(MAX_ROWS, 5)),
    ],
    [
      `DOCX at the caps: 2,000 rows × 10 = ${MAX_DOCX_CELLS} cells (accepted)`,
      () => docxOfBody(wordTable(2000, 10)),
    ],
    [
      `text at the caps: ${MAX_ROWS} lines × 5 cells (accepted)`,
      () => Array.from({ length: MAX_ROWS - 1 }, (_, i) => `${i}\ta\tb\tc\td`).join('\n'),
    ],
    ['XLSX, one cell at XFD1 + 20,000 rows (refused)', xlsxFarColumn],
    ['DOCX, gridSpan 200,000,000 (refused)', docxWideSpan],
    [
      'XLSX, theme declared 4 KB, inflates to 3 GB (refused)',
      () =>
        rawZip([
          ...entriesOf(xlsx).filter((e) => e.name !== 'xl/theme/theme1.xml'),
          lyingEntry('xl/theme/theme1.xml', 3 * GB - 1),
        ]),
    ],
    [
      'DOCX, part declared 4 KB, inflates to 1.2 GB (refused)',
      () => rawZip([...entriesOf(docx), lyingEntry('word/theme/theme1.xml', 1.2 * GB)]),
    ],
    [`XLSX, ${MAX_ROWS + 1} rows (refused)`, () => xlsxManyRows(MAX_ROWS + 1)],
    ['XLSX, 2.6 M rows of tiny cells, honest sizes (refused)', () => xlsxManyRows(2_600_000)],
    [
      'DOCX, 20 MB of paragraphs: past the heap (refused by the worker)',
      () =>
        docxOfBody(
          '<w:p><w:r><w:t>Nội dung của một đoạn văn bản trong tệp</w:t></w:r></w:p>'.repeat(250_000),
        ),
    ],
  ];
  return files.map(([name, make], i) => {
    const path = join(dir, `file-${i}`);
    const bytes = make();
    writeFileSync(path, bytes);
    return { name, path, size: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length };
  });
}

interface Measure {
  ms: number;
  peakMb: number;
  outcome: string;
}

/** In the child: read one file (or none) and report. */
async function child(path: string, mode: string): Promise<void> {
  const bytes = path === '-' ? null : new Uint8Array(readFileSync(path));
  // a server's worker is warm: its modules are loaded before the file comes (the first read pays
  // for loading exceljs and mammoth, and under tsx for compiling the readers, once)
  const warming = performance.now();
  if (mode === 'worker') await readPlansIsolated(new Uint8Array([0x41]));
  const warmMs = performance.now() - warming;
  const started = performance.now();
  let outcome = `nothing read (worker started in ${warmMs.toFixed(0)} ms)`;
  if (bytes) {
    const read = mode === 'direct' ? await readPlans(bytes) : await readPlansIsolated(bytes);
    outcome = read.ok
      ? `read: ${read.plans.length} plan(s)`
      : `${read.failure.code}: ${readFailureMessage(read.failure, 'en')}`;
  }
  const ms = performance.now() - started;
  const measure: Measure = { ms, peakMb: process.resourceUsage().maxRSS / 1024, outcome };
  process.stdout.write(JSON.stringify(measure));
}

function measure(path: string, mode: 'worker' | 'direct'): Measure {
  const self = fileURLToPath(import.meta.url);
  const tsx = join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, [self, '--child', path, mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  try {
    return JSON.parse(result.stdout) as Measure;
  } catch {
    const why = result.signal ?? result.stderr.split('\n').find((l) => /Error|heap/.test(l)) ?? 'failed';
    return { ms: NaN, peakMb: NaN, outcome: `process died: ${why}` };
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-bench-uploads-'));
  try {
    const files = await makeFiles(dir);
    console.log(`Reading uploads — Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
    console.log('file | size KB | ms | peak RSS MB | outcome');
    console.log('---|---:|---:|---:|---');
    const alone = measure('-', 'worker');
    console.log(
      `process alone (tsx, worker started) | 0 | 0 | ${alone.peakMb.toFixed(0)} | ${alone.outcome}`,
    );
    for (const f of files) {
      const m = measure(f.path, 'worker');
      const outcome = m.outcome.length > 110 ? `${m.outcome.slice(0, 107)}…` : m.outcome;
      console.log(
        `${f.name} | ${(f.size / 1024).toFixed(0)} | ${m.ms.toFixed(0)} | ${m.peakMb.toFixed(0)} | ${outcome}`,
      );
    }
    // what the same files cost read on the main thread, without the worker's limits
    console.log('\nread on the main thread (no worker), for comparison');
    console.log('file | ms | peak RSS MB | outcome');
    console.log('---|---:|---:|---');
    for (const f of [files[2]!, files[3]!, files[10]!]) {
      const m = measure(f.path, 'direct');
      const outcome = m.outcome.length > 80 ? `${m.outcome.slice(0, 77)}…` : m.outcome;
      console.log(`${f.name} | ${m.ms.toFixed(0)} | ${m.peakMb.toFixed(0)} | ${outcome}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
