/** The audit trail: who changed what, when, from where, with the old and new value; filtered, paged, exported. */
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tooltip, Typography } from 'antd';
import type { AuditEntryView } from '@shared/api';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { Forbidden } from './Forbidden';
import { AuditFilters, filterParams, type AuditFilter } from './AuditFilters';
import { named, readableValue, type ValueContext } from './auditValues';
import { AUDIT_KEY, useRoles, useUnits } from './shared';

const PAGE_SIZES = [25, 50, 100, 200];

function Value({ field, text, ctx }: { field: string | null; text: string | null; ctx: ValueContext }) {
  if (text === null || text === '') return null;
  const readable = readableValue(field, text, ctx);
  return (
    <Typography.Paragraph
      title={readable === text ? undefined : text}
      ellipsis={{ rows: 4, expandable: 'collapsible' }}
      style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
    >
      {readable}
    </Typography.Paragraph>
  );
}

export default function AuditPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const roles = useRoles();
  const units = useUnits(me.can.adminUnits);
  const unitsById = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const ctx: ValueContext = { t, lang, roles: roles.data, units: unitsById };
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
    queryKey: [...AUDIT_KEY, params.toString()],
    queryFn: () => api.audit(params),
    placeholderData: keepPreviousData,
    enabled: me.can.readAudit,
  });
  const plans = useQuery({ queryKey: ['plans', lang], queryFn: api.plans });
  const planName = (id: number) => {
    const plan = plans.data?.find((p) => p.id === id);
    return plan ? `${plan.subject} — ${plan.year}` : `#${id}`;
  };

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
      <AuditFilters value={filter} onChange={setFilter} />
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
          scroll={{ x: 1300 }}
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
            {
              title: t('colWhen'),
              width: 150,
              render: (_v, e) => dayjs(e.at).format('DD/MM/YYYY HH:mm:ss'),
            },
            { title: t('colWho'), dataIndex: 'username', width: 110 },
            {
              title: t('colIp'),
              width: 110,
              // an IPv6 address has no place to wrap
              render: (_v, e) => <span style={{ wordBreak: 'break-all' }}>{e.ip}</span>,
            },
            {
              title: t('colAction'),
              width: 150,
              render: (_v, e) => (lang === 'vi' ? e.actionLabel : e.action),
            },
            {
              title: t('colEntity'),
              width: 130,
              render: (_v, e) =>
                `${named(t, 'entity_', e.entity)}${e.entityId === null ? '' : ` #${e.entityId}`}`,
            },
            {
              title: t('colPlan'),
              width: 150,
              render: (_v, e) => (e.planId === null ? '' : planName(e.planId)),
            },
            {
              title: t('colField'),
              width: 140,
              render: (_v, e) => (e.field === null ? '' : named(t, 'field_', e.field)),
            },
            // the values take what is left: they are what the reader came for
            { title: t('colOld'), render: (_v, e) => <Value field={e.field} text={e.oldValue} ctx={ctx} /> },
            { title: t('colNew'), render: (_v, e) => <Value field={e.field} text={e.newValue} ctx={ctx} /> },
          ]}
        />
      )}
    </>
  );
}
