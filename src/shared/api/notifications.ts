/** Notifications (in-app messages about a round) and the office's reminders. */
import { z } from 'zod';
import { Id, IdParams } from './common.js';
import { NOTIFICATION_KINDS } from '../../core/messages.js';

export const NotificationView = z.object({
  id: z.number().int(),
  kind: z.string().describe(`one of ${NOTIFICATION_KINDS.join(', ')}`),
  text: z.string().describe("the message in the request's language (plain text, never HTML)"),
  roundId: z.number().int().nullable(),
  unitId: z.number().int().nullable().describe('the unit it was sent to; null: to the reader alone'),
  createdAt: z.string(),
  readAt: z.string().nullable().describe('when the reader marked it read; null: unread'),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationList = z.object({
  items: z.array(NotificationView).describe('the newest 50'),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationIdParams = IdParams;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const ReminderInput = z.object({
  unitIds: z
    .array(Id)
    .min(1)
    .max(5000)
    .optional()
    .describe('the units to remind (those of them not yet submitted); absent: every unit not yet submitted'),
});
export type ReminderInput = z.infer<typeof ReminderInput>;

export const ReminderResult = z.object({
  notified: z.number().int().describe('units notified'),
  emailed: z.number().int().describe('e-mails the SMTP server accepted'),
});
export type ReminderResult = z.infer<typeof ReminderResult>;

export const ReminderParams = IdParams;
