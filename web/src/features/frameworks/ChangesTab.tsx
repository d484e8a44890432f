/**
 * "Thay đổi so với phiên bản trước": the server's diff by code — criteria added, removed, and for
 * those changed each field old → new; a rule is worded (its kind and its numbers), not shown as JSON.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Space, Table, Tag, Typography } from 'antd';
import type { FrameworkDiff, FrameworkView } from '@shared/api';
import type { ScoringRule } from '@core/framework';
import { describeRule } from '@core/rule-text';
import { api } from '../../api/client';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { LoadError, Loading } from '../../ui/States';
import '../../i18n/frameworks';

type DiffRow = FrameworkDiff['rows'][number];
type Change = DiffRow['changes'][number];

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'orange' } as const;
const KIND_KEY = { added: 'changeAdded', removed: 'changeRemoved', changed: 'changeChanged' } as const;

export function ChangesTab({ framework }: { framework: FrameworkView }) {
  const { t, lang } = useI18n();
  const diff = useQuery({
    queryKey: ['framework-diff', framework.id, lang],
    queryFn: () => api.frameworkDiff(framework.id),
    enabled: framework.previousId !== null,
  });
  if (framework.previousId === null) return <Alert type="info" showIcon message={t('changesNoPrevious')} />;
  if (diff.error) return <LoadError error={diff.error} onRetry={() => void diff.refetch()} />;
  if (!diff.data) return <Loading />;
  const d = diff.data;
  if (d.from === null) return <Alert type="info" showIcon message={t('changesNoPrevious')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="framework-changes">
      <Typography.Text strong>
        {t('versionN', { n: d.from.version })} → {t('versionN', { n: d.to.version })}:{' '}
        {t('changesSummary', { changed: d.changed, added: d.added, removed: d.removed })}
      </Typography.Text>
      <Table<DiffRow>
        size="small"
        rowKey={(r) => `${r.kind}:${r.code}`}
        dataSource={d.rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('changesNone')} /> }}
        columns={[
          { title: t('colCode'), dataIndex: 'code', width: 90 },
          { title: t('colCriterion'), dataIndex: 'name', width: 260 },
          {
            title: t('colChange'),
            width: 90,
            render: (_v, r) => <Tag color={KIND_COLOR[r.kind]}>{t(KIND_KEY[r.kind])}</Tag>,
          },
          {
            title: `${t('colBefore')} → ${t('colAfter')}`,
            render: (_v, r) => <ChangeList row={r} />,
          },
        ]}
      />
    </Space>
  );
}

function ChangeList({ row }: { row: DiffRow }) {
  const { t, lang } = useI18n();
  if (row.kind !== 'changed') {
    const rule = row.kind === 'added' ? row.newRule : row.oldRule;
    return rule ? <Typography.Text type="secondary">{describeRule(rule, lang)}</Typography.Text> : null;
  }
  return (
    <Space direction="vertical" size={2}>
      {row.changes.map((c) => (
        <div key={c.field}>
          <Typography.Text type="secondary">{t(`field_${c.field}` as MessageKey)}: </Typography.Text>
          <Typography.Text delete style={{ whiteSpace: 'pre-line' }}>
            {valueText(c, 'old', row, t, lang)}
          </Typography.Text>
          {' → '}
          <span style={{ whiteSpace: 'pre-line' }}>{valueText(c, 'new', row, t, lang)}</span>
        </div>
      ))}
    </Space>
  );
}

function valueText(c: Change, side: 'old' | 'new', row: DiffRow, t: Translate, lang: 'vi' | 'en'): string {
  const value = c[side];
  if (c.field === 'rule') {
    const rule: ScoringRule | null = side === 'old' ? row.oldRule : row.newRule;
    return rule ? describeRule(rule, lang) : t('none');
  }
  if (value === null || value === '') return t('none');
  if (c.field === 'max') return fmt(value, lang);
  if (c.field === 'scorer') return t(`scorer_${value}` as MessageKey);
  if (c.field === 'notApplicable') return t(`na_${value}` as MessageKey);
  return value;
}
