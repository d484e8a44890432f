/**
 * /rounds/:id/appraisal — the area appraiser's page: the stage (round 1 or 2), filters (unit, area,
 * changed since round 1, not yet appraised), the table of units × the criteria of the reader's
 * areas with the self-score beside the appraised one, progress "đã thẩm định 37/54", and the drawer
 * of one unit's criterion (AppraisalDrawer.tsx, loaded when first opened).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Checkbox,
  Progress,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { AppraisalCriterion, AppraisalRow, StageScorePut } from '@shared/api';
import { lazy, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { LoadError, Loading } from '../../ui/States';
import { WhenOpened } from '../lazy';
import { appraisalApi, type Stage } from './api';
import { filterRows, type RowFilter } from './model';
import '../../i18n/appraisal';

// a unit's criterion (the answer input, evidence, the score) loads when its drawer first opens
const AppraisalDrawer = lazy(() => import('./AppraisalDrawer').then((m) => ({ default: m.AppraisalDrawer })));

export default function AppraisalPage() {
  const roundId = Number(useParams().id);
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [stage, setStage] = useState<Stage>('appraisal1');
  const [changedOnly, setChangedOnly] = useState(false);
  const [filter, setFilter] = useState<RowFilter>({ unitId: null, area: null, unscoredOnly: false });
  const [openKey, setOpenKey] = useState<string | null>(null);
  const key = ['appraisal', roundId, stage, changedOnly] as const;
  const query = useQuery({
    queryKey: key,
    queryFn: () => appraisalApi.worklist(roundId, stage, changedOnly && stage === 'appraisal2'),
  });
  const view = query.data;
  const criteria = useMemo(() => new Map((view?.criteria ?? []).map((c) => [c.id, c])), [view]);
  const units = useMemo(() => new Map((view?.units ?? []).map((u) => [u.unitId, u])), [view]);
  const rows = useMemo(() => (view ? filterRows(view.rows, criteria, filter) : []), [view, criteria, filter]);
  const rowKey = (r: AppraisalRow) => `${r.unitId}:${r.criterionId}`;
  const open = view?.rows.find((r) => rowKey(r) === openKey) ?? null;

  const report = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409 && error.code === 'STALE_VERSION') {
      modal.confirm({
        title: t('staleTitle'),
        content: error.message,
        okText: t('reload'),
        cancelText: t('close'),
        onOk: () => qc.invalidateQueries({ queryKey: ['appraisal', roundId] }),
      });
      return;
    }
    void message.error(errorMessage(error));
  };
  const save = useMutation({
    mutationFn: (v: { row: AppraisalRow; body: StageScorePut }) =>
      appraisalApi.setScore(roundId, v.row.unitId, v.row.criterionId, stage, v.body),
    onSuccess: (_r, v) => {
      void message.success(t('appraisalSaved', { code: criteria.get(v.row.criterionId)?.code ?? '' }));
      setOpenKey(null);
      void qc.invalidateQueries({ queryKey: ['appraisal', roundId] });
    },
    onError: report,
  });
  const giveBack = useMutation({
    mutationFn: (v: { row: AppraisalRow; question: string }) =>
      appraisalApi.returnCriterion(roundId, v.row.unitId, v.row.criterionId, v.question),
    onSuccess: (_r, v) => {
      void message.success(t('appraisalReturnedOk', { code: criteria.get(v.row.criterionId)?.code ?? '' }));
      setOpenKey(null);
      void qc.invalidateQueries({ queryKey: ['appraisal', roundId] });
    },
    onError: report,
  });

  if (query.isPending) return <Loading />;
  if (query.isError || !view) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const { scored, total } = view.progress;

  return (
    <div data-testid="appraisal-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('appraisalTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{view.round.name}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <Segmented
          data-testid="stage-switch"
          value={stage}
          onChange={(v) => {
            setStage(v as Stage);
            setOpenKey(null);
          }}
          options={[
            { value: 'appraisal1', label: t('appraisalStage1') },
            { value: 'appraisal2', label: t('appraisalStage2') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('appraisalFilterUnit')}
          aria-label={t('appraisalFilterUnit')}
          style={{ minWidth: 200 }}
          value={filter.unitId}
          onChange={(unitId: number | undefined) => setFilter((f) => ({ ...f, unitId: unitId ?? null }))}
          options={view.units.map((u) => ({ value: u.unitId, label: u.unitName }))}
        />
        <Select
          allowClear
          placeholder={t('appraisalFilterArea')}
          aria-label={t('appraisalFilterArea')}
          style={{ minWidth: 240 }}
          value={filter.area}
          onChange={(area: string | undefined) => setFilter((f) => ({ ...f, area: area ?? null }))}
          options={view.areas.map((a) => ({ value: a.code, label: `${a.code}. ${a.name}` }))}
        />
        {stage === 'appraisal2' && (
          <Checkbox checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)}>
            {t('appraisalChangedOnly')}
          </Checkbox>
        )}
        <Checkbox
          checked={filter.unscoredOnly}
          onChange={(e) => setFilter((f) => ({ ...f, unscoredOnly: e.target.checked }))}
        >
          {t('appraisalUnscoredOnly')}
        </Checkbox>
      </Space>
      <div style={{ maxWidth: 420, marginBottom: 12 }} data-testid="appraisal-progress">
        <Typography.Text strong>{t('appraisalProgress', { scored, total })}</Typography.Text>
        <Progress percent={total === 0 ? 0 : Math.round((scored * 100) / total)} size="small" />
      </div>
      {view.round.published ? (
        <Alert type="info" message={t('appraisalPublished')} style={{ marginBottom: 12 }} />
      ) : (
        !view.open && <Alert type="info" message={t('appraisalClosed')} style={{ marginBottom: 12 }} />
      )}
      <Table<AppraisalRow>
        data-testid="appraisal-table"
        size="small"
        rowKey={rowKey}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: t('appraisalEmpty') }}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => setOpenKey(rowKey(r)), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('appraisalColUnit'),
            key: 'unit',
            width: 160,
            render: (_v, r) => units.get(r.unitId)?.unitName,
          },
          {
            title: t('appraisalColCriterion'),
            key: 'criterion',
            render: (_v, r) => {
              const c: AppraisalCriterion | undefined = criteria.get(r.criterionId);
              return (
                <span>
                  <Typography.Text strong>{c?.code}</Typography.Text> {c?.name}
                </span>
              );
            },
          },
          {
            title: t('appraisalColSelf'),
            key: 'self',
            width: 90,
            align: 'right',
            render: (_v, r) => fmt(r.self?.score ?? null, lang),
          },
          {
            title: t('appraisalColEvidence'),
            key: 'evidence',
            width: 90,
            align: 'center',
            render: (_v, r) =>
              r.evidence.length > 0 ? <Badge count={r.evidence.length} color="#8c8c8c" /> : '—',
          },
          ...(stage === 'appraisal2'
            ? [
                {
                  title: t('appraisalColRound1'),
                  key: 'round1',
                  width: 80,
                  align: 'right' as const,
                  render: (_v: unknown, r: AppraisalRow) => fmt(r.appraisal1?.score ?? null, lang),
                },
              ]
            : []),
          {
            title: t('appraisalColScore'),
            key: 'score',
            width: 120,
            align: 'right',
            render: (_v, r) =>
              r.score ? (
                <Typography.Text strong data-testid="row-score">
                  {fmt(r.score.score, lang)}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: t('appraisalColStatus'),
            key: 'status',
            width: 220,
            render: (_v, r) => (
              <Space size={4} wrap>
                {r.changedSinceRound1 && <Tag color="blue">{t('appraisalChanged')}</Tag>}
                {r.score?.overridden && <Tag color="orange">{t('appraisalOverridden')}</Tag>}
                {r.returned && (
                  <Tag color={r.returned.explanation ? 'green' : 'red'}>
                    {r.returned.explanation ? t('appraisalExplained') : t('appraisalReturned')}
                  </Tag>
                )}
              </Space>
            ),
          },
        ]}
      />
      {open && criteria.get(open.criterionId) && (
        <WhenOpened>
          <AppraisalDrawer
            key={`${openKey}:${open.score?.version ?? 0}`}
            row={open}
            criterion={criteria.get(open.criterionId)!}
            unitName={units.get(open.unitId)?.unitName ?? ''}
            open={view.open}
            returnsOpen={view.returnsOpen && stage === 'appraisal1'}
            busy={save.isPending || giveBack.isPending}
            onClose={() => setOpenKey(null)}
            onSave={(body) => save.mutate({ row: open, body })}
            onReturn={(question) => giveBack.mutate({ row: open, question })}
          />
        </WhenOpened>
      )}
    </div>
  );
}
