/**
 * /rounds/:id/council — the appraisal council: per unit the totals self → appraised → proposal and
 * the final score, per area beneath; each unit's criteria with every stage's score and the proposal;
 * fix all or the selected at their proposals, change one (a value other than the proposal needs a
 * comment; the council's own criteria take the number by their manual rule) during the council's
 * phase, and after it a correction with its reason.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { parseScore } from '@core/score';
import type { CouncilCell, CouncilView } from '@shared/api';
import { lazy, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { fmt, fmtDateTime } from '../../ui/format';
import { LoadError, Loading } from '../../ui/States';
import { InPlace } from '../lazy';
import { appraisalApi } from './api';
import '../../i18n/appraisal';

// the edit dialog's fields, loaded when it first opens
const CouncilEditFields = lazy(() => import('./CouncilEditFields'));

type Unit = CouncilView['units'][number];

interface Editing {
  unitId: number;
  cell: CouncilCell;
  code: string;
}

export default function CouncilPage() {
  const roundId = Number(useParams().id);
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['council', roundId], queryFn: () => appraisalApi.council(roundId) });
  const view = query.data;
  const [selected, setSelected] = useState<Record<number, number[]>>({});
  const [editing, setEditing] = useState<Editing | null>(null);
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const criteria = useMemo(() => new Map((view?.criteria ?? []).map((c) => [c.id, c])), [view]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['council', roundId] });

  const fix = useMutation({
    mutationFn: (v: { unitId: number; criteria?: number[] }) =>
      appraisalApi.fixFinal(roundId, v.unitId, v.criteria),
    onSuccess: (r, v) => {
      void message.success(t('councilFixedOk', { n: r.fixed }));
      if (r.skipped.length > 0) void message.warning(t('councilSkipped', { codes: r.skipped.join(', ') }), 6);
      setSelected((s) => ({ ...s, [v.unitId]: [] }));
      void refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const change = useMutation({
    mutationFn: (e: Editing): Promise<unknown> => {
      const decimal = score.trim().replace(',', '.');
      if (view?.corrections) {
        return appraisalApi.correct(roundId, e.unitId, e.cell.criterionId, decimal, comment.trim());
      }
      // the council's own criterion (no proposal): its manual rule takes the number typed, as the
      // rule scores it — not typed over anything, so no comment is asked for
      const c = criteria.get(e.cell.criterionId);
      const parsed = parseScore(score);
      const byRule =
        c?.scorer === 'council' && c.rule?.kind === 'manual' && parsed.ok && parsed.score !== null
          ? { answer: { kind: 'score' as const, score: parsed.score } }
          : { score: decimal };
      return appraisalApi.setScore(roundId, e.unitId, e.cell.criterionId, 'council', {
        version: e.cell.final?.version ?? 0,
        ...byRule,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
    },
    onSuccess: (_r, e) => {
      void message.success(t('councilSavedOk', { code: e.code }));
      setEditing(null);
      void refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (query.isPending) return <Loading />;
  if (query.isError || !view) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const chain = (x: { self: string; appraised: string; proposal: string }) =>
    `${fmt(x.self, lang)} → ${fmt(x.appraised, lang)} → ${fmt(x.proposal, lang)}`;
  const editable = view.open || view.corrections;

  const criteriaOf = (u: Unit) => {
    const cells = view.cells.filter((c) => c.unitId === u.unitId);
    return (
      <div data-testid={`council-unit-${u.unitId}`}>
        <Space wrap style={{ marginBottom: 8 }}>
          {u.areas.map((a) => (
            <Tag key={a.code}>
              {a.code}: {chain(a)}
              {a.final !== null && ` | ${fmt(a.final, lang)}`}
            </Tag>
          ))}
        </Space>
        {view.open && (
          <Button
            size="small"
            style={{ marginBottom: 8 }}
            disabled={(selected[u.unitId] ?? []).length === 0}
            loading={fix.isPending}
            data-testid="fix-selected"
            onClick={() => fix.mutate({ unitId: u.unitId, criteria: selected[u.unitId] ?? [] })}
          >
            {t('councilFixSelected')}
          </Button>
        )}
        <Table<CouncilCell>
          size="small"
          rowKey="criterionId"
          dataSource={cells}
          pagination={false}
          scroll={{ x: 900 }}
          rowSelection={
            view.open
              ? {
                  selectedRowKeys: selected[u.unitId] ?? [],
                  onChange: (keys) => setSelected((s) => ({ ...s, [u.unitId]: keys as number[] })),
                  getCheckboxProps: (c) => ({ disabled: c.final !== null || c.proposal === null }),
                }
              : undefined
          }
          columns={[
            {
              title: t('appraisalColCriterion'),
              key: 'c',
              render: (_v, c) => {
                const k = criteria.get(c.criterionId);
                return (
                  <span>
                    <Typography.Text strong>{k?.code}</Typography.Text> {k?.name}
                  </span>
                );
              },
            },
            {
              title: t('appraisalColSelf'),
              key: 's',
              width: 80,
              align: 'right',
              render: (_v, c) => fmt(c.self, lang),
            },
            {
              title: t('councilColA1'),
              key: 'a1',
              width: 90,
              align: 'right',
              render: (_v, c) => fmt(c.appraisal1, lang),
            },
            {
              title: t('councilColA2'),
              key: 'a2',
              width: 90,
              align: 'right',
              render: (_v, c) => fmt(c.appraisal2, lang),
            },
            {
              title: t('councilColSurvey'),
              key: 'sv',
              width: 90,
              align: 'right',
              render: (_v, c) => fmt(c.survey, lang),
            },
            {
              title: t('councilColProposal'),
              key: 'p',
              width: 90,
              align: 'right',
              render: (_v, c) => <Typography.Text strong>{fmt(c.proposal, lang)}</Typography.Text>,
            },
            {
              title: t('councilFinal'),
              key: 'f',
              width: 200,
              render: (_v, c) =>
                c.final ? (
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong style={{ color: '#b8322a' }}>
                      {fmt(c.final.score, lang)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('councilFixedBy', { by: c.final.by, at: fmtDateTime(c.final.at, lang) })}
                    </Typography.Text>
                    {c.final.comment !== '' && (
                      <Typography.Text style={{ fontSize: 12 }}>{c.final.comment}</Typography.Text>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: '',
              key: 'edit',
              width: 100,
              render: (_v, c) =>
                editable && (
                  <Button
                    size="small"
                    data-testid={`edit-final-${criteria.get(c.criterionId)?.code}`}
                    onClick={() => {
                      setEditing({
                        unitId: u.unitId,
                        cell: c,
                        code: criteria.get(c.criterionId)?.code ?? '',
                      });
                      setScore(fmt(c.final?.score ?? c.proposal, 'vi'));
                      setComment('');
                    }}
                  >
                    {view.corrections ? t('councilCorrect') : t('councilEdit')}
                  </Button>
                ),
            },
          ]}
        />
      </div>
    );
  };

  return (
    <div data-testid="council-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('councilTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{view.round.name}</Typography.Paragraph>
      {view.corrections ? (
        <Alert type="warning" showIcon message={t('councilCorrections')} style={{ marginBottom: 12 }} />
      ) : (
        !view.open && (
          <Alert
            type="info"
            message={view.round.published ? t('appraisalPublished') : t('councilClosed')}
            style={{ marginBottom: 12 }}
          />
        )
      )}
      <Table<Unit>
        data-testid="council-table"
        size="small"
        rowKey="unitId"
        dataSource={view.units}
        // every unit of the round: a page at a time
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('councilEmpty') }}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: criteriaOf }}
        columns={[
          { title: t('councilUnit'), dataIndex: 'unitName', key: 'unit' },
          {
            title: t('councilState'),
            key: 'state',
            width: 170,
            render: (_v, u) => <Tag>{t(`unitState_${u.state}` as MessageKey)}</Tag>,
          },
          { title: t('councilTotals'), key: 'totals', render: (_v, u) => chain(u.totals) },
          {
            title: t('councilFinal'),
            key: 'final',
            width: 100,
            align: 'right',
            render: (_v, u) => <Typography.Text strong>{fmt(u.totals.final, lang)}</Typography.Text>,
          },
          {
            title: t('councilMax'),
            key: 'max',
            width: 80,
            align: 'right',
            render: (_v, u) => fmt(u.totals.max, lang),
          },
          {
            title: t('councilFixed'),
            key: 'fixed',
            width: 90,
            align: 'right',
            render: (_v, u) => `${u.fixed}/${u.toFix}`,
          },
          {
            title: '',
            key: 'act',
            width: 200,
            render: (_v, u) =>
              view.open &&
              u.fixed < u.toFix && (
                <Button
                  size="small"
                  type="primary"
                  data-testid={`fix-all-${u.unitId}`}
                  loading={fix.isPending}
                  onClick={() => fix.mutate({ unitId: u.unitId })}
                >
                  {t('councilFixAll')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('councilEditTitle', { code: editing.code }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => editing && change.mutate(editing)}
        okButtonProps={{
          disabled: score.trim() === '' || (view.corrections && comment.trim() === ''),
          loading: change.isPending,
          'data-testid': 'final-ok',
        }}
        destroyOnHidden
      >
        <InPlace>
          <CouncilEditFields
            proposal={editing?.cell.proposal}
            corrections={view.corrections}
            score={score}
            comment={comment}
            onScore={setScore}
            onComment={setComment}
          />
        </InPlace>
      </Modal>
    </div>
  );
}
