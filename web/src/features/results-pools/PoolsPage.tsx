/**
 * /results/pools: the ranking pools (units ranked together) with their tie-break order and years,
 * and a pool's classification bands per year (label, lowest index, chart colour). Everyone who reads
 * results sees them; administrators of the whole installation (results.manage) create and edit pools
 * and replace a year's bands whole — the server checks the bands (core/ranking.ts#bandProblems) and
 * names each problem with the band's position.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { Pool, PoolBand } from '@shared/api/results';
import { lazy, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { WhenOpened } from '../lazy';
import { COMPONENTS, poolsApi, POOLS_KEY } from './api';
import '../../i18n/results-pools';

// a pool's form loads when its drawer first opens
const PoolDrawer = lazy(() => import('./PoolForm').then((m) => ({ default: m.PoolDrawer })));

const DECIMAL = /^\d{1,3}([.,]\d{1,4})?$/;

export default function PoolsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const canManage = me.can.manageResults;
  const [editing, setEditing] = useState<Pool | 'new' | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const list = useQuery({ queryKey: [...POOLS_KEY, lang], queryFn: poolsApi.list });
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const pools = list.data?.pools ?? [];
  const pool = pools.find((p) => p.id === selected) ?? pools[0] ?? null;
  const partLabel = (code: string) =>
    (COMPONENTS as readonly string[]).includes(code) ? t(`part_${code}` as MessageKey) : code;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('poolsTitle')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="pool-create">
            {t('poolsCreate')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('poolsIntro')}</Typography.Paragraph>
      {!canManage && <Alert type="info" showIcon message={t('bandsReadOnly')} style={{ marginBottom: 16 }} />}
      <Table<Pool>
        rowKey="id"
        data-testid="pools-table"
        loading={list.isLoading}
        dataSource={pools}
        pagination={false}
        rowClassName={(p) => (p.id === pool?.id ? 'ant-table-row-selected' : '')}
        onRow={(p) => ({ onClick: () => setSelected(p.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty description={t('poolsEmpty')} /> }}
        columns={[
          {
            title: t('colPool'),
            render: (_v, p) => (
              <>
                <Typography.Text strong>{p.name}</Typography.Text>
                {p.description && (
                  <div>
                    <Typography.Text type="secondary">{p.description}</Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('colPoolTieBreak'),
            width: 300,
            render: (_v, p) =>
              p.tieBreak.length === 0 ? (
                <Typography.Text type="secondary">{t('poolTieBreakNone')}</Typography.Text>
              ) : (
                p.tieBreak.map((code, i) => (
                  <Tag key={code}>
                    {i + 1}. {partLabel(code)}
                  </Tag>
                ))
              ),
          },
          {
            title: t('colPoolYears'),
            width: 220,
            render: (_v, p) => p.years.map((y) => <Tag key={y}>{y}</Tag>),
          },
          {
            title: '',
            width: 190,
            render: (_v, p) => (
              <Space>
                <Button size="small" onClick={() => setSelected(p.id)}>
                  {t('poolBands')}
                </Button>
                {canManage && (
                  <Button
                    size="small"
                    onClick={(e) => {
                      e.stopPropagation();
                      setEditing(p);
                    }}
                  >
                    {t('poolEdit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {pool && <BandsEditor key={pool.id} pool={pool} canManage={canManage} />}
      <WhenOpened open={editing !== null}>
        <PoolDrawer
          editing={editing}
          partLabel={partLabel}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setSelected(saved.id);
            setEditing(null);
          }}
        />
      </WhenOpened>
    </>
  );
}

interface BandRow extends PoolBand {
  key: number;
}

function BandsEditor({ pool, canManage }: { pool: Pool; canManage: boolean }) {
  const { t, lang } = useI18n();
  const [year, setYear] = useState<number>(pool.years[0] ?? new Date().getFullYear());
  const bands = useQuery({
    queryKey: [...POOLS_KEY, pool.id, 'bands', year, lang],
    queryFn: () => poolsApi.bands(pool.id, year),
  });
  return (
    <Card
      style={{ marginTop: 24 }}
      data-testid="bands-editor"
      title={t('bandsTitle', { pool: pool.name })}
      extra={
        <Space>
          <span>{t('bandsYear')}</span>
          <InputNumber
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v !== null && setYear(v)}
            data-testid="bands-year"
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('bandsIntro')}</Typography.Paragraph>
      {bands.error ? (
        <LoadError error={bands.error} onRetry={() => void bands.refetch()} />
      ) : bands.data ? (
        // a new reading (another year, or saved) starts the rows again from the server's
        <BandRows
          key={`${year}:${bands.dataUpdatedAt}`}
          poolId={pool.id}
          year={year}
          initial={bands.data.bands}
          canManage={canManage}
        />
      ) : (
        <Table loading dataSource={[]} pagination={false} />
      )}
    </Card>
  );
}

function BandRows({
  poolId,
  year,
  initial,
  canManage,
}: {
  poolId: number;
  year: number;
  initial: readonly PoolBand[];
  canManage: boolean;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [rows, setRows] = useState<BandRow[]>(() => initial.map((b, key) => ({ ...b, key })));
  const [nextKey, setNextKey] = useState(1000);
  const save = useMutation({
    mutationFn: () =>
      poolsApi.saveBands(poolId, year, {
        bands: rows.map(({ label, minIndex, colour }) => ({
          label: label.trim(),
          minIndex: minIndex.replace(',', '.'),
          colour,
        })),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: POOLS_KEY });
      void message.success(t('bandsSaved', { year }));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const change = (key: number, patch: Partial<PoolBand>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const invalid = rows.some((r) => !DECIMAL.test(r.minIndex) || Number(r.minIndex.replace(',', '.')) > 100);
  return (
    <>
      <Table<BandRow>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('bandsEmpty')} /> }}
        columns={[
          {
            title: t('colBandLabel'),
            render: (_v, r) =>
              canManage ? (
                <Input
                  value={r.label}
                  maxLength={60}
                  onChange={(e) => change(r.key, { label: e.target.value })}
                  data-testid="band-label"
                />
              ) : (
                <Tag color={r.colour || undefined}>{r.label}</Tag>
              ),
          },
          {
            title: t('colBandMin'),
            width: 160,
            render: (_v, r) =>
              canManage ? (
                <Input
                  value={r.minIndex}
                  status={DECIMAL.test(r.minIndex) ? undefined : 'error'}
                  title={DECIMAL.test(r.minIndex) ? undefined : t('bandMinInvalid')}
                  onChange={(e) => change(r.key, { minIndex: e.target.value })}
                  data-testid="band-min"
                />
              ) : (
                `≥ ${r.minIndex.replace('.', lang === 'vi' ? ',' : '.')}`
              ),
          },
          {
            title: t('colBandColour'),
            width: 160,
            render: (_v, r) =>
              canManage ? (
                <input
                  type="color"
                  aria-label={t('colBandColour')}
                  value={r.colour || '#999999'}
                  onChange={(e) => change(r.key, { colour: e.target.value })}
                />
              ) : (
                <span
                  style={{
                    display: 'inline-block',
                    width: 32,
                    height: 16,
                    background: r.colour || 'transparent',
                    border: '1px solid #d9d9d9',
                  }}
                />
              ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  width: 110,
                  render: (_v: unknown, r: BandRow) => (
                    <Button
                      size="small"
                      danger
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    >
                      {t('bandRemove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <Space style={{ marginTop: 12 }}>
          <Button
            onClick={() => {
              setRows((rs) => [...rs, { key: nextKey, label: '', minIndex: '0', colour: '' }]);
              setNextKey((k) => k + 1);
            }}
            data-testid="band-add"
          >
            {t('bandAdd')}
          </Button>
          <Button
            type="primary"
            disabled={invalid}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="bands-save"
          >
            {t('bandsSave', { year })}
          </Button>
        </Space>
      )}
    </>
  );
}
