/**
 * The criteria tree: code, criterion, max, baseline, target, planned gain, task and lead units, with
 * the checker's findings on their rows. Leaves' scores, tasks and units are edited in place; a
 * parent's values are the stated ones, which every edit keeps equal to the sum of its children.
 */
import { CloseCircleFilled, HistoryOutlined, InfoCircleFilled, WarningFilled } from '@ant-design/icons';
import { Button, Empty, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { findingMessage } from '@core/findings';
import { useEffect, useMemo, useState } from 'react';
import type { Finding, PlanView, UnitRef } from '@shared/api';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { EditableScore, EditableText, UnitPicker } from '../../ui/editable';
import { fmt, fmtSigned, scoreOf } from '../../ui/format';
import { KeptValue } from '../../ui/KeptValue';
import { allRows, filterTree, leadUnitOptions, visibleCodes, type PlanModel, type RowModel } from './model';
import { HistoryDrawer } from './HistoryDrawer';
import type { PlanEdits } from './usePlan';
import '../../i18n/plans';

export function FindingIcon({ findings }: { findings: readonly Finding[] }) {
  const { lang, t } = useI18n();
  if (findings.length === 0) return null;
  // a finding kept as written is acknowledged, not open: it no longer marks the row as an error
  const open = findings.filter((f) => !f.acknowledgement);
  const worst = open.some((f) => f.severity === 'error')
    ? 'error'
    : open.some((f) => f.severity === 'warning')
      ? 'warning'
      : 'info';
  const icon =
    worst === 'error' ? (
      <CloseCircleFilled style={{ color: '#cf1322' }} />
    ) : worst === 'warning' ? (
      <WarningFilled style={{ color: '#d48806' }} />
    ) : (
      <InfoCircleFilled style={{ color: '#1677ff' }} />
    );
  return (
    <Tooltip
      title={
        <div>
          {findings.map((f, i) => (
            <div key={i}>{findingMessage(f, lang)}</div>
          ))}
        </div>
      }
    >
      <span
        data-finding={worst}
        role="img"
        aria-label={findings
          .map((f) => `${t(`severity_${f.severity}`)}: ${findingMessage(f, lang)}`)
          .join('; ')}
        style={{ marginInlineStart: 6 }}
      >
        {icon}
      </span>
    </Tooltip>
  );
}

export function CriteriaTable(props: {
  plan: PlanView;
  model: PlanModel;
  edits: PlanEdits;
  focusCode: string | null;
}) {
  const { plan, model, edits, focusCode } = props;
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [unitId, setUnitId] = useState<number | null>(null);
  // the table is mounted anew for each jump to a row (PlanPage keys it), so a jump opens the
  // row's ancestors from the start
  const [expanded, setExpanded] = useState<readonly React.Key[]>(() => {
    const open: string[] = model.roots.map((r) => r.key);
    for (
      let c = focusCode ? (model.parentOf.get(focusCode) ?? null) : null;
      c !== null;
      c = model.parentOf.get(c) ?? null
    ) {
      open.push(c);
    }
    return open;
  });

  const [historyOf, setHistoryOf] = useState<RowModel | null>(null);
  const keep = useMemo(() => visibleCodes(model, search, unitId), [model, search, unitId]);
  const data = useMemo(() => filterTree(model.roots, keep), [model.roots, keep]);
  // a search or a filter opens every row it keeps
  const expandedKeys = keep ? [...keep] : expanded;

  useEffect(() => {
    if (!focusCode) return;
    const timer = window.setTimeout(() => {
      document
        .querySelector(`tr[data-row-key="${CSS.escape(focusCode)}"]`)
        ?.scrollIntoView({ block: 'center' });
    }, 60);
    return () => window.clearTimeout(timer);
  }, [focusCode]);

  const openUnit = (u: UnitRef) => void navigate(`/plans/${plan.id}/units/${u.id}`);
  const leadUnits = useMemo(() => leadUnitOptions(plan.rows), [plan.rows]);

  /** a score the server refused as stale, offered again in its cell */
  const keptScore = (r: RowModel, field: 'baseline' | 'target') => {
    const kept = edits.keptScore(r.row.itemId, field);
    if (!kept) return null;
    return (
      <KeptValue
        text={fmt(scoreOf(kept.value), lang)}
        label={r.key}
        onReapply={() => edits.reapply('score', r.row.itemId, field)}
        onDiscard={() => edits.discard('score', r.row.itemId, field)}
      />
    );
  };

  const columns: ColumnsType<RowModel> = [
    {
      title: t('colCode'),
      key: 'code',
      width: 130,
      fixed: 'left',
      render: (_v, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.key}
          <FindingIcon findings={r.findings} />
          {plan.access.readAudit && (
            <Tooltip title={t('history')}>
              <Button
                type="text"
                size="small"
                aria-label={`${t('history')} ${r.key}`}
                icon={<HistoryOutlined />}
                onClick={() => setHistoryOf(r)}
              />
            </Tooltip>
          )}
        </span>
      ),
    },
    {
      title: t('colCriterion'),
      key: 'name',
      width: 340,
      render: (_v, r) => <span style={{ fontWeight: r.depth === 1 ? 600 : undefined }}>{r.row.name}</span>,
    },
    { title: t('colMax'), key: 'max', width: 80, align: 'right', render: (_v, r) => fmt(r.max, lang) },
    {
      title: t('colBaseline', { year: plan.baselineYear ?? '' }),
      key: 'baseline',
      width: 100,
      align: 'right',
      render: (_v, r) => (
        <>
          <EditableScore
            value={r.baseline}
            editable={r.isLeaf && plan.access.editScores}
            label={`${t('colBaseline', { year: plan.baselineYear ?? '' })} ${r.key}`}
            onSave={(v) => edits.saveScore(r.row.itemId, r.row.version, 'baseline', v)}
          />
          {keptScore(r, 'baseline')}
        </>
      ),
    },
    {
      title: t('colTarget', { year: plan.year }),
      key: 'target',
      width: 100,
      align: 'right',
      render: (_v, r) => (
        <>
          <EditableScore
            value={r.target}
            editable={r.isLeaf && plan.access.editScores}
            label={`${t('colTarget', { year: plan.year })} ${r.key}`}
            onSave={(v) => edits.saveScore(r.row.itemId, r.row.version, 'target', v)}
          />
          {keptScore(r, 'target')}
        </>
      ),
    },
    {
      title: t('colGain'),
      key: 'gain',
      width: 80,
      align: 'right',
      render: (_v, r) => (
        <Typography.Text
          type={r.gain && r.gain.units < 0 ? 'danger' : r.gain && r.gain.units > 0 ? 'success' : undefined}
        >
          {fmtSigned(r.gain, lang)}
        </Typography.Text>
      ),
    },
    {
      title: t('colTask'),
      key: 'task',
      render: (_v, r) => (
        <EditableText
          value={r.row.task?.text ?? ''}
          hint={r.isLeaf}
          editable={r.row.task ? plan.access.editTasks : plan.access.editLeadUnits}
          label={`${t('colTask')} ${r.key}`}
          onSave={(text) => edits.saveTask(r.row.itemId, { version: r.row.task?.version ?? 0, text })}
        />
      ),
    },
    {
      title: t('colLead'),
      key: 'lead',
      width: 230,
      render: (_v, r) => (
        <UnitPicker
          value={r.row.task?.leadUnits ?? []}
          units={plan.units}
          hint={r.isLeaf}
          editable={plan.access.editLeadUnits}
          label={`${t('colLead')} ${r.key}`}
          onOpen={openUnit}
          onAdd={edits.addUnit}
          onSave={(ids) =>
            edits.saveTask(r.row.itemId, { version: r.row.task?.version ?? 0, leadUnitIds: ids })
          }
        />
      ),
    },
  ];

  const allKeys = useMemo(
    () => [...allRows(model.roots)].filter((r) => r.children).map((r) => r.key),
    [model.roots],
  );

  return (
    <>
      <div className="toolbar">
        <Input.Search
          allowClear
          className="grow"
          placeholder={t('searchPlaceholder')}
          aria-label={t('searchPlaceholder')}
          title={t('searchHint')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          className="grow"
          style={{ minWidth: 200 }}
          placeholder={t('filterUnit')}
          aria-label={t('filterUnit')}
          value={unitId ?? undefined}
          onChange={(v: number | undefined) => setUnitId(v ?? null)}
          options={leadUnits}
        />
        {/* a flat list (a lead-unit officer's rows) has nothing to open or fold */}
        {allKeys.length > 0 && (
          <Space.Compact>
            <Button onClick={() => setExpanded(allKeys)}>{t('expandAll')}</Button>
            <Button onClick={() => setExpanded([])}>{t('collapseAll')}</Button>
          </Space.Compact>
        )}
      </div>
      <HistoryDrawer planId={plan.id} row={historyOf} onClose={() => setHistoryOf(null)} />
      <Table<RowModel>
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={data}
        pagination={false}
        scroll={{ x: 1300 }}
        sticky
        locale={{ emptyText: <Empty description={t('noMatch')} /> }}
        rowClassName={(r) =>
          [r.depth === 1 ? 'row-area' : '', r.key === focusCode ? 'row-focus' : ''].join(' ')
        }
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpandedRowsChange: (keys) => {
            if (!keep) setExpanded(keys);
          },
          indentSize: 14,
        }}
      />
    </>
  );
}
