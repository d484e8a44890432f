/**
 * The bell in the header: the unread count on a badge and, on click, the newest notifications (the
 * server's text in the page's language, shown as text: never as HTML), each marked read when opened
 * or by its button, all at once by "mark all as read". A notification about a unit's round opens
 * that unit's self-assessment; about a round, the round's page.
 */
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationView } from '@shared/api';
import { useI18n } from '../../i18n/i18n';
import { fmtDateTime } from '../../ui/format';
import { useNotifications } from './useNotifications';
import '../../i18n/notifications';

function targetOf(n: NotificationView): string | null {
  if (n.roundId === null) return null;
  return n.unitId === null ? `/rounds/${n.roundId}` : `/rounds/${n.roundId}/units/${n.unitId}`;
}

export function NotificationBell({ color = '#fff' }: { color?: string }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { list, readOne, readAll } = useNotifications();
  const [open, setOpen] = useState(false);
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const openItem = (n: NotificationView) => {
    if (n.readAt === null) readOne.mutate(n.id);
    const target = targetOf(n);
    if (target) {
      setOpen(false);
      void navigate(target);
    }
  };

  const content = (
    <div style={{ width: 'min(380px, calc(100vw - 32px))' }} data-testid="notifications-panel">
      {list.isError && <Typography.Text type="danger">{t('notificationsLoadError')}</Typography.Text>}
      {items.length === 0 && !list.isError && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notificationsEmpty')} />
      )}
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {items.map((n) => (
          <div
            key={n.id}
            data-testid="notification"
            data-unread={n.readAt === null ? 'true' : 'false'}
            style={{
              display: 'flex',
              gap: 8,
              alignItems: 'flex-start',
              padding: '8px 4px',
              borderBottom: '1px solid #f0f0f0',
              background: n.readAt === null ? '#fff7e6' : undefined,
            }}
          >
            <div
              role="button"
              tabIndex={0}
              style={{ flex: 1, minWidth: 0, cursor: targetOf(n) ? 'pointer' : 'default' }}
              onClick={() => openItem(n)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') openItem(n);
              }}
            >
              <Typography.Paragraph
                style={{
                  marginBottom: 2,
                  fontWeight: n.readAt === null ? 600 : 400,
                  wordBreak: 'break-word',
                }}
              >
                {n.text}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmtDateTime(n.createdAt, lang)}
              </Typography.Text>
            </div>
            {n.readAt === null && (
              <Button
                size="small"
                type="text"
                icon={<CheckOutlined />}
                aria-label={t('notificationsMarkRead')}
                title={t('notificationsMarkRead')}
                onClick={() => readOne.mutate(n.id)}
              />
            )}
          </div>
        ))}
      </div>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{t('notifications')}</span>
          <Button
            size="small"
            type="link"
            disabled={unread === 0}
            loading={readAll.isPending}
            onClick={() => readAll.mutate()}
            data-testid="notifications-read-all"
          >
            {t('notificationsReadAll')}
          </Button>
        </Space>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={unread > 0 ? t('notificationsUnread', { n: unread }) : t('notifications')}
        data-testid="notifications-bell"
        style={{ color }}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ color, fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
