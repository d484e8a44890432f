/**
 * The scoring rule of one criterion, edited as the data it is (core/framework.ts ScoringRule): the
 * kind, then the kind's own fields — options and points, bands with ≥ / > edges, a linear floor and
 * full mark, count bands or "each … taken away", parts with their evidence, conditions, a gate on
 * another criterion around an inner rule, a manual step, caps. Changing the kind starts from that
 * kind's simplest rule fitting the max (model.ts defaultRule). Document text stays text.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Radio, Select, Space, Typography } from 'antd';
import { RULE_KINDS, type RuleKind, type ScoringRule } from '@core/framework';
import { ZERO, type Score } from '@core/score';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { CountField, PercentField, ScoreField } from './fields';
import {
  defaultRule,
  INNER_KINDS,
  QUARTER,
  insertBand,
  insertCountBand,
  moveAt,
  removeAt,
  replaceAt,
} from './model';
import { ruleKindLabel } from './parts';
import '../../i18n/frameworks';

type Of<K extends RuleKind> = Extract<ScoringRule, { kind: K }>;

export interface RuleEditorProps {
  rule: ScoringRule;
  max: Score | null;
  onChange: (rule: ScoringRule) => void;
  disabled: boolean;
  /** the other criteria's codes, for a gate */
  codes: readonly string[];
  /** inside a gate: no gate again */
  inner?: boolean;
}

export function RuleEditor(props: RuleEditorProps) {
  const { t, lang } = useI18n();
  const { rule, onChange, disabled } = props;
  const kinds = props.inner ? INNER_KINDS : RULE_KINDS;
  const words = {
    met: t('ruleMet'),
    notMet: t('ruleNotMet'),
    part: t('rulePart'),
    condition: t('ruleCondition'),
  };
  return (
    <Space
      direction="vertical"
      style={{ width: '100%' }}
      size="small"
      data-testid={props.inner ? 'inner-rule' : 'rule-editor'}
    >
      <Space wrap>
        <Typography.Text>{props.inner ? t('ruleInnerKind') : t('ruleKind')}</Typography.Text>
        <Select<RuleKind>
          aria-label={props.inner ? t('ruleInnerKind') : t('ruleKind')}
          data-testid={props.inner ? 'inner-kind' : 'rule-kind'}
          value={rule.kind}
          disabled={disabled}
          style={{ minWidth: 220 }}
          onChange={(kind) => kind !== rule.kind && onChange(defaultRule(kind, props.max, words, rule))}
          options={kinds.map((k) => ({ value: k, label: ruleKindLabel(k, lang) }))}
        />
      </Space>
      <KindFields {...props} />
    </Space>
  );
}

function KindFields(props: RuleEditorProps) {
  const { rule } = props;
  switch (rule.kind) {
    case 'choice':
      return <ChoiceFields {...props} rule={rule} />;
    case 'bands':
      return <BandsFields {...props} rule={rule} />;
    case 'linear':
      return <LinearFields {...props} rule={rule} />;
    case 'count':
      return <CountFields {...props} rule={rule} />;
    case 'parts':
      return <PartsFields {...props} rule={rule} />;
    case 'all':
      return <AllFields {...props} rule={rule} />;
    case 'gate':
      return <GateFields {...props} rule={rule} />;
    case 'manual':
      return <ManualFields {...props} rule={rule} />;
    case 'survey':
      return <SurveyFields />;
    case 'bonus':
      return <BonusFields {...props} rule={rule} />;
    case 'penalty':
      return <PenaltyFields {...props} rule={rule} />;
  }
}

type FieldsProps<K extends RuleKind> = Omit<RuleEditorProps, 'rule'> & { rule: Of<K> };

/**
 * A rule's list (options, bands, parts, conditions): each item's row — its fields, then move up /
 * down and remove, wrapping on a phone — and the "add" button under them. The last item stays.
 */
function EditableList<T>(props: {
  items: readonly T[];
  set: (items: T[]) => void;
  disabled: boolean;
  /** each row's test id is `${testId}-${index}` */
  testId: string;
  add: { testId: string; label: string; onClick: () => void };
  row: (item: T, index: number, update: (item: T) => void) => ReactNode;
}) {
  const { t } = useI18n();
  const { items, set, disabled } = props;
  return (
    <div>
      {items.map((item, i) => (
        <div
          key={i}
          data-testid={`${props.testId}-${i}`}
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            gap: 8,
            alignItems: 'center',
            padding: '4px 0',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {props.row(item, i, (changed) => set(replaceAt(items, i, changed)))}
          <Space size={0}>
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              aria-label={t('moveUp')}
              disabled={disabled || i === 0}
              onClick={() => set(moveAt(items, i, -1))}
            />
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              aria-label={t('moveDown')}
              disabled={disabled || i === items.length - 1}
              onClick={() => set(moveAt(items, i, 1))}
            />
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('remove')}
              disabled={disabled || items.length <= 1}
              onClick={() => set(removeAt(items, i))}
            />
          </Space>
        </div>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={props.add.onClick}
        disabled={disabled}
        data-testid={props.add.testId}
      >
        {props.add.label}
      </Button>
    </div>
  );
}

function ChoiceFields({ rule, onChange, disabled }: FieldsProps<'choice'>) {
  const { t } = useI18n();
  const set = (options: Of<'choice'>['options']) => onChange({ ...rule, options });
  return (
    <EditableList
      items={rule.options}
      set={set}
      disabled={disabled}
      testId="option"
      add={{
        testId: 'add-option',
        label: t('addOption'),
        onClick: () => set([...rule.options, { label: '', points: ZERO }]),
      }}
      row={(o, i, update) => (
        <>
          <Input
            aria-label={t('optionLabel', { n: i + 1 })}
            value={o.label}
            disabled={disabled}
            style={{ flex: '1 1 220px', minWidth: 0 }}
            onChange={(e) => update({ ...o, label: e.target.value })}
          />
          <ScoreField
            label={t('optionPoints', { n: i + 1 })}
            testId={`option-points-${i}`}
            value={o.points}
            disabled={disabled}
            onChange={(points) => update({ ...o, points })}
          />
        </>
      )}
    />
  );
}

function BandsFields({ rule, onChange, disabled }: FieldsProps<'bands'>) {
  const { t } = useI18n();
  const set = (bands: Of<'bands'>['bands']) => onChange({ ...rule, bands });
  return (
    <div>
      <Typography.Text type="secondary">{t('bandsHelp')}</Typography.Text>
      <EditableList
        items={rule.bands}
        set={set}
        disabled={disabled}
        testId="band"
        add={{ testId: 'add-band', label: t('addBand'), onClick: () => onChange(insertBand(rule)) }}
        row={(b, i, update) => (
          <>
            <Typography.Text style={{ minWidth: 56 }}>{t('bandRatio')}</Typography.Text>
            <Radio.Group
              size="small"
              optionType="button"
              disabled={disabled || b.edge === null}
              value={b.strict ? '>' : '≥'}
              aria-label={t('bandStrict', { n: i + 1 })}
              onChange={(e) => update({ ...b, strict: e.target.value === '>' })}
              options={[
                { value: '≥', label: '≥' },
                { value: '>', label: '>' },
              ]}
            />
            <PercentField
              label={t('bandEdge', { n: i + 1 })}
              testId={`band-edge-${i}`}
              nullable
              value={b.edge}
              disabled={disabled}
              onChange={(edge) => update({ ...b, edge })}
            />
            <Typography.Text>→</Typography.Text>
            <ScoreField
              label={t('bandPoints', { n: i + 1 })}
              testId={`band-points-${i}`}
              value={b.points}
              disabled={disabled}
              onChange={(points) => update({ ...b, points })}
            />
            <Typography.Text type="secondary">{t('pointsUnit')}</Typography.Text>
          </>
        )}
      />
    </div>
  );
}

function LinearFields({ rule, onChange, disabled }: FieldsProps<'linear'>) {
  const { t } = useI18n();
  return (
    <Space direction="vertical">
      <Typography.Text type="secondary">{t('linearHelp')}</Typography.Text>
      <Space wrap>
        <Typography.Text>{t('linearFloor')}</Typography.Text>
        <Radio.Group
          size="small"
          optionType="button"
          disabled={disabled}
          value={rule.floorStrict ? '>' : '≥'}
          aria-label={t('linearFloorStrict')}
          onChange={(e) => onChange({ ...rule, floorStrict: e.target.value === '>' })}
          options={[
            { value: '≥', label: '≥' },
            { value: '>', label: '>' },
          ]}
        />
        <PercentField
          label={t('linearFloor')}
          testId="linear-floor"
          value={rule.floor}
          disabled={disabled}
          onChange={(floor) => floor !== null && onChange({ ...rule, floor })}
        />
      </Space>
      <Space wrap>
        <Typography.Text>{t('linearFull')}</Typography.Text>
        <PercentField
          label={t('linearFull')}
          testId="linear-full"
          value={rule.full}
          disabled={disabled}
          onChange={(full) => full !== null && onChange({ ...rule, full })}
        />
      </Space>
    </Space>
  );
}

function CountFields({ rule, onChange, disabled, max }: FieldsProps<'count'>) {
  const { t } = useI18n();
  const byEach = rule.each !== null;
  const set = (bands: Of<'count'>['bands']) => onChange({ ...rule, bands });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Radio.Group
        size="small"
        disabled={disabled}
        value={byEach ? 'each' : 'bands'}
        aria-label={t('countMode')}
        onChange={(e) =>
          onChange(
            e.target.value === 'each'
              ? { ...rule, each: QUARTER, floor: null }
              : {
                  ...rule,
                  each: null,
                  floor: null,
                  bands: rule.bands.length > 0 ? rule.bands : [{ atMost: null, points: max ?? ZERO }],
                },
          )
        }
        options={[
          { value: 'bands', label: t('countModeBands') },
          { value: 'each', label: t('countModeEach') },
        ]}
      />
      {byEach ? (
        <Space wrap>
          <Typography.Text>{t('countEach')}</Typography.Text>
          <ScoreField
            label={t('countEach')}
            testId="count-each"
            value={rule.each!}
            disabled={disabled}
            onChange={(each) => onChange({ ...rule, each })}
          />
          <Typography.Text>{t('countFloor')}</Typography.Text>
          <ScoreField
            label={t('countFloor')}
            testId="count-floor"
            value={rule.floor ?? ZERO}
            disabled={disabled}
            onChange={(floor) => onChange({ ...rule, floor: floor.units === 0 ? null : floor })}
          />
        </Space>
      ) : (
        <EditableList
          items={rule.bands}
          set={set}
          disabled={disabled}
          testId="count-band"
          add={{
            testId: 'add-count-band',
            label: t('addBand'),
            onClick: () => onChange(insertCountBand(rule)),
          }}
          row={(b, i, update) => (
            <>
              <Typography.Text>{t('countAtMost')}</Typography.Text>
              <CountField
                label={t('countBandAtMost', { n: i + 1 })}
                testId={`count-at-most-${i}`}
                nullable
                value={b.atMost}
                disabled={disabled}
                onChange={(atMost) => update({ ...b, atMost })}
              />
              <Typography.Text>{t('countTimes')} →</Typography.Text>
              <ScoreField
                label={t('countBandPoints', { n: i + 1 })}
                testId={`count-points-${i}`}
                value={b.points}
                disabled={disabled}
                onChange={(points) => update({ ...b, points })}
              />
              <Typography.Text type="secondary">{t('pointsUnit')}</Typography.Text>
            </>
          )}
        />
      )}
    </Space>
  );
}

function PartsFields({ rule, onChange, disabled }: FieldsProps<'parts'>) {
  const { t } = useI18n();
  const set = (parts: Of<'parts'>['parts']) => onChange({ ...rule, parts });
  return (
    <EditableList
      items={rule.parts}
      set={set}
      disabled={disabled}
      testId="part"
      add={{
        testId: 'add-part',
        label: t('addPart'),
        onClick: () => set([...rule.parts, { label: '', points: ZERO, evidence: '' }]),
      }}
      row={(p, i, update) => (
        <>
          <Input
            aria-label={t('partLabel', { n: i + 1 })}
            value={p.label}
            disabled={disabled}
            style={{ flex: '1 1 220px', minWidth: 0 }}
            onChange={(e) => update({ ...p, label: e.target.value })}
          />
          <ScoreField
            label={t('partPoints', { n: i + 1 })}
            testId={`part-points-${i}`}
            value={p.points}
            disabled={disabled}
            onChange={(points) => update({ ...p, points })}
          />
          <Input
            aria-label={t('partEvidence', { n: i + 1 })}
            placeholder={t('partEvidencePlaceholder')}
            value={p.evidence}
            disabled={disabled}
            style={{ flex: '1 1 100%', minWidth: 0 }}
            onChange={(e) => update({ ...p, evidence: e.target.value })}
          />
        </>
      )}
    />
  );
}

function AllFields({ rule, onChange, disabled }: FieldsProps<'all'>) {
  const { t } = useI18n();
  const set = (conditions: string[]) => onChange({ ...rule, conditions });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <EditableList
        items={rule.conditions}
        set={set}
        disabled={disabled}
        testId="condition"
        add={{
          testId: 'add-condition',
          label: t('addCondition'),
          onClick: () => set([...rule.conditions, '']),
        }}
        row={(c, i, update) => (
          <>
            <Input
              aria-label={t('conditionLabel', { n: i + 1 })}
              value={c}
              disabled={disabled}
              style={{ flex: '1 1 260px', minWidth: 0 }}
              onChange={(e) => update(e.target.value)}
            />
          </>
        )}
      />
      <Space wrap>
        <Typography.Text>{t('allPoints')}</Typography.Text>
        <ScoreField
          label={t('allPoints')}
          testId="all-points"
          value={rule.points}
          disabled={disabled}
          onChange={(points) => onChange({ ...rule, points })}
        />
      </Space>
    </Space>
  );
}

function GateFields(props: FieldsProps<'gate'>) {
  const { t } = useI18n();
  const { rule, onChange, disabled, codes } = props;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('gateCode')}</Typography.Text>
        <Select<string>
          showSearch
          aria-label={t('gateCode')}
          data-testid="gate-code"
          value={rule.code === '' ? undefined : rule.code}
          placeholder={t('gateCodePlaceholder')}
          disabled={disabled}
          style={{ minWidth: 120 }}
          onChange={(code) => onChange({ ...rule, code })}
          options={codes.map((c) => ({ value: c, label: c }))}
        />
      </Space>
      <Typography.Text type="secondary">{t('gateHelp', { code: rule.code || '…' })}</Typography.Text>
      <div style={{ paddingInlineStart: 12, borderInlineStart: '3px solid #f0f0f0' }}>
        <RuleEditor
          {...props}
          inner
          rule={rule.rule}
          onChange={(inner) => onChange({ ...rule, rule: inner })}
        />
      </div>
    </Space>
  );
}

function ManualFields({ rule, onChange, disabled }: FieldsProps<'manual'>) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Typography.Text>{t('manualStep')}</Typography.Text>
      <ScoreField
        label={t('manualStep')}
        testId="manual-step"
        value={rule.step}
        disabled={disabled}
        onChange={(step) => onChange({ ...rule, step })}
      />
    </Space>
  );
}

function SurveyFields() {
  const { t } = useI18n();
  return <Typography.Text type="secondary">{t('surveyHelp')}</Typography.Text>;
}

function BonusFields({ rule, onChange, disabled }: FieldsProps<'bonus'>) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <Typography.Text>{t('bonusCap')}</Typography.Text>
      <ScoreField
        label={t('bonusCap')}
        testId="bonus-cap"
        value={rule.cap}
        disabled={disabled}
        onChange={(cap) => onChange({ ...rule, cap })}
      />
    </Space>
  );
}

function PenaltyFields({ rule, onChange, disabled }: FieldsProps<'penalty'>) {
  const { t } = useI18n();
  return (
    <Space direction="vertical">
      <Space wrap>
        <Typography.Text>{t('penaltyCap')}</Typography.Text>
        <ScoreField
          label={t('penaltyCap')}
          testId="penalty-cap"
          value={rule.cap}
          disabled={disabled}
          onChange={(cap) => onChange({ ...rule, cap })}
        />
      </Space>
      <Space wrap>
        <Radio.Group
          size="small"
          disabled={disabled}
          value={rule.each === null ? 'amount' : 'each'}
          aria-label={t('penaltyMode')}
          onChange={(e) => onChange({ ...rule, each: e.target.value === 'each' ? QUARTER : null })}
          options={[
            { value: 'amount', label: t('penaltyAmount') },
            { value: 'each', label: t('penaltyEach') },
          ]}
        />
        {rule.each !== null && (
          <ScoreField
            label={t('penaltyEach')}
            testId="penalty-each"
            value={rule.each}
            disabled={disabled}
            onChange={(each) => onChange({ ...rule, each })}
          />
        )}
      </Space>
    </Space>
  );
}
