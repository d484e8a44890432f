/**
 * "Đối chiếu": the previous version's criteria beside this version's, matched by code or by a close
 * name (proposed by the server) and confirmed or corrected by an officer — a correction is choosing
 * another criterion of this version, or none. Every confirmation is the server's audited action.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { Crosswalk, CrosswalkRow, FrameworkView } from '@shared/api';
import { api, errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../ui/format';
import { LoadError, Loading } from '../../ui/States';
import '../../i18n/frameworks';

const NONE = '\u0000none';

export function CrosswalkTab({ framework, editable }: { framework: FrameworkView; editable: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['crosswalk', framework.id, lang];
  const crosswalk = useQuery({
    queryKey: key,
    queryFn: () => api.crosswalk(framework.id),
    enabled: framework.previousId !== null,
  });
  const done = (data: Crosswalk) => {
    qc.setQueryData(key, data);
    void message.success(t('crosswalkSaved'), 2);
  };
  const propose = useMutation({
    mutationFn: () => api.proposeCrosswalk(framework.id),
    onSuccess: done,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const confirm = useMutation({
    mutationFn: (rows: { fromCode: string; toCode: string | null }[]) =>
      api.confirmCrosswalk(framework.id, { rows }),
    onSuccess: done,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const busy = propose.isPending || confirm.isPending;

  if (framework.previousId === null) return <Alert type="info" showIcon message={t('crosswalkNoPrevious')} />;
  if (crosswalk.error) return <LoadError error={crosswalk.error} onRetry={() => void crosswalk.refetch()} />;
  if (!crosswalk.data) return <Loading />;
  const cw = crosswalk.data;
  const proposed = cw.rows.filter((r) => r.status === 'proposed');
  const options = [
    { value: NONE, label: t('crosswalkNone') },
    ...framework.criteria.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` })),
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="crosswalk">
      <Typography.Text type="secondary">{t('crosswalkHelp')}</Typography.Text>
      {editable && (
        <Space wrap>
          <Button
            onClick={() => propose.mutate()}
            loading={propose.isPending}
            disabled={busy}
            data-testid="crosswalk-propose"
          >
            {t('crosswalkPropose')}
          </Button>
          <Button
            type="primary"
            disabled={busy || proposed.length === 0}
            onClick={() => confirm.mutate(proposed.map((r) => ({ fromCode: r.fromCode, toCode: r.toCode })))}
            data-testid="crosswalk-confirm-all"
          >
            {t('crosswalkConfirmAll')} ({proposed.length})
          </Button>
        </Space>
      )}
      <Table<CrosswalkRow>
        size="small"
        rowKey="fromCode"
        dataSource={cw.rows}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: <Empty description={t('crosswalkNone')} /> }}
        columns={[
          {
            title: `${t('crosswalkPrevious')} (${t('versionN', { n: cw.from.version })}, ${cw.from.year})`,
            width: 320,
            render: (_v, r) => (
              <span>
                <strong>{r.fromCode}</strong> {r.fromName}
              </span>
            ),
          },
          {
            title: `${t('crosswalkThis')} (${t('versionN', { n: cw.to.version })}, ${cw.to.year})`,
            width: 340,
            render: (_v, r) =>
              editable ? (
                <Select<string>
                  showSearch
                  optionFilterProp="label"
                  aria-label={`${t('crosswalkCorrect')} ${r.fromCode}`}
                  style={{ width: '100%' }}
                  disabled={busy}
                  value={r.toCode ?? NONE}
                  options={options}
                  onChange={(v) => confirm.mutate([{ fromCode: r.fromCode, toCode: v === NONE ? null : v }])}
                />
              ) : r.toCode === null ? (
                <Typography.Text type="secondary">{t('crosswalkNone')}</Typography.Text>
              ) : (
                <span>
                  <strong>{r.toCode}</strong> {r.toName}
                </span>
              ),
          },
          {
            title: t('crosswalkStatus'),
            width: 200,
            render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <Space size={4} wrap>
                  <Tag color={r.status === 'confirmed' ? 'green' : 'gold'}>{t(`crosswalk_${r.status}`)}</Tag>
                  {r.method !== null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`crosswalkBy_${r.method}`)}
                    </Typography.Text>
                  )}
                </Space>
                {r.status === 'confirmed' && r.by !== null && r.at !== null && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.by}, {fmtDateTime(r.at, lang)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '',
            width: 110,
            render: (_v, r) =>
              editable && r.status === 'proposed' ? (
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => confirm.mutate([{ fromCode: r.fromCode, toCode: r.toCode }])}
                >
                  {t('crosswalkConfirm')}
                </Button>
              ) : null,
          },
        ]}
      />
      {cw.unmatched.length > 0 && (
        <List
          size="small"
          header={<strong>{t('crosswalkUnmatched')}</strong>}
          dataSource={cw.unmatched}
          renderItem={(u) => (
            <List.Item>
              <strong>{u.code}</strong>&nbsp;{u.name}
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
