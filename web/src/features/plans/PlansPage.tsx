/**
 * The list of plans: whose, which year, the live totals, the progress of their tasks, the findings
 * to look at, the last change. Search (without diacritics) and filters (year, unit, with errors,
 * with overdue tasks) are asked of the server and kept in the address, so a filtered list can be
 * shared or reloaded.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Progress, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { PlanListItem } from '@shared/api';
import { SEARCH_TEXT_MAX } from '@shared/limits';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { compareVi } from '@core/collate';
import { fmt, fmtDateTime } from '../../ui/format';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { useDebounced } from '../../ui/useDebounced';
import { isId, isPage, isSearch, isYear, oneOf } from '../../ui/listQuery';
import { useListParams, usePageWithinList } from '../../ui/useListParams';
import { SubjectFilter } from './SubjectFilter';
import '../../i18n/plans';

const FILTERS = ['q', 'year', 'unit', 'hasErrors', 'overdue', 'archived'] as const;
const PAGE_SIZES = [20, 50, 100, 200];
/** what the list's address takes (the switches set "1" or nothing) */
const PARAMS = {
  q: isSearch,
  year: isYear,
  unit: isId,
  hasErrors: oneOf(['1']),
  overdue: oneOf(['1']),
  archived: oneOf(['1']),
  page: isPage,
  pageSize: oneOf(PAGE_SIZES),
};

export default function PlansPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useListParams(PARAMS);
  const filters = useMemo(() => {
    const query = new URLSearchParams();
    for (const name of FILTERS) {
      const value = params.get(name);
      if (value) query.set(name, value);
    }
    return query;
  }, [params]);
  const filtered = filters.size > 0;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 50);
  const showArchived = params.get('archived') === '1';
  // the year filter's choices come from the server, the unit filter's as typed (SubjectFilter); the
  // list itself only page by page
  const choices = useQuery({
    queryKey: ['plans', 'choices', lang, showArchived],
    queryFn: () => api.planChoices(showArchived),
  });
  // the page shown: filtered, sorted and cut by the server
  const plans = useQuery({
    queryKey: ['plans', lang, filters.toString(), page, pageSize],
    queryFn: () => {
      const query = new URLSearchParams(filters);
      query.set('limit', String(pageSize));
      query.set('offset', String((page - 1) * pageSize));
      return api.plansPage(query);
    },
    placeholderData: (previous) => previous,
  });
  usePageWithinList(page, pageSize, plans.isPlaceholderData ? undefined : plans.data?.total, setParams);

  const [search, setSearch] = useState(params.get('q') ?? '');
  const typed = useDebounced(search.trim());
  const setFilter = (name: (typeof FILTERS)[number], value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
        // another filter: back to its first page
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  // the search is sent a moment after typing stops
  useEffect(() => {
    if (typed !== (params.get('q') ?? '')) setFilter('q', typed);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text sends it
  }, [typed]);

  const years = choices.data?.years ?? [];
  const setShowArchived = (on: boolean) => setFilter('archived', on ? '1' : null);

  if (plans.error) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('plansTitle')}
        </Typography.Title>
        <Space wrap>
          <Space>
            <Switch checked={showArchived} onChange={setShowArchived} aria-label={t('showArchived')} />
            {t('showArchived')}
          </Space>
          {/* only for an account the server lets import (plan.import) */}
          {me.can.import && (
            <Link to="/import">
              <Button type="primary">{t('navImport')}</Button>
            </Link>
          )}
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 12 }} data-testid="plan-filters">
        <Input.Search
          allowClear
          style={{ width: 340, maxWidth: '100%' }}
          placeholder={t('plansSearch')}
          aria-label={t('plansSearch')}
          maxLength={SEARCH_TEXT_MAX}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => {
            setSearch(v);
            setFilter('q', v.trim());
          }}
        />
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder={t('filterYear')}
          aria-label={t('filterYear')}
          value={params.get('year') ? Number(params.get('year')) : undefined}
          onChange={(v: number | undefined) => setFilter('year', v === undefined ? null : String(v))}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        <SubjectFilter
          value={params.get('unit') ? Number(params.get('unit')) : undefined}
          archived={showArchived}
          onChange={(v) => setFilter('unit', v === undefined ? null : String(v))}
        />
        <Space>
          <Switch
            checked={params.get('hasErrors') === '1'}
            onChange={(on) => setFilter('hasErrors', on ? '1' : null)}
            aria-label={t('onlyWithErrors')}
          />
          {t('onlyWithErrors')}
        </Space>
        <Space>
          <Switch
            checked={params.get('overdue') === '1'}
            onChange={(on) => setFilter('overdue', on ? '1' : null)}
            aria-label={t('onlyOverduePlans')}
          />
          {t('onlyOverduePlans')}
        </Space>
      </Space>
      <Table<PlanListItem>
        rowKey="id"
        loading={plans.isLoading}
        dataSource={plans.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: plans.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          hideOnSinglePage: false,
          showTotal: (total) => t('plansTotal', { n: total }),
          onChange: (nextPage, nextSize) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (nextSize !== pageSize) next.delete('page');
                else if (nextPage > 1) next.set('page', String(nextPage));
                else next.delete('page');
                if (nextSize !== 50) next.set('pageSize', String(nextSize));
                else next.delete('pageSize');
                return next;
              },
              { replace: true },
            ),
        }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={filtered ? t('plansNoMatch') : t('plansEmpty')} /> }}
        columns={[
          {
            title: t('colSubject'),
            dataIndex: 'subject',
            render: (_v, p) => (
              <>
                <Link to={`/plans/${p.id}`}>{p.subject}</Link>
                {/* the same name for two units: the path tells them apart */}
                {p.subjectShared && p.subjectPath.length > 1 && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {p.subjectPath.join(' › ')}
                  </Typography.Text>
                )}
                {p.archived && <Tag style={{ marginInlineStart: 8 }}>{t('archivedTag')}</Tag>}
              </>
            ),
            sorter: (a, b) => compareVi(a.subject, b.subject),
          },
          { title: t('colYear'), dataIndex: 'year', width: 80, sorter: (a, b) => a.year - b.year },
          { title: t('colCriteria'), dataIndex: 'criteria', width: 100, align: 'right' },
          {
            title: t('colBaselineTotal'),
            width: 130,
            align: 'right',
            render: (_v, p) => fmt(p.totals.baseline, lang),
          },
          {
            title: t('colTargetTotal'),
            width: 110,
            align: 'right',
            render: (_v, p) => fmt(p.totals.target, lang),
          },
          { title: t('colMaxTotal'), width: 110, align: 'right', render: (_v, p) => fmt(p.totals.max, lang) },
          {
            title: t('colTasksDone'),
            width: 170,
            sorter: (a, b) => donePercent(a) - donePercent(b),
            render: (_v, p) => (
              <div data-testid={`progress-${p.id}`}>
                <Progress
                  size="small"
                  percent={donePercent(p)}
                  format={(pct) => `${pct}% (${p.tasksDone}/${p.tasks})`}
                />
                {p.overdue > 0 && (
                  <Tag color="red">
                    {t('overdue')}: {p.overdue}
                  </Tag>
                )}
              </div>
            ),
          },
          {
            title: t('colFindings'),
            width: 200,
            render: (_v, p) =>
              p.errors + p.warnings === 0 ? (
                <Tag color="green">{t('noFindings')}</Tag>
              ) : (
                <Space size={4} wrap>
                  {p.errors > 0 && <Tag color="red">{t('errorsCount', { n: p.errors })}</Tag>}
                  {p.warnings > 0 && <Tag color="orange">{t('warningsCount', { n: p.warnings })}</Tag>}
                </Space>
              ),
          },
          { title: t('colUpdated'), width: 160, render: (_v, p) => fmtDateTime(p.updatedAt, lang) },
        ]}
      />
    </>
  );
}

function donePercent(p: PlanListItem): number {
  return p.tasks === 0 ? 0 : Math.round((p.tasksDone / p.tasks) * 100);
}
