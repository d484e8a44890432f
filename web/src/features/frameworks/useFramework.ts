/**
 * One framework on the page and what may be done to it: save a criterion (with the version the page
 * saw — a criterion changed meanwhile is refused and the page offers a reload, keeping what was
 * typed), publish, make a new version, copy to the next year. The server's answer replaces the page's
 * framework; the list follows.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { CriterionPatch, FrameworkCreated, FrameworkView } from '@shared/api';
import { api, ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import '../../i18n/frameworks';

export function frameworkKey(id: number) {
  return ['framework', id] as const;
}

export function useFramework(id: number) {
  return useQuery({
    queryKey: frameworkKey(id),
    queryFn: () => api.framework(id),
    enabled: Number.isFinite(id),
  });
}

export function useFrameworkActions(id: number) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  const key = frameworkKey(id);

  const accept = (view: FrameworkView) => {
    qc.setQueryData(key, view);
    void qc.invalidateQueries({ queryKey: ['frameworks'] });
    void qc.invalidateQueries({ queryKey: ['framework-diff', id] });
  };

  const report = (error: unknown) => {
    // someone changed the criterion (or the framework) since the page read it
    if (error instanceof ApiError && error.status === 409 && error.code === 'STALE_VERSION') {
      modal.confirm({
        title: t('staleTitle'),
        content: `${error.message}. ${t('staleKept')}`,
        okText: t('reload'),
        cancelText: t('close'),
        onOk: () => qc.invalidateQueries({ queryKey: key }),
      });
      return;
    }
    void message.error(errorMessage(error));
  };

  const save = useMutation({
    mutationFn: (v: { criterionId: number; code: string; patch: CriterionPatch }) =>
      api.patchCriterion(id, v.criterionId, v.patch),
    onSuccess: (view, v) => {
      accept(view);
      void message.success(t('criterionSaved', { code: v.code }), 2);
    },
    onError: report,
  });

  const publish = useMutation({
    mutationFn: () => api.publishFramework(id),
    onSuccess: (view) => {
      accept(view);
      void message.success(t('frameworkPublished'));
    },
    onError: report,
  });

  const created = (made: FrameworkCreated) => {
    void qc.invalidateQueries({ queryKey: ['frameworks'] });
    void qc.invalidateQueries({ queryKey: key });
    void message.success(t('frameworkCreated'));
    return made;
  };
  const newVersion = useMutation({
    mutationFn: () => api.newFrameworkVersion(id),
    onSuccess: created,
    onError: report,
  });
  const nextYear = useMutation({
    mutationFn: () => api.copyFrameworkToNextYear(id),
    onSuccess: created,
    onError: report,
  });

  return {
    /** resolves true when saved */
    saveCriterion: async (criterionId: number, code: string, patch: CriterionPatch) => {
      try {
        await save.mutateAsync({ criterionId, code, patch });
        return true;
      } catch {
        return false;
      }
    },
    saving: save.isPending,
    publish: () => publish.mutateAsync().catch(() => undefined),
    newVersion: () => newVersion.mutateAsync().catch(() => null),
    nextYear: () => nextYear.mutateAsync().catch(() => null),
    busy: publish.isPending || newVersion.isPending || nextYear.isPending,
  };
}

export type FrameworkActions = ReturnType<typeof useFrameworkActions>;
