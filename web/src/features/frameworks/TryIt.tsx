/**
 * "Thử tính điểm": type an answer the way the rule takes it and see the score at once, computed by
 * core/scoring.ts — the one evaluator the assessment uses — on the rule as it stands in the editor,
 * saved or not. The score is exact and written as Vietnamese documents write it; an answer that
 * does not fit is explained in words, never scored by guess.
 */
import { Alert, Input, Space, Typography } from 'antd';
import type { NotApplicablePolicy, ScoringRule } from '@core/framework';
import { formatScore, type Score } from '@core/score';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { AnswerInput } from '../assessment/AnswerInput';
import { problemText, tryScore } from './checks';
import { EMPTY_INPUT, type TryInput } from './model';
import '../../i18n/frameworks';

export function TryIt(props: { rule: ScoringRule; max: Score | null; notApplicable: NotApplicablePolicy }) {
  const { t, lang } = useI18n();
  const { rule, max } = props;
  const [input, setInput] = useState<TryInput>(EMPTY_INPUT);
  // a gate: the score the other criterion got, typed here ("0" closes the gate)
  const [gated, setGated] = useState('');
  const set = (change: Partial<TryInput>) => setInput((i) => ({ ...i, ...change }));

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
        <AnswerInput
          rule={rule}
          input={input}
          testId="try"
          notApplicable={props.notApplicable}
          modes
          onChange={set}
        />
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
