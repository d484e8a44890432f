/**
 * Follow-up of the tasks: status, progress, deadline and a short progress note per criterion, edited
 * in place; overdue tasks and tasks without a deadline are marked. Filters by lead unit, status,
 * overdue and no deadline. A deadline outside the plan's year is saved only after the user confirms
 * it (the server accepts any calendar date: a task may rightly run into the next year).
 */
import { App, DatePicker, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { deadlineOutsideYear } from '@core/follow-up';
import type { PlanView, TaskPatch, TaskStatus } from '@shared/api';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { EditableText, UnitTags } from '../../ui/editable';
import { fmtDate } from '../../ui/format';
import { KeptValue } from '../../ui/KeptValue';
import { isOverdue, leadUnitOptions, taskRows, type TaskRow } from './model';
import { ProgressField } from './ProgressField';
import { STATUS_COLOR, STATUSES } from '../../ui/colors';
import type { PlanEdits } from './usePlan';
import '../../i18n/plans';

export function TasksTab({ plan, edits }: { plan: PlanView; edits: PlanEdits }) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [status, setStatus] = useState<TaskStatus | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [noDeadlineOnly, setNoDeadlineOnly] = useState(false);

  const rows = useMemo(() => taskRows(plan), [plan]);
  const units = useMemo(() => leadUnitOptions(rows), [rows]);
  const shown = rows.filter(
    (r) =>
      (unitId === null || r.task.leadUnits.some((u) => u.id === unitId)) &&
      (status === null || r.task.status === status) &&
      (!overdueOnly || isOverdue(r.task)) &&
      (!noDeadlineOnly || r.task.deadline === null),
  );
  const readOnly = !plan.access.editTasks;
  const save = (r: TaskRow, patch: Omit<Parameters<PlanEdits['saveTask']>[1], 'version'>) =>
    edits.saveTask(r.itemId, { ...patch, version: r.task.version });
  const statusOptions = STATUSES.map((s) => ({ value: s, label: t(`status_${s}`) }));
  const saveDeadline = (r: TaskRow, deadline: string | null) => {
    if (!deadlineOutsideYear(deadline, plan.year)) return void save(r, { deadline });
    // asked once the picker has closed: the key that chose the date must not reach the question
    window.setTimeout(() => {
      modal.confirm({
        title: t('deadlineOutsideYearTitle'),
        content: t('deadlineOutsideYear', { date: fmtDate(deadline, lang), year: plan.year }),
        okText: t('keepDeadline'),
        cancelText: t('cancel'),
        onOk: () => void save(r, { deadline }),
      });
    });
  };
  /** What the user typed before a stale refusal, offered again in its cell. */
  const kept = (
    r: TaskRow,
    field: keyof Omit<TaskPatch, 'version'>,
    show: (c: Omit<TaskPatch, 'version'>) => string,
  ): ReactNode => {
    const change = edits.keptTask(r.itemId, field);
    if (!change) return null;
    return (
      <KeptValue
        text={show(change)}
        label={r.code}
        onReapply={() => edits.reapply('task', r.itemId, field)}
        onDiscard={() => edits.discard('task', r.itemId, field)}
      />
    );
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 300 }}
          placeholder={t('filterUnit')}
          value={unitId ?? undefined}
          onChange={(v: number | undefined) => setUnitId(v ?? null)}
          options={units}
        />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('filterStatus')}
          value={status ?? undefined}
          onChange={(v: TaskStatus | undefined) => setStatus(v ?? null)}
          options={statusOptions}
        />
        <Space>
          <Switch checked={overdueOnly} onChange={setOverdueOnly} aria-label={t('onlyOverdue')} />
          {t('onlyOverdue')}
        </Space>
        <Space>
          <Switch checked={noDeadlineOnly} onChange={setNoDeadlineOnly} aria-label={t('onlyNoDeadline')} />
          {t('onlyNoDeadline')}
        </Space>
      </Space>
      <Table<TaskRow>
        size="small"
        bordered
        rowKey="itemId"
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1200 }}
        columns={[
          { title: t('colCode'), dataIndex: 'code', width: 80 },
          {
            title: t('colCriterion'),
            width: 260,
            render: (_v, r) => (
              <>
                <div>{r.name}</div>
                <Typography.Paragraph
                  type="secondary"
                  ellipsis={{ rows: 2, expandable: true }}
                  style={{ margin: 0 }}
                >
                  {r.task.text}
                </Typography.Paragraph>
              </>
            ),
          },
          {
            title: t('colLead'),
            width: 200,
            render: (_v, r) => (
              <UnitTags
                units={r.task.leadUnits}
                onOpen={(u) => void navigate(`/plans/${plan.id}/units/${u.id}`)}
              />
            ),
          },
          {
            title: t('colStatus'),
            width: 170,
            render: (_v, r) => (
              <Space direction="vertical" size={2}>
                <Select
                  size="small"
                  disabled={readOnly}
                  style={{ width: 160 }}
                  aria-label={`${t('colStatus')} ${r.code}`}
                  value={r.task.status}
                  options={statusOptions.map((o) => ({
                    ...o,
                    label: <Tag color={STATUS_COLOR[o.value]}>{o.label}</Tag>,
                  }))}
                  onChange={(v: TaskStatus) => void save(r, { status: v })}
                />
                {isOverdue(r.task) && <Tag color="red">{t('overdue')}</Tag>}
                {kept(r, 'status', (c) => (c.status ? t(`status_${c.status}`) : ''))}
              </Space>
            ),
          },
          {
            title: t('colProgress'),
            width: 110,
            render: (_v, r) => (
              <>
                <ProgressField
                  disabled={readOnly}
                  label={`${t('colProgress')} ${r.code}`}
                  value={r.task.progress}
                  onSave={(progress) => void save(r, { progress })}
                />
                {kept(r, 'progress', (c) => `${c.progress ?? 0}%`)}
              </>
            ),
          },
          {
            title: t('colDeadline'),
            width: 170,
            render: (_v, r) => (
              <>
                <DatePicker
                  size="small"
                  disabled={readOnly}
                  format="DD/MM/YYYY"
                  aria-label={`${t('colDeadline')} ${r.code}`}
                  value={r.task.deadline ? dayjs(r.task.deadline) : null}
                  onChange={(d) => saveDeadline(r, d ? d.format('YYYY-MM-DD') : null)}
                />
                {!r.task.deadline && (
                  <div>
                    <Tag data-testid="no-deadline">{t('noDeadline')}</Tag>
                    {r.task.deadlineText && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.task.deadlineText}
                      </Typography.Text>
                    )}
                  </div>
                )}
                {kept(r, 'deadline', (c) => (c.deadline ? fmtDate(c.deadline, lang) : t('noDeadline')))}
              </>
            ),
          },
          {
            title: t('colNote'),
            render: (_v, r) => (
              <>
                <EditableText
                  singleLine
                  editable={!readOnly}
                  value={r.task.progressNote}
                  label={`${t('colNote')} ${r.code}`}
                  placeholder={t('notePlaceholder')}
                  onSave={(text) => save(r, { progressNote: text })}
                />
                {kept(r, 'progressNote', (c) => c.progressNote ?? '')}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
