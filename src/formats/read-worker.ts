/**
 * The worker side of read-pool.ts: reads one file in a worker thread of its own heap, so that a
 * file that takes too long or too much memory ends this thread, not the server. A task says what
 * the file is read as: plans, a criteria framework, a list of reorganisations, a survey's scores, a
 * published result's table or an evidence file's type.
 */
import { evidenceType, type EvidenceVerdict } from './evidence-type.js';
import { readFrameworks, type FrameworkReadOutcome } from './framework-read.js';
import { readLineageList, type ListOutcome } from './lineage-list.js';
import { readPlans, type ReadOutcome } from './read.js';
import { readResults, type ResultsOutcome } from './results-read.js';
import { readSurvey, type SurveyOutcome } from './survey-read.js';

export type ReadTask =
  | { kind: 'plans'; bytes: Uint8Array }
  | { kind: 'frameworks'; bytes: Uint8Array; fileName: string }
  | { kind: 'lineage-list'; bytes: Uint8Array }
  | { kind: 'survey'; bytes: Uint8Array }
  | { kind: 'results'; bytes: Uint8Array }
  | { kind: 'evidence-type'; bytes: Uint8Array; fileName: string; maxFileBytes: number };

export type TaskOutcome =
  ReadOutcome | FrameworkReadOutcome | ListOutcome | SurveyOutcome | ResultsOutcome | EvidenceVerdict;

export default function read(task: ReadTask): Promise<TaskOutcome> {
  switch (task.kind) {
    case 'frameworks':
      return readFrameworks(task.bytes, task.fileName);
    case 'lineage-list':
      return readLineageList(task.bytes);
    case 'survey':
      return readSurvey(task.bytes);
    case 'results':
      return readResults(task.bytes);
    case 'plans':
      return readPlans(task.bytes);
    case 'evidence-type':
      return evidenceType(task.bytes, task.fileName, task.maxFileBytes);
  }
}
