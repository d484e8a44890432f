/**
 * A unit's lineage both ways (predecessors ← unit → successors, with dates and decisions) and its
 * "last year": the predecessors' plans of a year side by side and the rule chosen for the figure.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Input,
  InputNumber,
  List,
  Radio,
  Space,
  Table,
  Typography,
} from 'antd';
import type { LastYearView, LineageStepView, UnitNode } from '@shared/api';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n, type Translate } from '../../i18n/i18n';
import { fmt, fmtDate, fmtDateTime } from '../../ui/format';
import { LoadError } from '../../ui/States';
import { errorText, kindLabel } from './shared';
import '../../i18n/admin';

function stepText(s: LineageStepView, t: Translate, lang: 'vi' | 'en'): string {
  return t('lineageStep', {
    kind: t(`eventKind_${s.kind}`),
    date: s.date ? fmtDate(s.date, lang) : '?',
    decision: s.decision ? t('lineageDecision', { decision: s.decision }) : '',
  });
}

function Steps({ title, steps }: { title: string; steps: LineageStepView[] }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Typography.Title level={5}>{title}</Typography.Title>
      <List
        size="small"
        bordered
        locale={{ emptyText: t('lineageNone') }}
        dataSource={steps}
        renderItem={(s) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Typography.Text strong style={{ paddingInlineStart: (s.depth - 1) * 16 }}>
                {s.unit.name}
              </Typography.Text>
              <Typography.Text type="secondary">{stepText(s, t, lang)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

type Rule = 'largest' | 'average' | 'entered';

function LastYear({ unitId, defaultYear }: { unitId: number; defaultYear: number }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(defaultYear);
  const [rule, setRule] = useState<Rule>('largest');
  const [value, setValue] = useState('');
  const [saving, setSaving] = useState(false);
  const key = ['admin', 'last-year', unitId, year];
  const view = useQuery({ queryKey: key, queryFn: () => api.lastYear(unitId, year) });
  const save = async () => {
    setSaving(true);
    try {
      const next = await api.recordLastYear(unitId, { year, rule, value: rule === 'entered' ? value : null });
      qc.setQueryData<LastYearView>(key, next);
      void message.success(t('lastYearSaved'));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };
  const score = (v: string | null) => (v === null ? '—' : fmt(v, lang));
  const data = view.data;
  return (
    <>
      <Typography.Title level={5}>{t('lastYearTitle')}</Typography.Title>
      <Space style={{ marginBottom: 8 }}>
        {t('lastYearYear')}
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v !== null && setYear(v)} />
      </Space>
      {view.error && <LoadError error={view.error} onRetry={() => void view.refetch()} />}
      {data && data.predecessors.length === 0 && <Empty description={t('lastYearNoPredecessor')} />}
      {data && data.predecessors.length > 0 && (
        <>
          <Table
            size="small"
            rowKey={(r) => r.unit.id}
            pagination={false}
            dataSource={data.predecessors}
            scroll={{ x: 560 }}
            columns={[
              { title: t('lineagePredecessors'), render: (_v, r) => r.unit.name },
              {
                title: t('lastYearPlan'),
                render: (_v, r) =>
                  r.planId === null ? (
                    <Typography.Text type="secondary">{t('lastYearNoPlan')}</Typography.Text>
                  ) : (
                    <Link to={`/plans/${r.planId}`}>#{r.planId}</Link>
                  ),
              },
              { title: t('lastYearMax'), align: 'right', render: (_v, r) => score(r.max) },
              { title: t('lastYearBaseline'), align: 'right', render: (_v, r) => score(r.baseline) },
              { title: t('lastYearTarget'), align: 'right', render: (_v, r) => <b>{score(r.target)}</b> },
            ]}
          />
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8, margin: '12px 0' }}
            value={rule}
            onChange={(e) => setRule(e.target.value as Rule)}
          >
            <Radio value="largest" disabled={!data.largest}>
              {t('rule_largest', { value: data.largest ? score(data.largest.value) : t('ruleUnavailable') })}
            </Radio>
            <Radio value="average" disabled={!data.average}>
              {t('rule_average', { value: data.average ? score(data.average) : t('ruleUnavailable') })}
            </Radio>
            <Radio value="entered">
              <Space>
                {t('rule_entered')}
                <Input
                  aria-label={t('lastYearValue')}
                  style={{ width: 120 }}
                  value={value}
                  disabled={rule !== 'entered'}
                  onChange={(e) => setValue(e.target.value)}
                />
              </Space>
            </Radio>
          </Radio.Group>
          <Button type="primary" loading={saving} onClick={() => void save()}>
            {t('lastYearSave')}
          </Button>
          {data.recorded && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('lastYearRecorded', {
                value: score(data.recorded.value),
                rule: t(`rule_${data.recorded.rule}`, { value: '' }).replace(/:\s*$/, ''),
                user: data.recorded.username,
                time: fmtDateTime(data.recorded.at, lang),
              })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </>
  );
}

export function LineageDrawer({ unit, onClose }: { unit: UnitNode; onClose: () => void }) {
  const { t, lang } = useI18n();
  const lineage = useQuery({
    queryKey: ['admin', 'lineage', unit.id],
    queryFn: () => api.unitLineage(unit.id),
  });
  const data = lineage.data;
  // the figures' year: the year before the unit was formed, else last year
  const formed = data?.predecessors.find((s) => s.depth === 1 && s.date)?.date;
  const defaultYear = formed ? Number(formed.slice(0, 4)) : new Date().getFullYear() - 1;
  return (
    <Drawer open onClose={onClose} width={720} title={t('lineageTitle', { name: unit.name })}>
      {lineage.error && <LoadError error={lineage.error} onRetry={() => void lineage.refetch()} />}
      {data && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('unitKind')}>{kindLabel(data.unit.kind, t)}</Descriptions.Item>
            <Descriptions.Item label={t('lineageLifetime')}>
              {(data.unit.validFrom ? fmtDate(data.unit.validFrom, lang) : '…') +
                ' – ' +
                (data.unit.validTo ? fmtDate(data.unit.validTo, lang) : '…')}
            </Descriptions.Item>
          </Descriptions>
          <Steps title={`${t('lineagePredecessors')} ←`} steps={data.predecessors} />
          <Steps title={`→ ${t('lineageSuccessors')}`} steps={data.successors} />
          <LastYear key={defaultYear} unitId={unit.id} defaultYear={defaultYear} />
        </Space>
      )}
    </Drawer>
  );
}
