/**
 * What replacing a stored plan by the uploaded one changes, row by row (old → new), and how many
 * tasks would lose their follow-up — shown before anything is written.
 */
import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { PlanDiffView } from '@shared/api';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import '../../i18n/imports';

type Change = PlanDiffView['rows'][number]['changes'][number];

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'blue' } as const;
const SCORES: readonly Change['field'][] = ['max', 'baseline', 'target'];

export function PlanDiff({ diff }: { diff: PlanDiffView }) {
  const { t, lang } = useI18n();
  const value = (c: Change, v: string | null) => {
    if (v === null || v === '') return <Typography.Text type="secondary">—</Typography.Text>;
    return SCORES.includes(c.field) ? fmt(v, lang) : <span style={{ whiteSpace: 'pre-line' }}>{v}</span>;
  };
  return (
    <div data-testid="plan-diff" style={{ marginBottom: 12 }}>
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        {t('diffTitle')}:{' '}
        {t('diffSummary', {
          changed: diff.changed,
          added: diff.added,
          removed: diff.removed,
          moved: diff.moved,
        })}
      </Typography.Paragraph>
      <Alert
        data-testid="diff-lost"
        type={diff.lostFollowUp > 0 ? 'warning' : 'success'}
        showIcon
        message={diff.lostFollowUp > 0 ? t('diffLost', { n: diff.lostFollowUp }) : t('diffKeepsAll')}
        style={{ marginBottom: 8 }}
      />
      <Table
        size="small"
        rowKey="code"
        pagination={diff.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 760 }}
        dataSource={diff.rows}
        columns={[
          { title: t('colCode'), dataIndex: 'code', width: 80 },
          {
            title: t('colCriterion'),
            width: 240,
            render: (_v, r) => (
              <Space direction="vertical" size={2}>
                <span>{r.name}</span>
                <Space size={4} wrap>
                  <Tag color={KIND_COLOR[r.kind]}>{t(`diffKind_${r.kind}`)}</Tag>
                  {r.movedFrom !== null && <Tag>{t('diffMovedFrom', { code: r.movedFrom })}</Tag>}
                  {r.lostFollowUp > 0 && <Tag color="orange">{t('diffLostRow')}</Tag>}
                </Space>
              </Space>
            ),
          },
          {
            title: t('colChanges'),
            render: (_v, r) => (
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                {r.changes.map((c) => (
                  <div key={c.field} data-testid="diff-change">
                    <Typography.Text strong>{t(`diffField_${c.field}`)}: </Typography.Text>
                    {r.kind === 'changed' ? (
                      <>
                        <Typography.Text delete type="secondary">
                          {value(c, c.old)}
                        </Typography.Text>
                        {' → '}
                        {value(c, c.new)}
                      </>
                    ) : (
                      value(c, r.kind === 'added' ? c.new : c.old)
                    )}
                  </div>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
