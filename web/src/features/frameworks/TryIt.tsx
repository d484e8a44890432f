/**
 * "Thử tính điểm": type an answer the way the rule takes it and see the score at once, computed by
 * core/scoring.ts — the one evaluator the assessment uses — on the rule as it stands in the editor,
 * saved or not. The score is exact and written as Vietnamese documents write it; an answer that
 * does not fit is explained in words, never scored by guess.
 */
import { Alert, Checkbox, Input, Radio, Space, Switch, Typography } from 'antd';
import type { NotApplicablePolicy, ScoringRule } from '@core/framework';
import { formatScore, type Score } from '@core/score';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import {
  answerForm,
  EMPTY_INPUT,
  innerRule,
  mayBeNotApplicable,
  problemText,
  tryScore,
  type TryInput,
} from './model';

export function TryIt(props: { rule: ScoringRule; max: Score | null; notApplicable: NotApplicablePolicy }) {
  const { t, lang } = useI18n();
  const { rule, max } = props;
  const [input, setInput] = useState<TryInput>(EMPTY_INPUT);
  // a gate: the score the other criterion got, typed here ("0" closes the gate)
  const [gated, setGated] = useState('');
  const set = (change: Partial<TryInput>) => setInput((i) => ({ ...i, ...change }));
  const inner = innerRule(rule);
  const form = answerForm(rule);

  const result = useMemo(
    () => tryScore(rule, max, props.notApplicable, input, gated),
    [rule, max, props.notApplicable, input, gated],
  );

  return (
    <div data-testid="try-it">
      <Space direction="vertical" style={{ width: '100%' }}>
        {rule.kind === 'gate' && (
          <Space wrap>
            <Typography.Text>{t('tryGateScore', { code: rule.code || '…' })}</Typography.Text>
            <Input
              aria-label={t('tryGateScore', { code: rule.code || '…' })}
              data-testid="try-gate"
              value={gated}
              style={{ width: 96, textAlign: 'right' }}
              onChange={(e) => setGated(e.target.value)}
            />
          </Space>
        )}
        {mayBeNotApplicable(props.notApplicable) && (
          <Space>
            <Switch
              size="small"
              checked={input.notApplicable}
              aria-label={t('tryNotApplicable')}
              onChange={(notApplicable) => set({ notApplicable })}
            />
            {t('tryNotApplicable')}
          </Space>
        )}
        {!input.notApplicable && form === 'choice' && inner.kind === 'choice' && (
          <Radio.Group
            data-testid="try-choice"
            value={input.option}
            onChange={(e) => set({ option: e.target.value as number })}
            options={inner.options.map((o, i) => ({ value: i, label: o.label || `#${i + 1}` }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        )}
        {!input.notApplicable && form === 'ratio' && (
          <Space direction="vertical">
            <Radio.Group
              size="small"
              optionType="button"
              value={input.ratioMode}
              onChange={(e) => set({ ratioMode: e.target.value as TryInput['ratioMode'] })}
              options={[
                { value: 'ratio', label: t('tryRatio') },
                { value: 'percent', label: t('tryPercent') },
              ]}
            />
            {input.ratioMode === 'ratio' ? (
              <Space wrap>
                <Input
                  aria-label={t('tryNumerator')}
                  placeholder={t('tryNumerator')}
                  data-testid="try-numerator"
                  value={input.numerator}
                  style={{ width: 120 }}
                  onChange={(e) => set({ numerator: e.target.value })}
                />
                <Typography.Text>/</Typography.Text>
                <Input
                  aria-label={t('tryDenominator')}
                  placeholder={t('tryDenominator')}
                  data-testid="try-denominator"
                  value={input.denominator}
                  style={{ width: 120 }}
                  onChange={(e) => set({ denominator: e.target.value })}
                />
              </Space>
            ) : (
              <Input
                aria-label={t('tryPercent')}
                data-testid="try-percent"
                value={input.percent}
                suffix="%"
                style={{ width: 120 }}
                onChange={(e) => set({ percent: e.target.value })}
              />
            )}
          </Space>
        )}
        {!input.notApplicable && (form === 'count' || (inner.kind === 'penalty' && input.penaltyByCount)) && (
          <Space wrap>
            <Typography.Text>{t('tryCount')}</Typography.Text>
            <Input
              aria-label={t('tryCount')}
              data-testid="try-count"
              value={input.count}
              style={{ width: 96, textAlign: 'right' }}
              onChange={(e) => set({ count: e.target.value })}
            />
          </Space>
        )}
        {!input.notApplicable && inner.kind === 'parts' && (
          <Checkbox.Group
            data-testid="try-parts"
            value={[...input.parts]}
            onChange={(v) => set({ parts: v })}
            options={inner.parts.map((p, i) => ({
              value: i,
              label: `${p.label || `#${i + 1}`} (${fmt(p.points, lang)})`,
            }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        )}
        {!input.notApplicable && inner.kind === 'all' && (
          <Checkbox.Group
            data-testid="try-conditions"
            value={[...input.conditions]}
            onChange={(v) => set({ conditions: v })}
            options={inner.conditions.map((c, i) => ({ value: i, label: c || `#${i + 1}` }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        )}
        {!input.notApplicable && form === 'score' && (
          <Space wrap>
            {inner.kind === 'penalty' && inner.each !== null && (
              <Radio.Group
                size="small"
                optionType="button"
                value={input.penaltyByCount ? 'count' : 'amount'}
                onChange={(e) => set({ penaltyByCount: e.target.value === 'count' })}
                options={[
                  { value: 'amount', label: t('tryPenaltyAmount') },
                  { value: 'count', label: t('tryPenaltyCount') },
                ]}
              />
            )}
            {!(inner.kind === 'penalty' && input.penaltyByCount) && (
              <>
                <Typography.Text>
                  {inner.kind === 'penalty' ? t('tryPenaltyAmount') : t('tryScore')}
                </Typography.Text>
                <Input
                  aria-label={t('tryScore')}
                  data-testid="try-score"
                  value={input.score}
                  style={{ width: 96, textAlign: 'right' }}
                  onChange={(e) => set({ score: e.target.value })}
                />
              </>
            )}
          </Space>
        )}
        <div data-testid="try-result" aria-live="polite">
          {result.kind === 'score' ? (
            <Typography.Text strong style={{ fontSize: 18, color: '#b8322a' }} data-testid="try-score-value">
              {t('tryResult', { score: formatScore(result.score, 'vi'), max: fmt(max, 'vi') })}
            </Typography.Text>
          ) : result.kind === 'excluded' ? (
            <Typography.Text strong>{t('tryExcluded')}</Typography.Text>
          ) : result.kind === 'input' ? (
            <Typography.Text type="secondary">{t(result.problem)}</Typography.Text>
          ) : (
            <Alert type="warning" showIcon message={problemText(result.problem, lang)} />
          )}
        </div>
      </Space>
    </div>
  );
}
