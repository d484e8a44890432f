/**
 * One criterion opened from the tree: the method as the document wrote it, who scores it and what
 * "not applicable" does, the rule editor for its kind, Save (with the version the page saw), and
 * "Thử tính điểm" scoring the rule as it stands in the editor, saved or not. A frozen framework
 * shows all of it read-only.
 */
import { Alert, Button, Card, Descriptions, Drawer, Grid, Select, Space, Tag, Typography } from 'antd';
import type { FrameworkCriterionView } from '@shared/api';
import {
  NOT_APPLICABLE_POLICIES,
  SCORERS,
  type NotApplicablePolicy,
  type Scorer,
  type ScoringRule,
} from '@core/framework';
import { describeRule } from '@core/rule-text';
import { useMemo, useState } from 'react';
import { findingMessage } from '@core/findings';
import { useI18n } from '../../i18n/i18n';
import { fmt, scoreOf } from '../../ui/format';
import { FieldValidity, useFieldValidity } from './fields';
import { findingsWithRule } from './checks';
import { QUARTER, ruleGaps, sameRule } from './model';
import { RuleEditor } from './RuleEditor';
import { TryIt } from './TryIt';
import type { FrameworkActions } from './useFramework';
import '../../i18n/frameworks';

export function CriterionDrawer(props: {
  criterion: FrameworkCriterionView | null;
  criteria: readonly FrameworkCriterionView[];
  editable: boolean;
  actions: FrameworkActions;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const c = props.criterion;
  return (
    <Drawer
      open={c !== null}
      onClose={props.onClose}
      size={screens.md ? 760 : '100%'}
      styles={{ wrapper: { maxWidth: '100vw' } }}
      title={c ? `${t('criterionTitle', { code: c.rawCode || c.code })}` : ''}
      destroyOnHidden
    >
      {/* keyed by criterion: another criterion starts from its own rule */}
      {c && <CriterionPanel key={c.id} {...props} criterion={c} />}
    </Drawer>
  );
}

function CriterionPanel(props: {
  criterion: FrameworkCriterionView;
  criteria: readonly FrameworkCriterionView[];
  editable: boolean;
  actions: FrameworkActions;
}) {
  const { t, lang } = useI18n();
  const c = props.criterion;
  const max = scoreOf(c.max);
  // a leaf the document left without a rule starts as scored by hand
  const [rule, setRule] = useState<ScoringRule | null>(c.rule ?? { kind: 'manual', step: QUARTER });
  const [scorer, setScorer] = useState<Scorer>(c.scorer);
  const [notApplicable, setNotApplicable] = useState<NotApplicablePolicy>(c.notApplicable);
  const validity = useFieldValidity();
  const dirty = !sameRule(rule, c.rule) || scorer !== c.scorer || notApplicable !== c.notApplicable;
  const gaps = rule === null ? 0 : ruleGaps(rule);
  const blocked = validity.invalid + gaps;
  const disabled = !props.editable || props.actions.saving;
  // the checker on the rule as edited: what publishing would say about it
  const findings = useMemo(
    () => (rule === null ? [] : findingsWithRule(props.criteria, c.code, rule)),
    [props.criteria, c.code, rule],
  );
  const codes = useMemo(
    () => props.criteria.map((x) => x.code).filter((x) => x !== c.code),
    [props.criteria, c.code],
  );

  const save = async () => {
    await props.actions.saveCriterion(c.id, c.code, {
      version: c.version,
      ...(sameRule(rule, c.rule) || rule === null ? {} : { rule }),
      ...(scorer === c.scorer ? {} : { scorer }),
      ...(notApplicable === c.notApplicable ? {} : { notApplicable }),
    });
  };
  const undo = () => {
    setRule(c.rule);
    setScorer(c.scorer);
    setNotApplicable(c.notApplicable);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="criterion-drawer">
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {c.name}
        </Typography.Title>
        <Typography.Text strong data-testid="criterion-max">
          {t('criterionMax', { max: fmt(max, lang) || t('none') })}
        </Typography.Text>
      </div>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'method',
            label: t('methodAsWritten'),
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }} data-testid="method-text">
                {c.method || t('none')}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'evidence',
            label: t('evidenceLabel'),
            children: <span style={{ whiteSpace: 'pre-line' }}>{c.evidence || t('none')}</span>,
          },
          {
            key: 'followedBy',
            label: t('followedByLabel'),
            children: c.followedBy?.name ?? c.followedByText ?? t('none'),
          },
          {
            key: 'scorer',
            label: t('scorerLabel'),
            children: (
              <Select<Scorer>
                aria-label={t('scorerLabel')}
                value={scorer}
                disabled={disabled}
                style={{ minWidth: 200 }}
                onChange={setScorer}
                options={SCORERS.map((s) => ({ value: s, label: t(`scorer_${s}`) }))}
              />
            ),
          },
          {
            key: 'na',
            label: t('notApplicableLabel'),
            children: (
              <Select<NotApplicablePolicy>
                aria-label={t('notApplicableLabel')}
                value={notApplicable}
                disabled={disabled}
                style={{ minWidth: 200 }}
                onChange={setNotApplicable}
                options={NOT_APPLICABLE_POLICIES.map((p) => ({ value: p, label: t(`na_${p}`) }))}
              />
            ),
          },
        ]}
      />
      {rule !== null && (
        <Card
          size="small"
          title={t('ruleTitle')}
          extra={dirty ? <Tag color="orange">{t('ruleChanged')}</Tag> : null}
        >
          <Typography.Paragraph type="secondary" data-testid="rule-words" style={{ whiteSpace: 'pre-line' }}>
            {t('methodFromRule')}: {describeRule(rule, lang, max)}
          </Typography.Paragraph>
          <FieldValidity.Provider value={validity.report}>
            <RuleEditor rule={rule} max={max} onChange={setRule} disabled={disabled} codes={codes} />
          </FieldValidity.Provider>
          {findings.length > 0 && (
            <Alert
              type={findings.some((f) => f.severity === 'error') ? 'error' : 'warning'}
              showIcon
              data-testid="rule-findings"
              style={{ marginTop: 12 }}
              message={t('ruleProblems')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {findings.map((f, i) => (
                    <li key={i}>{findingMessage(f, lang)}</li>
                  ))}
                </ul>
              }
            />
          )}
        </Card>
      )}
      {props.editable && (
        <Space wrap>
          <Button
            type="primary"
            data-testid="save-criterion"
            disabled={!dirty || blocked > 0}
            loading={props.actions.saving}
            onClick={() => void save()}
          >
            {t('save')}
          </Button>
          <Button disabled={!dirty || props.actions.saving} onClick={undo}>
            {t('undoChanges')}
          </Button>
          {blocked > 0 && (
            <Typography.Text type="danger">{t('fieldsInvalid', { n: blocked })}</Typography.Text>
          )}
        </Space>
      )}
      {rule !== null && (
        <Card size="small" title={t('tryTitle')}>
          <Typography.Paragraph type="secondary">{t('tryHelp')}</Typography.Paragraph>
          <TryIt rule={rule} max={max} notApplicable={notApplicable} />
        </Card>
      )}
    </Space>
  );
}
