/**
 * One unit's criterion side by side: on the left what the unit entered (answer, self-score, note,
 * how it scored without evidence, evidence files to open or download, the question returned and its
 * explanation); on the right the appraiser's answer scored by the rule as they type, an override
 * with its mandatory comment, and "Trả lại để giải trình" with a question (round 1).
 */
import {
  Alert,
  Button,
  Col,
  Descriptions,
  Divider,
  Drawer,
  Input,
  Row,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { AppraisalCriterion, AppraisalRow, StageScorePut } from '@shared/api';
import { formatScore } from '@core/score';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { fmt, fmtDateTime, scoreOf } from '../../ui/format';
import { AnswerInput } from '../assessment/AnswerInput';
import { problemText, tryScore } from '../frameworks/checks';
import { buildAnswer, inputOf, type TryInput } from '../frameworks/model';
import { evidenceHref } from './api';
import { answerWords } from './model';
import '../../i18n/appraisal';

export function AppraisalDrawer(props: {
  row: AppraisalRow;
  criterion: AppraisalCriterion;
  unitName: string;
  open: boolean;
  returnsOpen: boolean;
  busy: boolean;
  onClose: () => void;
  onSave: (body: StageScorePut) => void;
  onReturn: (question: string) => void;
}) {
  const { t, lang } = useI18n();
  const { row, criterion: c } = props;
  const max = scoreOf(c.max);
  const start = row.score?.answer ?? row.appraisal1?.answer ?? row.self?.answer ?? null;
  const [input, setInput] = useState<TryInput>(() => inputOf(start));
  const [override, setOverride] = useState(row.score?.overridden ?? false);
  const [typed, setTyped] = useState(row.score?.overridden ? fmt(row.score.score, 'vi') : '');
  const [comment, setComment] = useState(row.score?.comment ?? '');
  const [question, setQuestion] = useState('');
  const version = row.score?.version ?? 0;
  const editable = props.open && c.mine;
  const result = c.rule ? tryScore(c.rule, max, c.notApplicable, input, '') : null;
  const built = c.rule ? buildAnswer(c.rule, input) : null;

  const saveByRule = () => {
    if (built?.ok) props.onSave({ version, answer: built.answer, comment: comment.trim() || undefined });
  };
  const saveOverride = () => {
    const score = typed.trim().replace(',', '.');
    props.onSave({ version, score, comment: comment.trim() });
  };

  return (
    <Drawer
      open
      width={Math.min(1100, window.innerWidth)}
      onClose={props.onClose}
      title={`${props.unitName} — ${c.code}. ${c.name}`}
      destroyOnHidden
      data-testid="appraisal-drawer"
    >
      <Row gutter={24}>
        <Col xs={24} md={12} data-testid="unit-side">
          <Typography.Title level={5}>{t('appraisalUnitSide')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
            {c.method}
          </Typography.Paragraph>
          {row.self === null ? (
            <Alert type="info" message={t('appraisalNoAnswer')} />
          ) : (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('appraisalColSelf')}>
                <Space direction="vertical">
                  <span>
                    {answerWords(c.rule, row.self.answer, {
                      na: t('answerNotApplicable'),
                      times: t('answerCount'),
                    })}
                  </span>
                  <Typography.Text strong data-testid="self-score">
                    {t('appraisalSelfScore', {
                      score: fmt(row.self.score, lang) || '—',
                      max: fmt(c.max, lang),
                    })}
                  </Typography.Text>
                </Space>
              </Descriptions.Item>
              {row.self.note !== '' && (
                <Descriptions.Item label={t('appraisalNote')}>{row.self.note}</Descriptions.Item>
              )}
              {row.self.scoringExplanation !== '' && (
                <Descriptions.Item label={t('appraisalHowScored')}>
                  {row.self.scoringExplanation}
                </Descriptions.Item>
              )}
              {row.self.notApplicableReason && (
                <Descriptions.Item label={t('appraisalNaReason')}>
                  {row.self.notApplicableReason}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('appraisalColEvidence')}>
                {row.evidence.length === 0 ? (
                  <Typography.Text type="secondary">{t('appraisalNoEvidence')}</Typography.Text>
                ) : (
                  <Space direction="vertical">
                    {row.evidence.map((f) => {
                      const link = evidenceHref(f);
                      return (
                        <a
                          key={f.id}
                          href={link.href}
                          {...(link.inline
                            ? { target: '_blank', rel: 'noopener noreferrer' }
                            : { download: f.name })}
                        >
                          {f.name}
                        </a>
                      );
                    })}
                  </Space>
                )}
              </Descriptions.Item>
            </Descriptions>
          )}
          {row.returned && (
            <Alert
              style={{ marginTop: 12 }}
              type={row.returned.explanation ? 'success' : 'warning'}
              data-testid="returned-box"
              message={
                <Space direction="vertical">
                  <span>
                    {t('appraisalAsked', {
                      by: row.returned.askedBy,
                      at: fmtDateTime(row.returned.askedAt, lang),
                    })}{' '}
                    {row.returned.question}
                  </span>
                  {row.returned.explanation ? (
                    <span>
                      {t('appraisalAnswered', { at: fmtDateTime(row.returned.explainedAt ?? '', lang) })}{' '}
                      {row.returned.explanation}
                    </span>
                  ) : (
                    <Typography.Text type="secondary">{t('appraisalNotAnswered')}</Typography.Text>
                  )}
                </Space>
              }
            />
          )}
        </Col>
        <Col xs={24} md={12} data-testid="my-side">
          <Typography.Title level={5}>{t('appraisalMySide')}</Typography.Title>
          {!c.mine && <Alert type="info" message={t('appraisalNotMine')} style={{ marginBottom: 12 }} />}
          {row.appraisal1 && (
            <Typography.Paragraph>
              {t('appraisalColRound1')}: <strong>{fmt(row.appraisal1.score, lang)}</strong>
              {row.appraisal1.comment !== '' && ` — ${row.appraisal1.comment}`}
            </Typography.Paragraph>
          )}
          {row.score && (
            <Typography.Paragraph data-testid="saved-score">
              {t('appraisalCurrent', {
                score: fmt(row.score.score, lang),
                by: row.score.by,
                at: fmtDateTime(row.score.at, lang),
              })}
              {row.score.overridden && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  {t('appraisalOverridden')}
                </Tag>
              )}
            </Typography.Paragraph>
          )}
          {c.rule && (
            <AnswerInput
              rule={c.rule}
              notApplicable={c.notApplicable}
              input={input}
              onChange={(change) => setInput((i) => ({ ...i, ...change }))}
              disabled={!editable || override}
              testId="my"
            />
          )}
          {result && !override && (
            <div style={{ margin: '8px 0' }} aria-live="polite">
              {result.kind === 'score' ? (
                <Typography.Text strong style={{ color: '#b8322a' }} data-testid="rule-score">
                  {t('appraisalScoreByRule', {
                    score: formatScore(result.score, lang),
                    max: fmt(c.max, lang),
                  })}
                </Typography.Text>
              ) : result.kind === 'problem' ? (
                <Alert type="warning" showIcon message={problemText(result.problem, lang)} />
              ) : (
                <Typography.Text type="secondary">{t('answerNeeded')}</Typography.Text>
              )}
            </div>
          )}
          <Space style={{ margin: '8px 0' }}>
            <Switch
              size="small"
              checked={override}
              disabled={!editable}
              onChange={setOverride}
              aria-label={t('appraisalOverride')}
              data-testid="override-switch"
            />
            {t('appraisalOverride')}
          </Space>
          {override && (
            <Space wrap style={{ display: 'flex', marginBottom: 8 }}>
              <Typography.Text>{t('appraisalOverrideScore')}</Typography.Text>
              <Input
                aria-label={t('appraisalOverrideScore')}
                data-testid="override-score"
                value={typed}
                disabled={!editable}
                style={{ width: 96, textAlign: 'right' }}
                onChange={(e) => setTyped(e.target.value)}
              />
              <Typography.Text type="secondary">/ {fmt(c.max, lang)}</Typography.Text>
            </Space>
          )}
          <Input.TextArea
            aria-label={t('appraisalComment')}
            placeholder={t('appraisalComment')}
            data-testid="appraisal-comment"
            value={comment}
            disabled={!editable}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={4000}
            onChange={(e) => setComment(e.target.value)}
          />
          <Space style={{ marginTop: 8 }}>
            {override ? (
              <Button
                type="primary"
                data-testid="save-override"
                disabled={!editable || typed.trim() === '' || comment.trim() === ''}
                loading={props.busy}
                onClick={saveOverride}
              >
                {t('appraisalSaveOverride')}
              </Button>
            ) : (
              <Button
                type="primary"
                data-testid="save-by-rule"
                disabled={!editable || !built?.ok}
                loading={props.busy}
                onClick={saveByRule}
              >
                {t('appraisalSaveByRule')}
              </Button>
            )}
          </Space>
          {props.returnsOpen && c.mine && !row.returned && (
            <>
              <Divider />
              <Typography.Title level={5}>{t('appraisalReturnTitle')}</Typography.Title>
              <Input.TextArea
                aria-label={t('appraisalQuestion')}
                placeholder={t('appraisalQuestion')}
                data-testid="return-question"
                value={question}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={4000}
                onChange={(e) => setQuestion(e.target.value)}
              />
              <Button
                style={{ marginTop: 8 }}
                danger
                data-testid="return-button"
                disabled={question.trim() === ''}
                loading={props.busy}
                onClick={() => props.onReturn(question.trim())}
              >
                {t('appraisalReturn')}
              </Button>
            </>
          )}
        </Col>
      </Row>
    </Drawer>
  );
}
