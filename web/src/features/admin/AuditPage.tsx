/** The audit trail: who changed what, when, from where, with the old and new value; filtered, paged, exported. */
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tooltip, Typography } from 'antd';
import type { AuditEntryView } from '@shared/api';
import { lazy, useCallback, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { InPlace } from '../lazy';
import { Forbidden } from './Forbidden';
import { AUDIT_KEY, filterParams, type AuditFilter } from './shared';
import '../../i18n/admin';

// the filters' pickers (unit tree, date range) arrive just after the trail; their row holds its place
const AuditFilters = lazy(() => import('./AuditFilters').then((m) => ({ default: m.AuditFilters })));
const FILTERS_ROW = <div style={{ height: 32, marginBottom: 16 }} />;

const PAGE_SIZES = [25, 50, 100, 200];

/**
 * A value as the server worded it (details kept as JSON come as "label: value" lines); the stored
 * form on hover when they differ and it is a single value, not JSON.
 */
function Value({ stored, text }: { stored: string | null; text: string | null }) {
  if (text === null || text === '') return null;
  const hover = stored === null || text === stored || /^\s*[[{]/.test(stored) ? undefined : stored;
  return (
    <Typography.Paragraph
      title={hover}
      ellipsis={{ rows: 4, expandable: 'collapsible' }}
      style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      {text}
    </Typography.Paragraph>
  );
}

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [filter, setFilterState] = useState<AuditFilter>({});
  const [page, setPage] = useState({ current: 1, size: 50 });
  const setFilter = useCallback((next: AuditFilter) => {
    setFilterState(next);
    setPage((p) => ({ ...p, current: 1 }));
  }, []);

  const params = filterParams(filter);
  params.set('limit', String(page.size));
  params.set('offset', String((page.current - 1) * page.size));
  const audit = useQuery({
    queryKey: [...AUDIT_KEY, lang, params.toString()],
    queryFn: () => api.audit(params),
    placeholderData: keepPreviousData,
    enabled: me.can.readAudit,
  });

  if (!me.can.readAudit) return <Forbidden />;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('auditTitle')}
        </Typography.Title>
        <Tooltip title={t('auditExportHint')}>
          <Button icon={<DownloadOutlined />} href={api.auditExportUrl(filterParams(filter))} download>
            {t('downloadXlsx')}
          </Button>
        </Tooltip>
      </Space>
      <InPlace fallback={FILTERS_ROW}>
        <AuditFilters value={filter} onChange={setFilter} />
      </InPlace>
      {audit.error ? (
        <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <Table<AuditEntryView>
          rowKey="id"
          size="small"
          bordered
          loading={audit.isFetching}
          dataSource={audit.data?.entries ?? []}
          locale={{ emptyText: t('auditEmpty') }}
          scroll={{ x: 1250 }}
          tableLayout="fixed"
          pagination={{
            current: page.current,
            pageSize: page.size,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => t('auditTotal', { n: n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') }),
            onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
          }}
          columns={[
            { title: t('colWhen'), width: 150, render: (_v, e) => e.time },
            { title: t('colWho'), dataIndex: 'username', width: 110 },
            {
              title: t('colIp'),
              width: 110,
              // an IPv6 address has no place to wrap
              render: (_v, e) => <span style={{ wordBreak: 'break-all' }}>{e.ip}</span>,
            },
            { title: t('colAction'), width: 150, render: (_v, e) => e.actionLabel },
            { title: t('colEntity'), width: 200, render: (_v, e) => e.entityLabel },
            { title: t('colPlan'), width: 150, render: (_v, e) => e.planLabel ?? '' },
            { title: t('colField'), width: 120, render: (_v, e) => e.fieldLabel ?? '' },
            // the values take what is left: they are what the reader came for
            { title: t('colOld'), render: (_v, e) => <Value stored={e.oldValue} text={e.oldText} /> },
            { title: t('colNew'), render: (_v, e) => <Value stored={e.newValue} text={e.newText} /> },
          ]}
        />
      )}
    </>
  );
}
