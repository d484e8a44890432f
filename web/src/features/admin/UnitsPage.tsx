/** The units tree: kinds, parents and lineage (merged into, renamed to, dissolved); create and edit. */
import {
  BranchesOutlined,
  EditOutlined,
  InboxOutlined,
  PlusOutlined,
  SearchOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { fold } from '@core/text';
import type { UnitNode } from '@shared/api';
import { lazy, useMemo, useState, type Key } from 'react';
import { useI18n, type Translate } from '../../i18n/i18n';
import { fmtDate } from '../../ui/format';
import { LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { Forbidden } from './Forbidden';
import { errorText, kindLabel, unitForest, UNITS_KEY, useUnits, type UnitTreeNode } from './shared';
import { api } from '../../api/client';
import { WhenOpened } from '../lazy';
import '../../i18n/admin';

// the dialogs and the drawer load when first opened: the page shows the tree first
const UnitFormModal = lazy(() => import('./UnitForm').then((m) => ({ default: m.UnitFormModal })));
const LineageDrawer = lazy(() => import('./LineageDrawer').then((m) => ({ default: m.LineageDrawer })));
const UnitEventModal = lazy(() => import('./UnitEventForm').then((m) => ({ default: m.UnitEventModal })));
const UnitEventImport = lazy(() => import('./UnitEventForm').then((m) => ({ default: m.UnitEventImport })));

/** Keeps the units whose name matches and the units above them, so each match shows where it sits. */
function prune(nodes: readonly UnitTreeNode[], needle: string): UnitTreeNode[] {
  const kept: UnitTreeNode[] = [];
  for (const node of nodes) {
    const children = node.children ? prune(node.children, needle) : [];
    if (children.length > 0) kept.push({ ...node, children });
    else if (fold(node.name).includes(needle)) kept.push({ ...node, children: undefined });
  }
  return kept;
}

function parentKeys(nodes: readonly UnitTreeNode[], into: Key[] = []): Key[] {
  for (const node of nodes) {
    if (node.children) {
      into.push(node.id);
      parentKeys(node.children, into);
    }
  }
  return into;
}

/**
 * Above this many units the tree is drawn virtually (only the rows in view exist in the page): a
 * national installation holds thousands of units, all branches open by default.
 */
const VIRTUAL_FROM = 300;

/** How deep each unit sits, to hang a long name's wrapped lines under its first word. */
function depths(
  nodes: readonly UnitTreeNode[],
  depth = 0,
  into = new Map<number, number>(),
): Map<number, number> {
  for (const node of nodes) {
    into.set(node.id, depth);
    if (node.children) depths(node.children, depth + 1, into);
  }
  return into;
}

/** antd's tree table: 15px of indent per level, then a 17px expander with 8px after it. */
const INDENT = 15;
const EXPANDER = 25;

function lineageText(unit: UnitNode, byId: Map<number, UnitNode>, t: Translate, lang: 'vi' | 'en'): string {
  const successor =
    unit.successorId === null ? t('none') : (byId.get(unit.successorId)?.name ?? `#${unit.successorId}`);
  const parts: string[] = [];
  if (unit.lineage === 'merged' || unit.lineage === 'renamed')
    parts.push(t(`lineage_${unit.lineage}`, { name: successor }));
  else if (unit.lineage === 'dissolved') parts.push(t('lineage_dissolved'));
  else if (unit.lineage === 'split' || unit.lineage === 'moved') parts.push(t(`eventKind_${unit.lineage}`));
  else if (unit.lineage) parts.push(unit.lineage);
  if (unit.validTo) parts.push(t('lineageUntil', { date: fmtDate(unit.validTo, lang) }));
  return parts.join(' — ');
}

export default function UnitsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const units = useUnits(me.can.adminUnits);
  const [search, setSearch] = useState('');
  // what the reader folded, rather than what is open: a branch that appears later starts open
  const [collapsed, setCollapsed] = useState<ReadonlySet<Key>>(new Set());
  // mounted only while open, so each opening starts from the unit as it is now
  const [editing, setEditing] = useState<{ unit: UnitNode | null } | null>(null);
  // archived units are kept (plans and the trail name them) but hidden unless asked for
  const [showArchived, setShowArchived] = useState(false);
  // the lineage drawer of one unit; the reorganisation form; the list import
  const [lineageOf, setLineageOf] = useState<UnitNode | null>(null);
  const [recording, setRecording] = useState(false);
  const [importing, setImporting] = useState(false);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const setArchived = async (unit: UnitNode, archived: boolean) => {
    try {
      await api.updateUnit(unit.id, { archived });
      await qc.invalidateQueries({ queryKey: UNITS_KEY });
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const all = useMemo(() => units.data ?? [], [units.data]);
  const list = useMemo(() => (showArchived ? all : all.filter((u) => !u.archived)), [all, showArchived]);
  const byId = useMemo(() => new Map(list.map((u) => [u.id, u])), [list]);
  const forest = useMemo(() => unitForest(list), [list]);
  const needle = fold(search.trim());
  const shown = useMemo(() => (needle ? prune(forest, needle) : forest), [forest, needle]);
  const allKeys = useMemo(() => parentKeys(forest), [forest]);
  const depthOf = useMemo(() => depths(forest), [forest]);
  // a search opens every branch that leads to a match
  const expandedKeys = needle ? parentKeys(shown) : allKeys.filter((k) => !collapsed.has(k));

  if (!me.can.adminUnits) return <Forbidden />;
  if (units.error) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="baseline" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('unitsTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('unitsCount', { n: list.length })}</Typography.Text>
        </Space>
        <Space wrap>
          <Space>
            <Switch checked={showArchived} onChange={setShowArchived} aria-label={t('showArchived')} />
            {t('showArchived')}
          </Space>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('unitsSearch')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 340, maxWidth: '100%' }}
          />
          <Button onClick={() => setCollapsed(new Set())} disabled={Boolean(needle)}>
            {t('expandAll')}
          </Button>
          <Button onClick={() => setCollapsed(new Set(allKeys))} disabled={Boolean(needle)}>
            {t('collapseAll')}
          </Button>
          <Button icon={<BranchesOutlined />} onClick={() => setRecording(true)}>
            {t('eventRecord')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('eventImport')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })}>
            {t('newUnit')}
          </Button>
        </Space>
      </Space>
      <Table<UnitTreeNode>
        rowKey="id"
        size="small"
        loading={units.isLoading}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: needle ? t('noMatch') : t('unitsEmpty') }}
        virtual={list.length > VIRTUAL_FROM}
        scroll={list.length > VIRTUAL_FROM ? { x: 1110, y: 640 } : { x: 1110 }}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpandedRowsChange: (keys) => {
            if (!needle) setCollapsed(new Set(allKeys.filter((k) => !keys.includes(k))));
          },
        }}
        columns={[
          {
            title: t('unitName'),
            dataIndex: 'name',
            render: (_v, u) => (
              // a unit no longer in service stays listed (old plans name it) but steps back
              <Typography.Text
                type={u.lineage ? 'secondary' : undefined}
                style={{
                  display: 'inline-block',
                  verticalAlign: 'top',
                  maxWidth: `calc(100% - ${(depthOf.get(u.id) ?? 0) * INDENT + EXPANDER}px)`,
                }}
              >
                {u.name}
                {u.archived && <Tag style={{ marginInlineStart: 8 }}>{t('archivedTag')}</Tag>}
              </Typography.Text>
            ),
          },
          {
            title: t('unitKind'),
            width: 170,
            render: (_v, u) => <Tag>{kindLabel(u.kind, t)}</Tag>,
          },
          {
            title: t('unitParent'),
            width: 200,
            render: (_v, u) =>
              u.parentId === null ? t('none') : (byId.get(u.parentId)?.name ?? `#${u.parentId}`),
          },
          {
            title: t('unitLineage'),
            width: 300,
            render: (_v, u) => lineageText(u, byId, t, lang),
          },
          {
            title: t('colActions'),
            width: 340,
            render: (_v, u) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<BranchesOutlined />}
                  aria-label={`${t('lineageOpen')} ${u.name}`}
                  onClick={() => setLineageOf(u)}
                >
                  {t('lineageOpen')}
                </Button>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ unit: u })}>
                  {t('edit')}
                </Button>
                <Button
                  size="small"
                  icon={<InboxOutlined />}
                  aria-label={`${t(u.archived ? 'unarchiveUnit' : 'archiveUnit')} ${u.name}`}
                  onClick={() => void setArchived(u, !u.archived)}
                >
                  {t(u.archived ? 'unarchiveUnit' : 'archiveUnit')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <WhenOpened>
          <UnitFormModal unit={editing.unit} units={list} onClose={() => setEditing(null)} />
        </WhenOpened>
      )}
      {lineageOf && (
        <WhenOpened>
          <LineageDrawer unit={lineageOf} onClose={() => setLineageOf(null)} />
        </WhenOpened>
      )}
      {recording && (
        <WhenOpened>
          <UnitEventModal units={all} onClose={() => setRecording(false)} />
        </WhenOpened>
      )}
      {importing && (
        <WhenOpened>
          <UnitEventImport onClose={() => setImporting(false)} />
        </WhenOpened>
      )}
    </>
  );
}
