/**
 * Notifications: the reader's own (GET, mark one read, mark all read; any signed-in account, each
 * sees its units' and its own) and the office's reminders to a round's units (round.manage).
 */
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../../modules/deps.js';
import {
  listNotifications,
  readAllNotifications,
  readNotification,
  sendReminders,
} from '../../modules/notifications.js';
import {
  ApiError,
  NotificationIdParams,
  NotificationList,
  ReminderInput,
  ReminderParams,
  ReminderResult,
  UnreadCount,
} from '../../shared/api.js';
import { actorOf } from '../auth.js';
import { langOf } from '../errors.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

export function notificationRoutes(deps: ServerDeps): FastifyPluginCallbackZod {
  return (app, _options, done) => {
    app.get(
      '/notifications',
      {
        schema: {
          tags: ['assessment'],
          summary: 'Thông báo của tôi (của tài khoản và của các đơn vị tôi được phân quyền), mới nhất trước',
          response: { 200: NotificationList, ...errors },
        },
      },
      (request) => listNotifications(deps.db, actorOf(request), langOf(request)),
    );

    app.post(
      '/notifications/:id/read',
      {
        schema: {
          tags: ['assessment'],
          summary: 'Đánh dấu một thông báo là đã đọc',
          params: NotificationIdParams,
          response: { 200: UnreadCount, ...errors },
        },
      },
      (request) => readNotification(deps, actorOf(request), request.params.id),
    );

    app.post(
      '/notifications/read-all',
      {
        schema: {
          tags: ['assessment'],
          summary: 'Đánh dấu mọi thông báo là đã đọc',
          response: { 200: UnreadCount, ...errors },
        },
      },
      (request) => readAllNotifications(deps, actorOf(request)),
    );

    app.post(
      '/rounds/:id/reminders',
      {
        schema: {
          tags: ['assessment'],
          summary:
            'Nhắc nhở các đơn vị chưa gửi tự đánh giá (thông báo trong ứng dụng, thư điện tử khi có cấu hình SMTP)',
          params: ReminderParams,
          body: ReminderInput,
          response: { 200: ReminderResult, ...errors },
        },
      },
      (request) => sendReminders(deps, actorOf(request), request.params.id, request.body.unitIds),
    );

    done();
  };
}
