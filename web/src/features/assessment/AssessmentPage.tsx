/**
 * A unit's self-assessment (/rounds/:id/units/:unitId): the unit, the round, the phase and the
 * deadline ("còn 3 ngày", an extension shown), the state, the self-score, max and index computed
 * live as answers are typed; what is still missing with links to it; submit (confirmed; the
 * server's list shown when refused) and withdraw; the criteria by area, each leaf a card that
 * autosaves; the report's difficulties and proposals. Read-only once submitted, closed or published.
 */
import { useQuery } from '@tanstack/react-query';
import type { Answer } from '@core/framework';
import { PHASE_WORDS, UNIT_STATE_WORDS } from '@core/messages/assessment';
import { App, Alert, Button, Card, Col, Collapse, Input, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { AssessmentCriterion, AssessmentView } from '@shared/api';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fmt, fmtDate } from '../../ui/format';
import { Loading, LoadError } from '../../ui/States';
import { assessmentApi, type EvidenceFile } from './api';
import { CriterionCard } from './CriterionCard';
import { daysLeft, frameworkCriteria, liveScores, missingOf, selfDeadline } from './model';
import { answerOfDraft, useAssessment, useAssessmentView } from './useAssessment';
import '../../i18n/assessment';

const STATE_COLOR: Record<string, string> = {
  'not-started': 'default',
  'in-progress': 'processing',
  submitted: 'success',
  returned: 'warning',
  appraised: 'purple',
  final: 'green',
};

export default function AssessmentPage() {
  const params = useParams();
  const roundId = Number(params.id);
  const unitId = Number(params.unitId);
  const { query, reload } = useAssessmentView(roundId, unitId);
  const view = query.data;
  if (query.error) return <LoadError error={query.error} onRetry={() => void reload()} />;
  if (!view) return <Loading />;
  // each read of the view starts the page's drafts afresh
  return (
    <AssessmentShown
      key={query.dataUpdatedAt}
      view={view}
      roundId={roundId}
      unitId={unitId}
      reload={() => void reload()}
    />
  );
}

function AssessmentShown(props: {
  view: AssessmentView;
  roundId: number;
  unitId: number;
  reload: () => void;
}) {
  const { view, roundId, unitId } = props;
  const state = useAssessment(view, roundId, unitId);
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const unit = state.unit;
  const evidence = useQuery({
    queryKey: ['evidence', roundId, unitId],
    queryFn: () => assessmentApi.evidence(roundId, unitId),
    retry: false,
  });
  const files = evidence.data?.files;
  const criteria = useMemo(
    () =>
      view.criteria.map((c): AssessmentCriterion => {
        const row = state.rows.get(c.id) ?? c;
        return files
          ? { ...row, evidenceIds: files.filter((f) => f.criterionIds.includes(c.id)).map((f) => f.id) }
          : row;
      }),
    [view.criteria, state.rows, files],
  );
  const domain = useMemo(() => frameworkCriteria(view.criteria), [view.criteria]);
  const answers = useMemo(() => {
    const m = new Map<string, Answer | null>();
    for (const c of criteria) {
      const d = state.drafts.get(c.id);
      const typed = d && c.selfScored ? answerOfDraft(c, d) : undefined;
      m.set(c.code, typed === undefined ? c.answer : typed);
    }
    return m;
  }, [criteria, state.drafts]);
  const scores = useMemo(() => liveScores(domain, answers), [domain, answers]);
  const scoreBy = useMemo(() => new Map(scores.criteria.map((s) => [s.code, s])), [scores]);
  const explanations = useMemo(
    () => new Map(criteria.map((c) => [c.code, state.drafts.get(c.id)?.explanation ?? c.scoringExplanation])),
    [criteria, state.drafts],
  );
  const missing = useMemo(
    () => missingOf(criteria, scores, answers, explanations),
    [criteria, scores, answers, explanations],
  );
  const needs = useMemo(() => new Set(missing.explanations.map((c) => c.code)), [missing]);

  const areas = criteria.filter((c) => c.parentCode === null);
  const [open, setOpen] = useState<string[]>(() => areas.map((a) => a.code));
  const [busy, setBusy] = useState(false);
  const [difficulties, setDifficulties] = useState(unit.difficulties);
  const [proposals, setProposals] = useState(unit.proposals);

  const editable = view.access.edit && unit.state !== 'submitted';
  const deadline = selfDeadline(view);
  const left = deadline === null ? null : daysLeft(view.round.day, deadline);
  const selfDates = view.deadlines.find((d) => d.phase === 'self');
  const phaseText =
    view.round.phase === 'before' || view.round.phase === 'between'
      ? t(`saPhase_${view.round.phase}`)
      : PHASE_WORDS[lang][view.round.phase];

  const jump = (c: AssessmentCriterion) => {
    const area = c.code.split('.')[0]!;
    setOpen((o) => (o.includes(area) ? o : [...o, area]));
    setTimeout(
      () =>
        document.getElementById(`crit-${c.code}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' }),
      50,
    );
  };

  const submit = () =>
    modal.confirm({
      title: t('saSubmitConfirm', { unit: unit.name }),
      content: t('saSubmitHelp'),
      okText: t('saSubmit'),
      onOk: async () => {
        setBusy(true);
        try {
          await state.flushAll();
          const saved = await assessmentApi.submit(roundId, unitId, state.unit.version);
          state.setUnit(saved.unit);
          void message.success(t('saSubmitted'));
          props.reload();
        } catch (error) {
          if (error instanceof ApiError && error.code === 'ASSESSMENT_INCOMPLETE') {
            modal.error({
              title: t('saRefused'),
              content: <span data-testid="submit-refused">{error.message}</span>,
            });
          } else void message.error(errorMessage(error));
        } finally {
          setBusy(false);
        }
      },
    });

  const withdraw = () =>
    modal.confirm({
      title: t('saWithdrawConfirm'),
      okText: t('saWithdraw'),
      onOk: async () => {
        try {
          const saved = await assessmentApi.withdraw(roundId, unitId, state.unit.version);
          state.setUnit(saved.unit);
          void message.success(t('saWithdrawn'));
          props.reload();
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });

  const saveReport = async () => {
    try {
      const saved = await assessmentApi.report(roundId, unitId, {
        version: unit.version,
        difficulties,
        proposals,
      });
      state.setUnit(saved.unit);
      void message.success(t('saReportSaved'));
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const readOnlyWhy = view.round.published
    ? t('saReadOnlyPublished')
    : unit.state !== 'not-started' && unit.state !== 'in-progress'
      ? t('saReadOnlySubmitted')
      : view.access.withdraw || view.access.explain || !view.criteria.some((c) => c.selfScored)
        ? t('saReadOnlyClosed')
        : left !== null && left >= 0 && view.round.phase === 'self'
          ? t('saReadOnlyNoRight')
          : t('saReadOnlyClosed');

  const card = (c: AssessmentCriterion) => {
    const s = scoreBy.get(c.code);
    const draft = state.drafts.get(c.id)!;
    const mine: EvidenceFile[] = files ? files.filter((f) => f.criterionIds.includes(c.id)) : [];
    const row = state.rows.get(c.id) ?? c;
    return (
      <CriterionCard
        key={c.id}
        criterion={c}
        draft={draft}
        status={state.status.get(c.id) ?? { kind: 'idle' }}
        score={s?.score ?? null}
        problem={c.selfScored && answers.get(c.code) && s?.problem ? row.problem : null}
        excluded={s !== undefined && !s.applicable}
        needsExplanation={needs.has(c.code)}
        editable={editable && c.selfScored}
        explainable={view.access.explain && !!c.returned && c.returned.explanation === null}
        files={mine}
        evidenceEnabled={evidence.isSuccess}
        onEdit={(change) => state.edit(c.id, change)}
        onKeepMine={(current) => state.keepMine(c.id, current)}
        onTakeTheirs={(current) => state.takeTheirs(c.id, current)}
        onUpload={async (file) => {
          try {
            await assessmentApi.uploadEvidence(roundId, unitId, c.id, file, () => undefined);
            void message.success(t('saEvidenceUploaded', { name: file.name }));
          } catch (error) {
            void message.error(errorMessage(error));
            throw error;
          } finally {
            void evidence.refetch();
          }
        }}
        onUnlink={async (f) => {
          try {
            await assessmentApi.unlinkEvidence(roundId, unitId, f.id, c.id);
          } catch (error) {
            void message.error(errorMessage(error));
          } finally {
            void evidence.refetch();
          }
        }}
        onExplain={async (text) => {
          try {
            await assessmentApi.explain(roundId, unitId, c.id, c.returned!.version, text);
            void message.success(t('saExplanationSent'));
            props.reload();
          } catch (error) {
            void message.error(errorMessage(error));
          }
        }}
      />
    );
  };

  const missingCount = missing.answers.length + missing.explanations.length;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="assessment-page">
      <Card>
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('saTitle')} — {view.round.name}
          </Typography.Text>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="unit-name">
              {unit.name}
            </Typography.Title>
            <Tag color={STATE_COLOR[unit.state]} data-testid="unit-state">
              {UNIT_STATE_WORDS[lang][unit.state]}
            </Tag>
          </Space>
          <Space wrap size={[16, 4]}>
            <Typography.Text>
              {t('saPhase')}: <Typography.Text strong>{phaseText}</Typography.Text>
            </Typography.Text>
            {selfDates && (
              <Typography.Text data-testid="deadline">
                {t('saDeadline', { date: fmtDate(selfDates.closesOn) })}
                {left !== null && (
                  <Tag style={{ marginLeft: 8 }} color={left < 0 ? 'default' : left <= 3 ? 'orange' : 'blue'}>
                    {left > 0 ? t('saDaysLeft', { n: left }) : left === 0 ? t('saLastDay') : t('saClosed')}
                  </Tag>
                )}
                {selfDates.extendedUntil && (
                  <Tag color="gold">{t('saExtended', { date: fmtDate(selfDates.extendedUntil) })}</Tag>
                )}
              </Typography.Text>
            )}
          </Space>
        </Space>
        <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
          <Col xs={12} md={6}>
            <Statistic
              title={t('saTotal')}
              value={t('saTotalOf', { score: fmt(scores.total, lang), max: fmt(scores.max, lang) })}
              valueStyle={{ fontSize: 20 }}
              data-testid="total"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('saIndex')}
              value={
                scores.index
                  ? `${fmt({ units: Math.round(scores.index.units / 100) * 100, scale: 2 }, lang)}${lang === 'vi' ? ' %' : '%'}`
                  : '—'
              }
              valueStyle={{ fontSize: 20 }}
              data-testid="index"
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('saMissingCount')}
              value={missingCount}
              valueStyle={{ fontSize: 20 }}
              data-testid="missing-count"
            />
          </Col>
          <Col xs={12} md={6}>
            <Space wrap>
              {view.access.submit && (
                <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="submit">
                  {t('saSubmit')}
                </Button>
              )}
              {view.access.withdraw && (
                <Button onClick={() => void withdraw()} data-testid="withdraw">
                  {t('saWithdraw')}
                </Button>
              )}
            </Space>
          </Col>
        </Row>
      </Card>

      {!editable && (
        <Alert type="info" showIcon message={t('saReadOnly', { why: readOnlyWhy })} data-testid="read-only" />
      )}

      {(editable || missingCount > 0) && (
        <Card size="small" title={t('saMissingTitle')} data-testid="missing">
          {missingCount === 0 ? (
            <Typography.Text type="success">{t('saMissingNone')}</Typography.Text>
          ) : (
            <Space direction="vertical" size={4}>
              {missing.answers.length > 0 && (
                <div>
                  <Typography.Text strong>
                    {t('saMissingAnswers', { n: missing.answers.length })}:{' '}
                  </Typography.Text>
                  <JumpLinks list={missing.answers} onJump={jump} />
                </div>
              )}
              {missing.explanations.length > 0 && (
                <div>
                  <Typography.Text strong>
                    {t('saMissingExplain', { n: missing.explanations.length })}:{' '}
                  </Typography.Text>
                  <JumpLinks list={missing.explanations} onJump={jump} />
                </div>
              )}
            </Space>
          )}
        </Card>
      )}

      <Collapse
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        items={areas.map((area) => {
          const s = scoreBy.get(area.code);
          const inside = criteria.filter((c) => c.code.startsWith(`${area.code}.`));
          return {
            key: area.code,
            label: (
              <Typography.Text strong>
                {area.code}. {area.name}
              </Typography.Text>
            ),
            extra: (
              <Typography.Text type="secondary" data-testid={`area-${area.code}-score`}>
                {t('saAreaScore', {
                  score: fmt(s?.score ?? null, lang) || '0',
                  max: fmt(area.max, lang) || '—',
                })}
              </Typography.Text>
            ),
            children: (
              <div>
                {inside.map((c) =>
                  c.leaf ? (
                    card(c)
                  ) : (
                    <Typography.Title key={c.id} level={5} style={{ margin: '8px 0' }}>
                      {c.code} {c.name}
                    </Typography.Title>
                  ),
                )}
                {area.leaf && card(area)}
              </div>
            ),
          };
        })}
      />

      <Card size="small" title={t('saReport')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('saDifficulties')}</Typography.Text>
          <Input.TextArea
            aria-label={t('saDifficulties')}
            data-testid="difficulties"
            disabled={!editable}
            value={difficulties}
            autoSize={{ minRows: 2 }}
            onChange={(e) => setDifficulties(e.target.value)}
          />
          <Typography.Text>{t('saProposals')}</Typography.Text>
          <Input.TextArea
            aria-label={t('saProposals')}
            data-testid="proposals"
            disabled={!editable}
            value={proposals}
            autoSize={{ minRows: 2 }}
            onChange={(e) => setProposals(e.target.value)}
          />
          {editable && (
            <Button onClick={() => void saveReport()} data-testid="save-report">
              {t('saReportSave')}
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );
}

function JumpLinks(props: { list: AssessmentCriterion[]; onJump: (c: AssessmentCriterion) => void }) {
  const { t } = useI18n();
  return (
    <Space wrap size={[8, 0]}>
      {props.list.map((c) => (
        <a
          key={c.id}
          href={`#crit-${c.code}`}
          aria-label={t('saJump', { code: c.code })}
          onClick={(e) => {
            e.preventDefault();
            props.onJump(c);
          }}
        >
          {c.code}
        </a>
      ))}
    </Space>
  );
}
