/**
 * The criteria frameworks (bộ tiêu chí): whose (unit group), which decision, which years, which
 * version and state, how many criteria and the max. Filters (group, year, state) are asked of the
 * server and kept in the address, as the plans list does.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Select, Space, Table, Typography } from 'antd';
import type { FrameworkState, FrameworkSummary } from '@shared/api';
import { compareVi } from '@core/collate';
import { UNIT_GROUPS, unitGroupName } from '@core/unit-groups';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { LoadError } from '../../ui/States';
import { isYear, oneOf } from '../../ui/listQuery';
import { useListParams } from '../../ui/useListParams';
import { useSession } from '../auth/session';
import { DecisionText, StateTag, yearsText } from './parts';
import '../../i18n/frameworks';

const STATES: readonly FrameworkState[] = ['draft', 'published', 'in-use'];
/** what the list's address takes */
const PARAMS = { group: oneOf(UNIT_GROUPS.map((g) => g.code)), year: isYear, state: oneOf(STATES) };

export default function FrameworksPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useListParams(PARAMS);
  const group = params.get('group') ?? undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const stateParam = params.get('state');
  const state = STATES.find((s) => s === stateParam);
  const list = useQuery({
    queryKey: ['frameworks', lang, group ?? '', year ?? '', state ?? ''],
    queryFn: () => api.frameworks({ group, year, state }),
    placeholderData: (previous) => previous,
  });
  // the choices of the year filter: the years of every framework, whatever the filters
  const all = useQuery({ queryKey: ['frameworks', lang, '', '', ''], queryFn: () => api.frameworks() });
  const years = [...new Set((all.data ?? []).flatMap((f) => yearRange(f.year, f.yearTo)))].sort(
    (a, b) => b - a,
  );

  const setFilter = (name: 'group' | 'year' | 'state', value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const filtered = group !== undefined || year !== undefined || state !== undefined;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('frameworksTitle')}
        </Typography.Title>
        {me.can.manageFrameworks && (
          <Link to="/frameworks/import">
            <Button type="primary" data-testid="framework-import">
              {t('frameworksImport')}
            </Button>
          </Link>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 12 }} data-testid="framework-filters">
        <Select
          allowClear
          style={{ width: 240, maxWidth: '100%' }}
          placeholder={t('filterGroup')}
          aria-label={t('filterGroup')}
          value={group}
          onChange={(v: string | undefined) => setFilter('group', v ?? null)}
          options={UNIT_GROUPS.map((g) => ({ value: g.code, label: g[lang] }))}
        />
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder={t('filterYear')}
          aria-label={t('filterYear')}
          value={year}
          onChange={(v: number | undefined) => setFilter('year', v === undefined ? null : String(v))}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('filterState')}
          aria-label={t('filterState')}
          value={state}
          onChange={(v: FrameworkState | undefined) => setFilter('state', v ?? null)}
          options={STATES.map((s) => ({ value: s, label: t(`state_${s}`) }))}
        />
      </Space>
      <Table<FrameworkSummary>
        rowKey="id"
        data-testid="frameworks-table"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('frameworksTotal', { n }) }}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: <Empty description={filtered ? t('frameworksNoMatch') : t('frameworksEmpty')} />,
        }}
        columns={[
          {
            title: t('colFramework'),
            dataIndex: 'name',
            sorter: (a, b) => compareVi(a.name, b.name),
            render: (_v, f) => (
              <>
                <Link to={`/frameworks/${f.id}`}>{f.name}</Link>
                {f.title && f.title !== f.name && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {f.title}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('colDecision'),
            width: 190,
            render: (_v, f) => <DecisionText number={f.decisionNumber} date={f.decisionDate} />,
          },
          {
            title: t('colGroup'),
            width: 190,
            render: (_v, f) => unitGroupName(f.unitGroup, lang),
          },
          {
            title: t('colYears'),
            width: 110,
            sorter: (a, b) => a.year - b.year,
            render: (_v, f) => yearsText(f, t),
          },
          { title: t('colVersion'), dataIndex: 'version', width: 90, align: 'right' },
          {
            title: t('colState'),
            width: 130,
            render: (_v, f) => <StateTag state={f.state} />,
          },
          { title: t('colCriteria'), dataIndex: 'criteria', width: 100, align: 'right' },
          { title: t('colMaxTotal'), width: 100, align: 'right', render: (_v, f) => fmt(f.max, lang) },
        ]}
      />
    </>
  );
}

function yearRange(from: number, to: number | null): number[] {
  const last = to ?? from;
  return last < from || last - from > 50
    ? [from]
    : Array.from({ length: last - from + 1 }, (_x, i) => from + i);
}
