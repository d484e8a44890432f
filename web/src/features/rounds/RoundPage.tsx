/**
 * One round: its calendar (each phase open now, closed or upcoming on the server's Vietnam day), the
 * units the reader may see with their state, when they submitted, late in red with why, and their
 * extension; the requests for more time (the office grants until a day or refuses with a note); links
 * to the appraisal, council, survey and overview pages and to each unit's self-assessment; for whoever
 * manages the round, before publication, its name and calendar changed (RoundEdit.tsx); the dialogs
 * (RoundEdit, ExtensionDialogs.tsx) load when first opened.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { Extension, PhaseDates, RoundUnit, RoundView } from '@shared/api';
import { lazy, useState } from 'react';
import { Link, useParams } from 'react-router';
import { WhenOpened } from '../lazy';
import { RemindButton } from '../notifications/RemindButton';
import { useI18n } from '../../i18n/i18n';
import { fmtDate, fmtDateTime } from '../../ui/format';
import { LoadError } from '../../ui/States';
import { roundsApi } from './api';
import { phaseKey, phaseStatus, PhaseTag, UnitStateTag } from './parts';
import '../../i18n/rounds';

// the dialogs (forms, date pickers) load when first opened
const RoundEdit = lazy(() => import('./RoundEdit').then((m) => ({ default: m.RoundEdit })));
const AskExtension = lazy(() => import('./ExtensionDialogs').then((m) => ({ default: m.AskExtension })));
const Decide = lazy(() => import('./ExtensionDialogs').then((m) => ({ default: m.Decide })));

const STATUS_COLOR = { open: 'green', closed: 'default', upcoming: 'blue' } as const;
const STATUS_KEY = { open: 'phaseOpen', closed: 'phaseClosed', upcoming: 'phaseUpcoming' } as const;
const EXT_COLOR = { requested: 'gold', granted: 'green', refused: 'red' } as const;

export default function RoundPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const [editing, setEditing] = useState(false);
  const round = useQuery({
    queryKey: ['round', id, lang],
    queryFn: () => roundsApi.round(id),
  });
  if (round.error) return <LoadError error={round.error} onRetry={() => void round.refetch()} />;
  if (!round.data) return <Card loading />;
  const r = round.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="round-name">
            {r.name}
          </Typography.Title>
          {r.canManage && !r.published && (
            <Button size="small" onClick={() => setEditing(true)} data-testid="round-edit">
              {t('roundEdit')}
            </Button>
          )}
        </Space>
        <Space wrap style={{ marginTop: 8 }}>
          <PhaseTag phase={r.phase} t={t} />
          <Typography.Text type="secondary">{r.year}</Typography.Text>
          <Link to={`/frameworks/${r.framework.id}`}>{r.framework.name}</Link>
          <Typography.Text type="secondary">{t('roundToday', { day: fmtDate(r.today) })}</Typography.Text>
        </Space>
        <Space wrap style={{ marginTop: 8, display: 'flex' }} data-testid="round-links">
          <Link to={`/rounds/${r.id}/appraisal`}>{t('roundLinkAppraisal')}</Link>
          <Link to={`/rounds/${r.id}/council`}>{t('roundLinkCouncil')}</Link>
          <Link to={`/rounds/${r.id}/survey`}>{t('roundLinkSurvey')}</Link>
          <Link to={`/rounds/${r.id}/overview`}>{t('roundLinkOverview')}</Link>
          {r.canManage && !r.published && <RemindButton roundId={r.id} />}
        </Space>
      </div>
      <Card title={t('roundCalendarTitle')} size="small">
        <Table<PhaseDates>
          rowKey="phase"
          size="small"
          pagination={false}
          data-testid="round-calendar"
          dataSource={r.calendar}
          scroll={{ x: 520 }}
          columns={[
            { title: t('colPhase'), render: (_v, p) => t(phaseKey(p.phase)) },
            { title: t('colOpensOn'), width: 120, render: (_v, p) => fmtDate(p.opensOn) },
            {
              title: t('colClosesOn'),
              width: 120,
              render: (_v, p) => (p.phase === 'publication' ? '' : fmtDate(p.closesOn)),
            },
            {
              title: t('colPhaseState'),
              width: 130,
              render: (_v, p) => {
                const status = phaseStatus(p, r.today);
                return <Tag color={STATUS_COLOR[status]}>{t(STATUS_KEY[status])}</Tag>;
              },
            },
          ]}
        />
      </Card>
      <UnitsCard round={r} />
      <ExtensionsCard round={r} />
      {editing && (
        <WhenOpened>
          <RoundEdit round={r} onClose={() => setEditing(false)} />
        </WhenOpened>
      )}
    </Space>
  );
}

function UnitsCard({ round }: { round: RoundView }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<RoundUnit | null>(null);
  return (
    <Card title={t('roundUnitsTitle')} size="small">
      <Table<RoundUnit>
        rowKey="unitId"
        size="small"
        data-testid="round-units"
        dataSource={round.units}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        scroll={{ x: 820 }}
        columns={[
          {
            title: t('colRoundUnit'),
            render: (_v, u) => <Link to={`/rounds/${round.id}/units/${u.unitId}`}>{u.unitName}</Link>,
          },
          { title: t('colUnitState'), width: 170, render: (_v, u) => <UnitStateTag state={u.state} t={t} /> },
          {
            title: t('colSubmittedAt'),
            width: 150,
            render: (_v, u) => (u.submittedAt ? fmtDateTime(u.submittedAt) : ''),
          },
          {
            title: t('colLate'),
            width: 260,
            render: (_v, u) =>
              u.late && u.lateReason ? (
                <Typography.Text type="danger" data-testid="late">
                  {t(`late_${u.lateReason}`)}
                </Typography.Text>
              ) : null,
          },
          {
            title: t('colExtension'),
            width: 220,
            render: (_v, u) => (
              <>
                {u.extension &&
                  t('extensionUntil', {
                    phase: t(phaseKey(u.extension.phase)),
                    until: fmtDate(u.extension.until),
                  })}
                {!round.canManage && !round.published && (
                  <Button size="small" type="link" onClick={() => setAsking(u)} data-testid="extension-ask">
                    {t('extensionAsk')}
                  </Button>
                )}
              </>
            ),
          },
        ]}
      />
      {asking && (
        <WhenOpened>
          <AskExtension round={round} unit={asking} onClose={() => setAsking(null)} />
        </WhenOpened>
      )}
    </Card>
  );
}

function ExtensionsCard({ round }: { round: RoundView }) {
  const { t } = useI18n();
  const [deciding, setDeciding] = useState<{ ext: Extension; decision: 'grant' | 'refuse' } | null>(null);
  return (
    <Card title={t('extensionsTitle')} size="small">
      <Table<Extension>
        rowKey="id"
        size="small"
        data-testid="round-extensions"
        dataSource={round.extensions}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('extensionsEmpty') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('colRoundUnit'), dataIndex: 'unitName', width: 180 },
          { title: t('colPhase'), width: 140, render: (_v, e) => t(phaseKey(e.phase)) },
          { title: t('colReason'), render: (_v, e) => <Typography.Text>{e.reason}</Typography.Text> },
          {
            title: t('colRequested'),
            width: 180,
            render: (_v, e) => t('extensionBy', { who: e.requestedBy, at: fmtDateTime(e.requestedAt) }),
          },
          {
            title: t('colExtensionDecision'),
            width: 260,
            render: (_v, e) =>
              e.state === 'requested' && round.canManage && !round.published ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setDeciding({ ext: e, decision: 'grant' })}
                  >
                    {t('extensionGrant')}
                  </Button>
                  <Button size="small" danger onClick={() => setDeciding({ ext: e, decision: 'refuse' })}>
                    {t('extensionRefuse')}
                  </Button>
                </Space>
              ) : (
                <>
                  <Tag color={EXT_COLOR[e.state]}>{t(`extensionState_${e.state}`)}</Tag>
                  {e.until && fmtDate(e.until)}
                  {e.note && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {e.note}
                    </Typography.Text>
                  )}
                </>
              ),
          },
        ]}
      />
      {deciding && (
        <WhenOpened>
          <Decide
            round={round}
            extension={deciding.ext}
            decision={deciding.decision}
            onClose={() => setDeciding(null)}
          />
        </WhenOpened>
      )}
    </Card>
  );
}
