/**
 * The input a criterion's rule needs: one option (with its points), a ratio (numbers done and due,
 * the percentage shown; a percentage where the answer is one), a count, parts and conditions as
 * checkboxes, a score in its steps. The one component for the unit's self-assessment (CriterionCard),
 * the appraiser's drawer (features/appraisal) and the frameworks' "Thử tính điểm" (TryIt.tsx), all on
 * the same TryInput and buildAnswer (features/frameworks/model.ts), so an answer is built one way.
 * Variants by props: `notApplicable` shows the "not applicable" switch here (the unit's card has its
 * own, with the reason beside it); `modes` offers every way of answering (ratio or percentage, points
 * taken or occurrences), for trying a rule out.
 */
import { Checkbox, Input, Radio, Space, Switch, Typography } from 'antd';
import type { NotApplicablePolicy, ScoringRule } from '@core/framework';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { answerForm, innerRule, mayBeNotApplicable, parseCount, type TryInput } from '../frameworks/model';
import '../../i18n/assessment';
import '../../i18n/frameworks';

export function AnswerInput(props: {
  rule: ScoringRule;
  input: TryInput;
  disabled?: boolean;
  /** the controls' test ids start with it (`${testId}-choice`, …); the whole is `${testId}-answer` */
  testId: string;
  onChange: (change: Partial<TryInput>) => void;
  /** the criterion's N/A policy, for the switch shown here (the appraiser's drawer, the try-it box) */
  notApplicable?: NotApplicablePolicy;
  /** offer the ratio/percentage and points/occurrences switches (the try-it box) */
  modes?: boolean;
}) {
  const { t, lang } = useI18n();
  const { rule, input, disabled, onChange: set, testId, modes = false } = props;
  const inner = innerRule(rule);
  const form = answerForm(rule);
  const countedPenalty = inner.kind === 'penalty' && inner.each !== null;
  // a penalty counted per occurrence is answered by the count, unless the answer is already the points
  const byCount =
    form === 'count' || (countedPenalty && (input.penaltyByCount || (!modes && input.score.trim() === '')));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`${testId}-answer`}>
      {props.notApplicable !== undefined && mayBeNotApplicable(props.notApplicable) && (
        <Space>
          <Switch
            size="small"
            disabled={disabled}
            checked={input.notApplicable}
            aria-label={t('tryNotApplicable')}
            data-testid={`${testId}-na`}
            onChange={(notApplicable) => set({ notApplicable })}
          />
          {t('tryNotApplicable')}
        </Space>
      )}
      {!input.notApplicable && (
        <>
          {form === 'choice' && inner.kind === 'choice' && (
            <Radio.Group
              data-testid={`${testId}-choice`}
              aria-label={t('tryChoose')}
              disabled={disabled}
              value={input.option}
              onChange={(e) => set({ option: e.target.value as number })}
              options={inner.options.map((o, i) => ({
                value: i,
                label: `${o.label || `#${i + 1}`} (${fmt(o.points, lang)})`,
              }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            />
          )}
          {form === 'ratio' && modes && (
            <Radio.Group
              size="small"
              optionType="button"
              disabled={disabled}
              value={input.ratioMode}
              onChange={(e) => set({ ratioMode: e.target.value as TryInput['ratioMode'] })}
              options={[
                { value: 'ratio', label: t('tryRatio') },
                { value: 'percent', label: t('tryPercent') },
              ]}
            />
          )}
          {form === 'ratio' && input.ratioMode === 'ratio' && (
            <RatioInput input={input} disabled={disabled} testId={testId} set={set} />
          )}
          {form === 'ratio' && input.ratioMode === 'percent' && (
            <Input
              aria-label={t('tryPercent')}
              data-testid={`${testId}-percent-input`}
              disabled={disabled}
              inputMode="decimal"
              value={input.percent}
              suffix="%"
              style={{ width: 120 }}
              onChange={(e) => set({ percent: e.target.value })}
            />
          )}
          {countedPenalty && modes && (
            <Radio.Group
              size="small"
              optionType="button"
              disabled={disabled}
              value={input.penaltyByCount ? 'count' : 'amount'}
              onChange={(e) => set({ penaltyByCount: e.target.value === 'count' })}
              options={[
                { value: 'amount', label: t('tryPenaltyAmount') },
                { value: 'count', label: t('tryPenaltyCount') },
              ]}
            />
          )}
          {byCount && (
            <Space wrap>
              <Typography.Text>{countedPenalty ? t('tryPenaltyCount') : t('tryCount')}</Typography.Text>
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
          )}
          {inner.kind === 'parts' && (
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
          )}
          {inner.kind === 'all' && (
            <Checkbox.Group
              data-testid={`${testId}-conditions`}
              disabled={disabled}
              value={[...input.conditions]}
              onChange={(v) => set({ conditions: v })}
              options={inner.conditions.map((c, i) => ({ value: i, label: c || `#${i + 1}` }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            />
          )}
          {form === 'score' && !byCount && (
            <Space wrap>
              <Typography.Text>
                {inner.kind === 'penalty' ? t('tryPenaltyAmount') : t('tryScore')}
              </Typography.Text>
              <Input
                aria-label={t('tryScore')}
                data-testid={`${testId}-points`}
                disabled={disabled}
                inputMode="decimal"
                value={input.score}
                style={{ width: 96, textAlign: 'right' }}
                onChange={(e) => set({ score: e.target.value, penaltyByCount: false })}
              />
              {inner.kind === 'manual' && (
                <Typography.Text type="secondary">
                  {t('saStep', { step: fmt(inner.step, lang) })}
                </Typography.Text>
              )}
            </Space>
          )}
        </>
      )}
    </Space>
  );
}

/** Numbers done and due, the percentage they make shown beside them. */
function RatioInput(props: {
  input: TryInput;
  disabled: boolean | undefined;
  testId: string;
  set: (change: Partial<TryInput>) => void;
}) {
  const { t, lang } = useI18n();
  const { input, disabled, testId, set } = props;
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
