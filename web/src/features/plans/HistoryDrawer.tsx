/** The audit trail of one criterion row: its scores and its task, newest first. */
import { useQuery } from '@tanstack/react-query';
import { Drawer, Empty, Table, Typography } from 'antd';
import type { AuditEntryView } from '@shared/api';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { RowModel } from './model';
import '../../i18n/plans';

export function HistoryDrawer({
  planId,
  row,
  onClose,
}: {
  planId: number;
  row: RowModel | null;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const itemId = row?.row.itemId ?? 0;
  const history = useQuery({
    queryKey: ['history', planId, itemId, lang],
    queryFn: () => api.history(planId, itemId),
    enabled: row !== null,
  });
  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      size={760}
      styles={{ wrapper: { maxWidth: '100vw' } }}
      title={row ? `${t('history')} — ${row.key}. ${row.row.name}` : ''}
      destroyOnHidden
    >
      <Table<AuditEntryView>
        size="small"
        rowKey="id"
        loading={history.isLoading}
        dataSource={history.data ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty description={t('historyNone')} /> }}
        columns={[
          { title: t('colWhen'), width: 130, render: (_v, e) => e.time },
          { title: t('colWho'), dataIndex: 'username', width: 100 },
          { title: t('colAction'), width: 140, render: (_v, e) => e.actionLabel },
          { title: t('colField'), width: 100, render: (_v, e) => e.fieldLabel ?? '' },
          {
            title: t('colOld'),
            render: (_v, e) => (
              <Typography.Text delete style={{ whiteSpace: 'pre-line' }}>
                {e.oldText}
              </Typography.Text>
            ),
          },
          {
            title: t('colNew'),
            render: (_v, e) => <span style={{ whiteSpace: 'pre-line' }}>{e.newText}</span>,
          },
        ]}
      />
    </Drawer>
  );
}
