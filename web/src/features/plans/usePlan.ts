/**
 * The plan on the page and its edits. A score change shows at once (the stated parents and total
 * that follow it and the charts move before the server answers) and is rolled back if the server refuses it; the server's answer is
 * the new plan. A refusal because someone else changed the row offers a reload.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { followEdit } from '@core/edits';
import { decimalOrNull } from '@core/score';
import type { PlanView, TaskPatch, Unit } from '@shared/api';
import { api, ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { scoreOf } from '../../ui/format';

export function planKey(planId: number) {
  return ['plan', planId] as const;
}

export function usePlan(planId: number) {
  return useQuery({
    queryKey: planKey(planId),
    queryFn: () => api.plan(planId),
    enabled: Number.isFinite(planId),
  });
}

export function usePlanEdits(planId: number) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  const key = planKey(planId);

  const report = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'STALE_VERSION') {
      modal.confirm({
        title: t('staleTitle'),
        content: error.message,
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
    onError: (error, _v, context) => {
      if (context?.before) qc.setQueryData(key, context.before);
      report(error);
    },
    onSuccess: (plan) => {
      accept(plan);
      void message.success(t('savedOk'), 1);
    },
  });

  const task = useMutation({
    mutationFn: (v: { itemId: number; patch: TaskPatch }) => api.patchTask(planId, v.itemId, v.patch),
    onError: report,
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
    onError: report,
    onSuccess: (plan) => {
      accept(plan);
      void message.success(t('findingDone'), 1);
    },
  });

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
