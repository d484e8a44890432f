/**
 * The plan on the page and its edits. A score change shows at once (the sums and charts follow
 * before the server answers) and is rolled back if the server refuses it; the server's answer is
 * the new plan. A refusal because someone else changed the row offers a reload.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { PlanView, TaskPatch, Unit } from '@shared/api';
import { api, ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

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
      if (before) {
        qc.setQueryData<PlanView>(key, {
          ...before,
          rows: before.rows.map((r) => (r.itemId === v.itemId ? { ...r, [v.field]: v.value } : r)),
        });
      }
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
    saving: score.isPending || task.isPending,
  };
}

export type PlanEdits = ReturnType<typeof usePlanEdits>;
