/** A deadline and how the task stands against it: "30/06/2026 · còn 12 ngày" / "quá hạn 3 ngày". */
import { Space, Tag, Typography } from 'antd';
import type { Task } from '@shared/api';
import { dueOf } from './model';
import { useI18n } from '../../i18n/i18n';
import { fmtDate } from '../../ui/format';
import '../../i18n/plans';

export function DueTag({ task }: { task: Pick<Task, 'deadline' | 'deadlineText' | 'status'> }) {
  const { t, lang } = useI18n();
  const due = dueOf(task);
  if (due.kind === 'none') {
    return <Typography.Text type="secondary">{task.deadlineText.trim() || t('noDeadline')}</Typography.Text>;
  }
  return (
    <Space direction="vertical" size={0}>
      <span>{fmtDate(task.deadline, lang)}</span>
      {due.kind === 'later' && (
        <Tag color={due.days <= 14 ? 'gold' : 'default'}>{t('dueInDays', { n: due.days })}</Tag>
      )}
      {due.kind === 'today' && <Tag color="gold">{t('dueToday')}</Tag>}
      {due.kind === 'overdue' && <Tag color="red">{t('overdueDays', { n: due.days })}</Tag>}
    </Space>
  );
}
