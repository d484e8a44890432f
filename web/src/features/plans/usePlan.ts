/**
 * The plan on the page and its edits. A score or follow-up change shows at once (the stated parents
 * and total that follow it and the charts move; a task's status settles with its progress as the
 * server will settle it: core/follow-up) before the server answers, and is rolled back if the server
 * refuses it; the server's answer is the new plan (a score edit answers what changed, merged into
 * the plan held: shared/plan-edit.ts; a reload when another change came between). A refusal because someone else changed the row
 * offers a reload and keeps what the user typed, so the cell can offer it again ("reapply") on the
 * reloaded row.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { followEdit } from '@core/edits';
import { settleFollowUp } from '@core/follow-up';
import { decimalOrNull } from '@core/score';
import type { PlanEdit, PlanView, Task, TaskPatch, Unit } from '@shared/api';
import { mergePlanEdit } from '@shared/plan-edit';
import { api, ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { scoreOf } from '../../ui/format';
import { planKey, planQuery, takeFetchedAhead } from './planQuery';
import '../../i18n/plans';

type TaskChange = Omit<TaskPatch, 'version'>;
type ScoreField = 'baseline' | 'target';

/** What the user typed into one cell when the server refused it as stale. */
export type Kept =
  | { kind: 'task'; itemId: number; field: keyof TaskChange; change: TaskChange }
  | { kind: 'score'; itemId: number; field: ScoreField; value: string | null };

const keptKey = (kind: Kept['kind'], itemId: number, field: string) => `${kind}:${itemId}:${field}`;

/** A task with a change applied as the server applies it. */
function applied(task: Task, change: TaskChange): Task {
  const settled = settleFollowUp(task, { status: change.status, progress: change.progress });
  return {
    ...task,
    ...(change.text !== undefined ? { text: change.text } : {}),
    ...(change.deadline !== undefined ? { deadline: change.deadline } : {}),
    ...(change.progressNote !== undefined ? { progressNote: change.progressNote } : {}),
    status: settled.status,
    progress: settled.progress,
  };
}

export { planKey };

export function usePlan(planId: number) {
  // the page that shows the plan fetched ahead takes that answer, however long its code took to
  // arrive on a slow machine; it asks again on any later visit, as for any plan
  const [ahead] = useState(() => takeFetchedAhead(planId));
  return useQuery({ ...planQuery(planId), enabled: Number.isFinite(planId), refetchOnMount: !ahead });
}

export function usePlanEdits(planId: number) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  const key = planKey(planId);

  const [kept, setKept] = useState<Readonly<Record<string, Kept>>>({});
  const keep = (entries: readonly Kept[]) =>
    setKept((all) => {
      const next = { ...all };
      for (const e of entries) next[keptKey(e.kind, e.itemId, e.field)] = e;
      return next;
    });
  const forget = (k: Kept) =>
    setKept((all) => {
      const { [keptKey(k.kind, k.itemId, k.field)]: _gone, ...rest } = all;
      return rest;
    });

  const report = (error: unknown, typed: readonly Kept[] = []) => {
    if (error instanceof ApiError && error.code === 'STALE_VERSION') {
      keep(typed);
      modal.confirm({
        title: t('staleTitle'),
        content: typed.length > 0 ? `${error.message}. ${t('staleKept')}` : error.message,
        okText: t('reload'),
        cancelText: t('close'),
        onOk: () => qc.invalidateQueries({ queryKey: key }),
      });
      return;
    }
    void message.error(errorMessage(error));
  };

  const accept = (plan: PlanView) => {
    qc.setQueryData(key, plan);
    void qc.invalidateQueries({ queryKey: ['plans'] });
  };

  /** A score edit's answer merged into the plan held; reloaded if it does not follow that version. */
  const acceptEdit = (edit: PlanEdit) => {
    const held = qc.getQueryData<PlanView>(key);
    const merged = held && mergePlanEdit(held, edit);
    if (merged) accept(merged);
    else if (!held || held.version < edit.version) {
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: ['plans'] });
    }
  };

  const score = useMutation({
    mutationFn: (v: {
      itemId: number;
      version: number;
      field: 'baseline' | 'target';
      value: string | null;
    }) => api.patchItem(planId, v.itemId, { version: v.version, [v.field]: v.value }),
    onMutate: async (v) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<PlanView>(key);
      if (before) qc.setQueryData<PlanView>(key, withEdit(before, v.itemId, v.field, v.value));
      return { before };
    },
    onError: (error, v, context) => {
      if (context?.before) qc.setQueryData(key, context.before);
      report(error, [{ kind: 'score', itemId: v.itemId, field: v.field, value: v.value }]);
    },
    onSuccess: (edit) => {
      acceptEdit(edit);
      void message.success(t('savedOk'), 1);
    },
  });

  const task = useMutation({
    mutationFn: (v: { itemId: number; patch: TaskPatch }) => api.patchTask(planId, v.itemId, v.patch),
    onMutate: async (v) => {
      await qc.cancelQueries({ queryKey: key });
      const before = qc.getQueryData<PlanView>(key);
      if (before) {
        qc.setQueryData<PlanView>(key, {
          ...before,
          rows: before.rows.map((r) =>
            r.itemId === v.itemId && r.task ? { ...r, task: applied(r.task, v.patch) } : r,
          ),
        });
      }
      return { before };
    },
    onError: (error, v, context) => {
      if (context?.before) qc.setQueryData(key, context.before);
      const { version: _version, ...change } = v.patch;
      report(
        error,
        (Object.keys(change) as (keyof TaskChange)[]).map((field) => ({
          kind: 'task' as const,
          itemId: v.itemId,
          field,
          change: { [field]: change[field] },
        })),
      );
    },
    onSuccess: (plan) => {
      accept(plan);
      void message.success(t('savedOk'), 1);
    },
  });

  const findings = useMutation({
    mutationFn: (
      v: { kind: 'adopt'; key: string | null } | { kind: 'acknowledge'; key: string; note: string },
    ) => {
      const version = qc.getQueryData<PlanView>(key)?.version ?? 0;
      return v.kind === 'adopt'
        ? api.adoptSums(planId, version, v.key)
        : api.acknowledgeFinding(planId, version, v.key, v.note);
    },
    onError: (error) => report(error),
    onSuccess: (plan) => {
      accept(plan);
      void message.success(t('findingDone'), 1);
    },
  });

  /** The row as the page has it now (after a reload: the server's latest versions). */
  const current = (itemId: number) => qc.getQueryData<PlanView>(key)?.rows.find((r) => r.itemId === itemId);

  const addUnit = async (name: string): Promise<Unit | null> => {
    try {
      const unit = await api.ensureUnit(planId, name);
      await qc.invalidateQueries({ queryKey: key });
      return unit;
    } catch (error) {
      report(error);
      return null;
    }
  };

  return {
    saveScore: (itemId: number, version: number, field: 'baseline' | 'target', value: string | null) =>
      score.mutateAsync({ itemId, version, field, value }).then(
        () => true,
        () => false,
      ),
    saveTask: (itemId: number, patch: TaskPatch) =>
      task.mutateAsync({ itemId, patch }).then(
        () => true,
        () => false,
      ),
    addUnit,
    /** "use the children's sum" for one finding (its key) or the whole plan (null) */
    adoptSums: (findingKey: string | null) =>
      findings.mutateAsync({ kind: 'adopt', key: findingKey }).then(
        () => true,
        () => false,
      ),
    /** "keep as written" with a note */
    acknowledge: (findingKey: string, note: string) =>
      findings.mutateAsync({ kind: 'acknowledge', key: findingKey, note }).then(
        () => true,
        () => false,
      ),
    saving: score.isPending || task.isPending || findings.isPending,
    /** what the user typed into this cell before a stale refusal, if it is still to be reapplied */
    keptTask: (itemId: number, field: keyof TaskChange): TaskChange | null => {
      const k = kept[keptKey('task', itemId, field)];
      return k?.kind === 'task' ? k.change : null;
    },
    keptScore: (itemId: number, field: ScoreField): { value: string | null } | null => {
      const k = kept[keptKey('score', itemId, field)];
      return k?.kind === 'score' ? { value: k.value } : null;
    },
    /** saves the kept value again on the row's current version */
    reapply: (kind: Kept['kind'], itemId: number, field: string) => {
      const k = kept[keptKey(kind, itemId, field)];
      const row = current(itemId);
      if (!k || !row) return;
      forget(k);
      if (k.kind === 'score')
        void score
          .mutateAsync({ itemId, version: row.version, field: k.field, value: k.value })
          .catch(() => undefined);
      else
        void task
          .mutateAsync({ itemId, patch: { ...k.change, version: row.task?.version ?? 0 } })
          .catch(() => undefined);
    },
    discard: (kind: Kept['kind'], itemId: number, field: string) => {
      const k = kept[keptKey(kind, itemId, field)];
      if (k) forget(k);
    },
  };
}

export type PlanEdits = ReturnType<typeof usePlanEdits>;

/**
 * The plan as it will be after a leaf's edit: the leaf's new value, and the stated parents and total
 * that follow it — the server's own rule (core/edits.ts), so the page shows at once what it will get.
 */
export function withEdit(
  plan: PlanView,
  itemId: number,
  field: 'baseline' | 'target',
  value: string | null,
): PlanView {
  const edited = plan.rows.find((r) => r.itemId === itemId);
  if (!edited) return plan;
  const rows = plan.rows.map((r) => ({
    code: r.code,
    max: scoreOf(r.max),
    baseline: scoreOf(r.baseline),
    target: scoreOf(r.target),
  }));
  const stated = plan.statedTotals;
  const totals = stated && {
    max: scoreOf(stated.max),
    baseline: scoreOf(stated.baseline),
    target: scoreOf(stated.target),
  };
  const follow = followEdit(rows, totals, edited.code, field, scoreOf(value));
  const moved = new Map(follow.ancestors.map((a) => [a.code, decimalOrNull(a.value)]));
  return {
    ...plan,
    rows: plan.rows.map((r) =>
      r.itemId === itemId
        ? { ...r, [field]: value }
        : moved.has(r.code)
          ? { ...r, [field]: moved.get(r.code)! }
          : r,
    ),
    statedTotals: stated && follow.total ? { ...stated, [field]: decimalOrNull(follow.total.value) } : stated,
  };
}
