/**
 * One leaf of the unit's assessment: its method and the evidence asked for, the input its rule
 * needs, the score computed live (core/scoring.ts) and confirmed by the server, "not applicable"
 * with a reason where the framework allows it, the note, the evidence files, the explanation a score
 * without evidence needs, a returned question with the explanation box, and the save state.
 */
import { Alert, Button, Card, Input, Space, Switch, Tag, Typography } from 'antd';
import type { Score } from '@core/score';
import type { AssessmentCriterion } from '@shared/api';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { fmt, fmtDateTime } from '../../ui/format';
import { mayBeNotApplicable } from '../frameworks/model';
import { AnswerInput } from './AnswerInput';
import type { EvidenceFile } from './api';
import { EvidenceBox } from './EvidenceBox';
import type { Draft, SaveStatus } from './useAssessment';
import '../../i18n/assessment';
import '../../i18n/frameworks';

export interface CardProps {
  criterion: AssessmentCriterion;
  draft: Draft;
  status: SaveStatus;
  /** the live score (null: none yet) and why there is none */
  score: Score | null;
  problem: string | null;
  excluded: boolean;
  needsExplanation: boolean;
  editable: boolean;
  explainable: boolean;
  files: EvidenceFile[];
  evidenceEnabled: boolean;
  onEdit: (change: Partial<Draft>) => void;
  onKeepMine: (current: AssessmentCriterion) => void;
  onTakeTheirs: (current: AssessmentCriterion) => void;
  onUpload: (file: File) => Promise<void>;
  onUnlink: (file: EvidenceFile) => Promise<void>;
  onExplain: (explanation: string) => Promise<void>;
}

function StatusText({ status }: { status: SaveStatus }) {
  const { t } = useI18n();
  switch (status.kind) {
    case 'pending':
    case 'saving':
      return <Typography.Text type="secondary">{t('saSaving')}</Typography.Text>;
    case 'saved':
      return <Typography.Text type="success">{t('saSaved')}</Typography.Text>;
    case 'error':
      return <Typography.Text type="danger">{t('saError')}</Typography.Text>;
    default:
      return null;
  }
}

export function CriterionCard(p: CardProps) {
  const { t, lang } = useI18n();
  const c = p.criterion;
  const testId = `crit-${c.code}`;
  const [explanation, setExplanation] = useState(c.returned?.explanation ?? '');
  const [sending, setSending] = useState(false);

  const scoreTag = !c.selfScored ? (
    <Tag>{t(c.scorer === 'survey' ? 'saNotSelf_survey' : 'saNotSelf_council')}</Tag>
  ) : p.excluded ? (
    <Tag>{t('tryExcluded')}</Tag>
  ) : (
    <Tag color={p.score === null ? 'default' : 'red'} data-testid={`${testId}-score`}>
      {p.score === null ? t('saNoScore') : t('saScore', { score: fmt(p.score, lang) })}
    </Tag>
  );

  return (
    <Card
      id={testId}
      data-testid={testId}
      size="small"
      style={{
        marginBottom: 12,
        background: c.selfScored ? undefined : '#fafafa',
        borderColor: c.returned && !c.returned.explanation ? '#fa8c16' : undefined,
      }}
      title={
        <Space wrap size={4} style={{ whiteSpace: 'normal' }}>
          <Typography.Text strong>{c.code}</Typography.Text>
          <Typography.Text style={{ whiteSpace: 'normal' }}>{c.name}</Typography.Text>
        </Space>
      }
      extra={
        <Space size={4} wrap>
          <Typography.Text type="secondary">{t('saMax', { max: fmt(c.max, lang) })}</Typography.Text>
          {scoreTag}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        {c.method && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            <Typography.Text strong>{t('saMethod')}: </Typography.Text>
            {c.method}
          </Typography.Paragraph>
        )}
        {c.evidence && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            <Typography.Text strong>{t('saEvidenceAsked')}: </Typography.Text>
            {c.evidence}
          </Typography.Paragraph>
        )}
        {c.returned && (
          <Alert
            type={c.returned.explanation ? 'info' : 'warning'}
            showIcon
            message={t('saReturned')}
            description={
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  {t('saQuestion', { by: c.returned.askedBy, at: fmtDateTime(c.returned.askedAt, lang) })}:{' '}
                  {c.returned.question}
                </Typography.Text>
                {p.explainable ? (
                  <>
                    <Input.TextArea
                      aria-label={t('saExplanation')}
                      data-testid={`${testId}-explanation`}
                      value={explanation}
                      autoSize={{ minRows: 2 }}
                      onChange={(e) => setExplanation(e.target.value)}
                    />
                    <Button
                      loading={sending}
                      disabled={explanation.trim() === ''}
                      onClick={() => {
                        setSending(true);
                        void p.onExplain(explanation).finally(() => setSending(false));
                      }}
                    >
                      {t('saExplanationSend')}
                    </Button>
                  </>
                ) : (
                  c.returned.explanation && (
                    <Typography.Text>
                      {t('saExplanation')}: {c.returned.explanation}
                    </Typography.Text>
                  )
                )}
              </Space>
            }
          />
        )}
        {c.selfScored && c.rule && (
          <>
            {c.rule.kind === 'gate' && (
              <Typography.Text type="secondary">{t('saGate', { code: c.rule.code })}</Typography.Text>
            )}
            {mayBeNotApplicable(c.notApplicable) && (
              <Space>
                <Switch
                  size="small"
                  disabled={!p.editable}
                  checked={p.draft.input.notApplicable}
                  aria-label={t('saNotApplicable')}
                  data-testid={`${testId}-na`}
                  onChange={(notApplicable) => p.onEdit({ input: { ...p.draft.input, notApplicable } })}
                />
                {t('saNotApplicable')}
              </Space>
            )}
            {p.draft.input.notApplicable && (
              <Input
                aria-label={t('saNotApplicableReason')}
                placeholder={t('saNotApplicableReason')}
                data-testid={`${testId}-reason`}
                disabled={!p.editable}
                value={p.draft.reason}
                status={p.draft.reason.trim() === '' ? 'warning' : undefined}
                onChange={(e) => p.onEdit({ reason: e.target.value })}
              />
            )}
            <AnswerInput
              rule={c.rule}
              input={p.draft.input}
              disabled={!p.editable}
              testId={testId}
              onChange={(change) => p.onEdit({ input: { ...p.draft.input, ...change } })}
            />
            {p.problem && <Alert type="warning" showIcon message={p.problem} />}
            <Input.TextArea
              aria-label={t('saNote')}
              placeholder={t('saNote')}
              data-testid={`${testId}-note`}
              disabled={!p.editable}
              value={p.draft.note}
              autoSize={{ minRows: 1, maxRows: 6 }}
              onChange={(e) => p.onEdit({ note: e.target.value })}
            />
            <EvidenceBox
              testId={testId}
              files={p.files}
              enabled={p.evidenceEnabled}
              editable={p.editable || p.explainable}
              onUpload={p.onUpload}
              onUnlink={p.onUnlink}
            />
            {(p.needsExplanation || p.draft.explanation !== '') && (
              <Space direction="vertical" style={{ width: '100%' }} size={4}>
                <Typography.Text type={p.needsExplanation ? 'warning' : undefined}>
                  {p.needsExplanation ? t('saExplainNeeded') : t('saExplain')}
                </Typography.Text>
                <Input.TextArea
                  aria-label={t('saExplain')}
                  placeholder={t('saExplain')}
                  data-testid={`${testId}-how`}
                  disabled={!p.editable}
                  value={p.draft.explanation}
                  status={p.needsExplanation ? 'warning' : undefined}
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  onChange={(e) => p.onEdit({ explanation: e.target.value })}
                />
              </Space>
            )}
          </>
        )}
        {c.appraised && (
          <Space wrap size={4}>
            <Typography.Text strong>{t('saAppraised')}:</Typography.Text>
            {(['appraisal1', 'appraisal2', 'council', 'survey'] as const).map((stage) => {
              const s = c.appraised?.[stage];
              return s ? (
                <Tag key={stage} title={s.comment}>
                  {t(`saStage_${stage}`)}: {fmt(s.score, lang)}
                </Tag>
              ) : null;
            })}
          </Space>
        )}
        {p.status.kind === 'conflict' && (
          <Alert
            type="warning"
            showIcon
            data-testid={`${testId}-conflict`}
            message={t('saConflict')}
            description={
              <Space direction="vertical">
                <Typography.Text>
                  {t('saConflictTheirs', {
                    value: [
                      p.status.current.score === null
                        ? t('saNoScore')
                        : t('saScore', { score: fmt(p.status.current.score, lang) }),
                      p.status.current.note,
                    ]
                      .filter(Boolean)
                      .join(' — '),
                  })}
                </Typography.Text>
                <Space wrap>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => p.status.kind === 'conflict' && p.onKeepMine(p.status.current)}
                  >
                    {t('saKeepMine')}
                  </Button>
                  <Button
                    size="small"
                    onClick={() => p.status.kind === 'conflict' && p.onTakeTheirs(p.status.current)}
                  >
                    {t('saTakeTheirs')}
                  </Button>
                </Space>
              </Space>
            }
          />
        )}
        {p.status.kind === 'error' && (
          <Alert type="error" showIcon message={p.status.message} data-testid={`${testId}-error`} />
        )}
        <div
          aria-live="polite"
          data-testid={`${testId}-status`}
          style={{ textAlign: 'right', minHeight: 22 }}
        >
          <StatusText status={p.status} />
        </div>
      </Space>
    </Card>
  );
}
