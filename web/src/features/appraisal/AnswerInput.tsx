/**
 * The answer a rule takes, typed by the appraiser (or shown read-only for the unit's own): the
 * controls of the frameworks' "Thử tính điểm" (TryIt.tsx) made controlled, on the same TryInput and
 * buildAnswer (frameworks/model.ts), so the answer sent is built the one way. SELF's input component
 * was not on main when this was written: when it is, this should become it.
 */
import { Checkbox, Input, Radio, Space, Switch, Typography } from 'antd';
import type { NotApplicablePolicy, ScoringRule } from '@core/framework';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { answerForm, innerRule, mayBeNotApplicable, type TryInput } from '../frameworks/model';

export function AnswerInput(props: {
  rule: ScoringRule;
  notApplicable: NotApplicablePolicy;
  value: TryInput;
  onChange?: (value: TryInput) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const { rule, value: input, disabled } = props;
  const set = (change: Partial<TryInput>) => props.onChange?.({ ...input, ...change });
  const inner = innerRule(rule);
  const form = answerForm(rule);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={props.testId}>
      {mayBeNotApplicable(props.notApplicable) && (
        <Space>
          <Switch
            size="small"
            disabled={disabled}
            checked={input.notApplicable}
            aria-label={t('answerNotApplicable')}
            onChange={(notApplicable) => set({ notApplicable })}
          />
          {t('answerNotApplicable')}
        </Space>
      )}
      {!input.notApplicable && form === 'choice' && inner.kind === 'choice' && (
        <Radio.Group
          disabled={disabled}
          value={input.option}
          aria-label={t('answerChoose')}
          onChange={(e) => set({ option: e.target.value as number })}
          options={inner.options.map((o, i) => ({
            value: i,
            label: `${o.label || `#${i + 1}`} (${fmt(o.points, lang)})`,
          }))}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        />
      )}
      {!input.notApplicable && form === 'ratio' && input.ratioMode === 'percent' && (
        <Input
          disabled={disabled}
          value={input.percent}
          suffix="%"
          style={{ width: 120 }}
          onChange={(e) => set({ percent: e.target.value })}
        />
      )}
      {!input.notApplicable && form === 'ratio' && input.ratioMode === 'ratio' && (
        <Space wrap>
          <Input
            disabled={disabled}
            aria-label={t('answerNumerator')}
            placeholder={t('answerNumerator')}
            value={input.numerator}
            style={{ width: 110 }}
            onChange={(e) => set({ numerator: e.target.value })}
          />
          <Typography.Text>/</Typography.Text>
          <Input
            disabled={disabled}
            aria-label={t('answerDenominator')}
            placeholder={t('answerDenominator')}
            value={input.denominator}
            style={{ width: 110 }}
            onChange={(e) => set({ denominator: e.target.value })}
          />
        </Space>
      )}
      {!input.notApplicable && (form === 'count' || (inner.kind === 'penalty' && input.penaltyByCount)) && (
        <Space wrap>
          <Typography.Text>{t('answerCount')}</Typography.Text>
          <Input
            disabled={disabled}
            aria-label={t('answerCount')}
            value={input.count}
            style={{ width: 96, textAlign: 'right' }}
            onChange={(e) => set({ count: e.target.value })}
          />
        </Space>
      )}
      {!input.notApplicable && inner.kind === 'parts' && (
        <Checkbox.Group
          disabled={disabled}
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
          disabled={disabled}
          value={[...input.conditions]}
          onChange={(v) => set({ conditions: v })}
          options={inner.conditions.map((c, i) => ({ value: i, label: c || `#${i + 1}` }))}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        />
      )}
      {!input.notApplicable && form === 'score' && !(inner.kind === 'penalty' && input.penaltyByCount) && (
        <Space wrap>
          <Typography.Text>{t('answerScore')}</Typography.Text>
          <Input
            disabled={disabled}
            aria-label={t('answerScore')}
            value={input.score}
            style={{ width: 96, textAlign: 'right' }}
            onChange={(e) => set({ score: e.target.value })}
          />
        </Space>
      )}
    </Space>
  );
}
