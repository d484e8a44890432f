/**
 * The unit's assessment on the page and its autosave: each criterion's typed answer, note, reason
 * and explanation are kept as a draft and saved a moment after the last keystroke with the version
 * the page read; a criterion saved meanwhile by another officer comes back as a conflict showing the
 * saved version, the draft kept to save again on purpose. Submit, withdraw and the report go
 * through the same view.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Answer } from '@core/framework';
import type { AnswerPatch, AssessmentCriterion, AssessmentView } from '@shared/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { buildAnswer, EMPTY_INPUT, inputOf, type TryInput } from '../frameworks/model';
import { assessmentApi } from './api';

export interface Draft {
  input: TryInput;
  /** the answer was given or touched: untouched parts and conditions are not "none met" */
  touched: boolean;
  note: string;
  reason: string;
  explanation: string;
}

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; current: AssessmentCriterion };

const AUTOSAVE_MS = 700;

export function draftOf(c: AssessmentCriterion): Draft {
  return {
    input: inputOf(c.answer),
    touched: c.answer !== null,
    note: c.note,
    reason: c.notApplicableReason ?? '',
    explanation: c.scoringExplanation,
  };
}

/** The answer a draft gives: built from the input, null when cleared, undefined while incomplete. */
export function answerOfDraft(c: AssessmentCriterion, d: Draft): Answer | null | undefined {
  if (!c.rule) return undefined;
  if (!d.touched) return c.answer;
  const built = buildAnswer(c.rule, d.input);
  if (built.ok) return built.answer;
  const cleared =
    JSON.stringify({ ...d.input, ratioMode: 'ratio', penaltyByCount: false }) ===
    JSON.stringify({ ...EMPTY_INPUT, ratioMode: 'ratio', penaltyByCount: false });
  return cleared ? null : undefined;
}

/** The fields of a draft that differ from the saved row; null when nothing does. */
function patchOf(c: AssessmentCriterion, d: Draft): AnswerPatch | null {
  const patch: AnswerPatch = { version: c.version };
  const answer = answerOfDraft(c, d);
  if (answer !== undefined && JSON.stringify(answer) !== JSON.stringify(c.answer)) patch.answer = answer;
  if (d.note !== c.note) patch.note = d.note;
  const na = (answer === undefined ? c.answer : answer)?.kind === 'not-applicable';
  if (na && d.reason !== (c.notApplicableReason ?? '')) patch.notApplicableReason = d.reason;
  if (na && patch.answer && !patch.notApplicableReason) patch.notApplicableReason = d.reason;
  if (d.explanation !== c.scoringExplanation) patch.scoringExplanation = d.explanation;
  if (na && d.reason.trim() === '') return null; // the reason is asked for before saving
  return Object.keys(patch).length > 1 ? patch : null;
}

export function assessmentKey(roundId: number, unitId: number) {
  return ['assessment', roundId, unitId] as const;
}

/** The unit's assessment as the server gives it; `reload` reads it again. */
export function useAssessmentView(roundId: number, unitId: number) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: assessmentKey(roundId, unitId),
    queryFn: () => assessmentApi.view(roundId, unitId),
    enabled: Number.isFinite(roundId) && Number.isFinite(unitId),
  });
  const reload = useCallback(
    () => qc.invalidateQueries({ queryKey: assessmentKey(roundId, unitId) }),
    [qc, roundId, unitId],
  );
  return { query, reload };
}

/**
 * The page's drafts over one read of the view (the page mounts it afresh for each read, so a
 * reload replaces everything it holds).
 */
export function useAssessment(view: AssessmentView, roundId: number, unitId: number) {
  const [rows, setRows] = useState(() => new Map(view.criteria.map((c) => [c.id, c])));
  const [drafts, setDrafts] = useState(() => new Map(view.criteria.map((c) => [c.id, draftOf(c)])));
  const [status, setStatus] = useState<Map<number, SaveStatus>>(() => new Map());
  const [unit, setUnit] = useState<AssessmentView['unit']>(view.unit);
  const rowsRef = useRef(rows);
  const draftsRef = useRef(drafts);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const inFlight = useRef(new Set<number>());
  const again = useRef(new Set<number>());

  const setOne = useCallback((id: number, s: SaveStatus) => {
    setStatus((m) => new Map(m).set(id, s));
  }, []);

  const acceptRows = useCallback((list: readonly AssessmentCriterion[]) => {
    const next = new Map(rowsRef.current);
    for (const c of list) next.set(c.id, { ...c, returned: c.returned ?? next.get(c.id)?.returned });
    rowsRef.current = next;
    setRows(next);
  }, []);

  /** Saves one criterion's draft; typed again while saving, it saves once more after. */
  const flush = useCallback(
    async (id: number) => {
      if (inFlight.current.has(id)) {
        again.current.add(id);
        return;
      }
      inFlight.current.add(id);
      try {
        do {
          const row = rowsRef.current.get(id);
          const draft = draftsRef.current.get(id);
          const patch = row && draft ? patchOf(row, draft) : null;
          if (!patch) {
            setOne(id, { kind: 'idle' });
            continue;
          }
          setOne(id, { kind: 'saving' });
          try {
            const saved = await assessmentApi.saveAnswer(roundId, unitId, id, patch);
            acceptRows([saved.criterion, ...saved.changed]);
            setUnit(saved.unit);
            setOne(id, { kind: 'saved' });
          } catch (error) {
            const current =
              error instanceof ApiError && error.code === 'STALE_VERSION'
                ? (error.details as { current?: AssessmentCriterion } | undefined)?.current
                : undefined;
            setOne(
              id,
              current ? { kind: 'conflict', current } : { kind: 'error', message: errorMessage(error) },
            );
            again.current.delete(id);
          }
        } while (again.current.delete(id));
      } finally {
        inFlight.current.delete(id);
      }
    },
    [roundId, unitId, acceptRows, setOne],
  );

  /** A criterion's draft changed: saved a moment after the last change. */
  const edit = useCallback(
    (id: number, change: Partial<Draft>) => {
      const current = draftsRef.current.get(id);
      if (!current) return;
      const touched = current.touched || change.input !== undefined;
      const next = new Map(draftsRef.current).set(id, { ...current, ...change, touched });
      draftsRef.current = next;
      setDrafts(next);
      setOne(id, { kind: 'pending' });
      const t = timers.current.get(id);
      if (t) clearTimeout(t);
      timers.current.set(
        id,
        setTimeout(() => {
          timers.current.delete(id);
          void flush(id);
        }, AUTOSAVE_MS),
      );
    },
    [flush, setOne],
  );

  /** After a conflict: keep my draft and save it over the version now stored. */
  const keepMine = useCallback(
    (id: number, current: AssessmentCriterion) => {
      acceptRows([current]);
      void flush(id);
    },
    [acceptRows, flush],
  );

  /** After a conflict: take the stored version and drop my draft. */
  const takeTheirs = useCallback(
    (id: number, current: AssessmentCriterion) => {
      acceptRows([current]);
      const next = new Map(draftsRef.current).set(id, draftOf(current));
      draftsRef.current = next;
      setDrafts(next);
      setOne(id, { kind: 'idle' });
    },
    [acceptRows, setOne],
  );

  /** Saves what is pending now (before submit). */
  const flushAll = useCallback(async () => {
    const ids = [...timers.current.keys()];
    for (const id of ids) {
      clearTimeout(timers.current.get(id));
      timers.current.delete(id);
    }
    await Promise.all(ids.map((id) => flush(id)));
  }, [flush]);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const t of pending.values()) clearTimeout(t);
    };
  }, []);

  return { rows, drafts, status, unit, setUnit, edit, flush, flushAll, keepMine, takeTheirs };
}

export type AssessmentState = ReturnType<typeof useAssessment>;
