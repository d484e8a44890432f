/**
 * How `parindex check` reads the file the user named. A text or CSV file is read in the command's
 * own thread; a workbook or a Word document goes to the read worker as an upload does.
 *
 * Why a text file may skip the worker here and not on the server: the worker protects a server
 * that keeps answering others from one file (a second heap of READ_HEAP_MB, READ_TIME_LIMIT_MS,
 * off the request thread). The command line reads one local file that its own user named, in a
 * process that does nothing else, and starting the worker (a second V8 isolate, piscina, the
 * reader loaded again) cost about half of `check`'s time (BENCHMARKS.md, bench/cli.ts). A text
 * file keeps every bound an upload gets except the separate heap: readPlans refuses more than
 * MAX_FILE_BYTES before decoding, and scan.ts counts its rows, columns and cells
 * (MAX_ROWS, MAX_COLUMNS, MAX_CELLS) before csv-parse builds any row, so its memory is bounded by
 * those limits; the time is checked after the read, so a file the server would end as too slow is
 * refused here with the same failure. XLSX and DOCX, where a small file can inflate into a large
 * model (exceljs, mammoth), still go through the worker and its heap and time limits.
 */
import { performance } from 'node:perf_hooks';
import type { ReadOutcome } from '../formats/read.js';
import { READ_TIME_LIMIT_MS } from '../shared/limits.js';

export async function readPlansLocal(
  bytes: Uint8Array,
  timeLimitMs: number = READ_TIME_LIMIT_MS,
): Promise<ReadOutcome> {
  const { readPlans, sniffFormat } = await import('../formats/read.js');
  const sniffed = sniffFormat(bytes);
  if (!sniffed.ok) return sniffed;
  if (sniffed.format !== 'text' && sniffed.format !== 'csv') {
    const { readPlansIsolated } = await import('../formats/read-pool.js');
    return readPlansIsolated(bytes);
  }
  const started = performance.now();
  const read = await readPlans(bytes);
  if (performance.now() - started > timeLimitMs) {
    // the worker's verdict for a file past the limit (read-pool.ts), the same words
    return { ok: false, failure: { code: 'too-slow', detail: String(timeLimitMs / 1000) } };
  }
  return read;
}
