/**
 * The worker side of read-pool.ts: reads one file in a worker thread of its own heap, so that a
 * file that takes too long or too much memory ends this thread, not the server. A task says what
 * the file is read as: plans, a criteria framework, a list of reorganisations, a survey's scores, a
 * published result's table or an evidence file's type.
 *
 * Each kind's reader is imported when a task of that kind comes (and read.ts loads exceljs or
 * mammoth only for a workbook or a document): a worker that checks a text file starts in a few
 * milliseconds, which is most of `parindex check`'s time (test/cli-start.test.ts).
 */
import type { EvidenceVerdict } from './evidence-type.js';
import type { FrameworkReadOutcome } from './framework-read.js';
import type { ListOutcome } from './lineage-list.js';
import type { ReadOutcome } from './read.js';
import type { ResultsOutcome } from './results-read.js';
import type { SurveyOutcome } from './survey-read.js';

export type ReadTask =
  | { kind: 'plans'; bytes: Uint8Array }
  | { kind: 'frameworks'; bytes: Uint8Array; fileName: string }
  | { kind: 'lineage-list'; bytes: Uint8Array }
  | { kind: 'survey'; bytes: Uint8Array }
  | { kind: 'results'; bytes: Uint8Array }
  | { kind: 'evidence-type'; bytes: Uint8Array; fileName: string; maxFileBytes: number };

export type TaskOutcome =
  ReadOutcome | FrameworkReadOutcome | ListOutcome | SurveyOutcome | ResultsOutcome | EvidenceVerdict;

export default async function read(task: ReadTask): Promise<TaskOutcome> {
  switch (task.kind) {
    case 'frameworks':
      return (await import('./framework-read.js')).readFrameworks(task.bytes, task.fileName);
    case 'lineage-list':
      return (await import('./lineage-list.js')).readLineageList(task.bytes);
    case 'survey':
      return (await import('./survey-read.js')).readSurvey(task.bytes);
    case 'results':
      return (await import('./results-read.js')).readResults(task.bytes);
    case 'plans':
      return (await import('./read.js')).readPlans(task.bytes);
    case 'evidence-type': {
      const { evidenceType } = await import('./evidence-type.js');
      return evidenceType(task.bytes, task.fileName, task.maxFileBytes);
    }
  }
}
