/**
 * The input a criterion's rule needs, as the unit answers it: one option (with its points), a ratio
 * (numbers done and due, the percentage shown), a count, parts and conditions as checkboxes, a score
 * in its steps; the fields are the "try it" box's (features/frameworks/model.ts#TryInput).
 */
import { Checkbox, Input, Radio, Space, Typography } from 'antd';
import type { ScoringRule } from '@core/framework';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { answerForm, innerRule, parseCount, type TryInput } from '../frameworks/model';

export function AnswerInput(props: {
  rule: ScoringRule;
  input: TryInput;
  disabled: boolean;
  testId: string;
  onChange: (change: Partial<TryInput>) => void;
}) {
  const { t, lang } = useI18n();
  const { rule, input, disabled, onChange: set, testId } = props;
  const inner = innerRule(rule);
  const form = answerForm(rule);
  if (input.notApplicable) return null;

  if (form === 'choice' && inner.kind === 'choice') {
    return (
      <Radio.Group
        data-testid={`${testId}-choice`}
        disabled={disabled}
        value={input.option}
        onChange={(e) => set({ option: e.target.value as number })}
        options={inner.options.map((o, i) => ({
          value: i,
          label: `${o.label || `#${i + 1}`} (${fmt(o.points, lang)})`,
        }))}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      />
    );
  }
  if (form === 'ratio') {
    const n = parseCount(input.numerator);
    const d = parseCount(input.denominator);
    const percent = n !== null && d !== null && d > 0 ? (n / d) * 100 : null;
    return (
      <Space wrap>
        <Input
          aria-label={t('tryNumerator')}
          placeholder={t('tryNumerator')}
          data-testid={`${testId}-numerator`}
          disabled={disabled}
          inputMode="numeric"
          value={input.numerator}
          style={{ width: 110 }}
          onChange={(e) => set({ numerator: e.target.value, ratioMode: 'ratio' })}
        />
        <Typography.Text>/</Typography.Text>
        <Input
          aria-label={t('tryDenominator')}
          placeholder={t('tryDenominator')}
          data-testid={`${testId}-denominator`}
          disabled={disabled}
          inputMode="numeric"
          value={input.denominator}
          style={{ width: 110 }}
          onChange={(e) => set({ denominator: e.target.value, ratioMode: 'ratio' })}
        />
        {percent !== null && (
          // shown only: the score is the rule's, by exact integer comparison (core/scoring.ts)
          <Typography.Text type="secondary" data-testid={`${testId}-percent`}>
            ={' '}
            {new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 }).format(
              percent,
            )}
            {lang === 'vi' ? ' %' : '%'}
          </Typography.Text>
        )}
      </Space>
    );
  }
  if (form === 'count' || (inner.kind === 'penalty' && inner.each !== null)) {
    return (
      <Space wrap>
        <Typography.Text>{inner.kind === 'penalty' ? t('tryPenaltyCount') : t('tryCount')}</Typography.Text>
        <Input
          aria-label={t('tryCount')}
          data-testid={`${testId}-count`}
          disabled={disabled}
          inputMode="numeric"
          value={input.count}
          style={{ width: 96, textAlign: 'right' }}
          onChange={(e) => set({ count: e.target.value, penaltyByCount: true })}
        />
      </Space>
    );
  }
  if (inner.kind === 'parts') {
    return (
      <Checkbox.Group
        data-testid={`${testId}-parts`}
        disabled={disabled}
        value={[...input.parts]}
        onChange={(v) => set({ parts: v })}
        options={inner.parts.map((p, i) => ({
          value: i,
          label: `${p.label || `#${i + 1}`} (${fmt(p.points, lang)})`,
        }))}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      />
    );
  }
  if (inner.kind === 'all') {
    return (
      <Checkbox.Group
        data-testid={`${testId}-conditions`}
        disabled={disabled}
        value={[...input.conditions]}
        onChange={(v) => set({ conditions: v })}
        options={inner.conditions.map((c, i) => ({ value: i, label: c || `#${i + 1}` }))}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      />
    );
  }
  return (
    <Space wrap>
      <Typography.Text>{inner.kind === 'penalty' ? t('tryPenaltyAmount') : t('tryScore')}</Typography.Text>
      <Input
        aria-label={t('tryScore')}
        data-testid={`${testId}-score`}
        disabled={disabled}
        inputMode="decimal"
        value={input.score}
        style={{ width: 96, textAlign: 'right' }}
        onChange={(e) => set({ score: e.target.value, penaltyByCount: false })}
      />
      {inner.kind === 'manual' && (
        <Typography.Text type="secondary">{t('saStep', { step: fmt(inner.step, lang) })}</Typography.Text>
      )}
    </Space>
  );
}
