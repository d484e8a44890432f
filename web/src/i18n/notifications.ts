/**
 * The notification bell's, the reminder button's and the account e-mail's texts.
 * Registered in messages.ts when a module showing them is loaded.
 */
import { registerMessages } from './messages';
export const NOTIFICATIONS_VI = {
  notifications: 'Thông báo',
  notificationsUnread: '{n} thông báo chưa đọc',
  notificationsEmpty: 'Chưa có thông báo nào.',
  notificationsReadAll: 'Đánh dấu tất cả đã đọc',
  notificationsMarkRead: 'Đánh dấu đã đọc',
  notificationsOpenRound: 'Xem đợt đánh giá',
  notificationsLoadError: 'Không tải được thông báo',
  remindButton: 'Nhắc nhở',
  remindTitle: 'Nhắc nhở các đơn vị chưa gửi tự đánh giá',
  remindBody:
    'Mỗi đơn vị chưa gửi kết quả tự đánh giá nhận một thông báo nêu số tiêu chí còn thiếu và hạn gửi; tài khoản của đơn vị có địa chỉ thư điện tử cũng nhận thư (khi hệ thống có cấu hình SMTP).',
  remindBodyUnits: 'Nhắc {n} đơn vị đã chọn (đơn vị đã gửi sẽ được bỏ qua).',
  remindSend: 'Gửi nhắc nhở',
  remindDone: 'Đã nhắc {notified} đơn vị; đã gửi {emailed} thư điện tử',
  email: 'Thư điện tử',
  emailHelp: 'Nhận thông báo, nhắc nhở qua thư điện tử (không bắt buộc)',
  emailInvalid: 'Địa chỉ thư điện tử không hợp lệ',
  emailEdit: 'Sửa thư điện tử',
  emailNone: '—',
  emailSaved: 'Đã lưu thư điện tử của {user}',
};

export const NOTIFICATIONS_EN: Record<keyof typeof NOTIFICATIONS_VI, string> = {
  notifications: 'Notifications',
  notificationsUnread: '{n} unread notifications',
  notificationsEmpty: 'No notifications yet.',
  notificationsReadAll: 'Mark all as read',
  notificationsMarkRead: 'Mark as read',
  notificationsOpenRound: 'Open the round',
  notificationsLoadError: 'Could not load the notifications',
  remindButton: 'Remind',
  remindTitle: 'Remind the units that have not submitted',
  remindBody:
    'Each unit that has not submitted its self-assessment gets a notification saying how many criteria are missing and the deadline; its accounts with an e-mail address also get a mail (when the installation has SMTP configured).',
  remindBodyUnits: 'Remind the {n} units chosen (units that have submitted are skipped).',
  remindSend: 'Send the reminder',
  remindDone: '{notified} units reminded; {emailed} e-mails sent',
  email: 'E-mail',
  emailHelp: 'Receives notifications and reminders by e-mail (optional)',
  emailInvalid: 'Not a valid e-mail address',
  emailEdit: 'Edit the e-mail address',
  emailNone: '—',
  emailSaved: "{user}'s e-mail address saved",
};

registerMessages(NOTIFICATIONS_VI, NOTIFICATIONS_EN);
