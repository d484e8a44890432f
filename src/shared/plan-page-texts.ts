/**
 * The Vietnamese texts of the top of a plan's page, in one place for the web app's catalogs (the
 * plans feature's, web/src/i18n/plans.ts, and the shell's, web/src/i18n/messages.ts, spread them in)
 * and for the server's first screen of that page (http/first-screen.ts), which shows the same words
 * before the app has loaded. The English stays in the web catalogs: the first screen is Vietnamese,
 * the app's first language; a page set to English drops it (web/src/main.tsx).
 */

/** The plans feature's part (web/src/i18n/plans.ts). */
export const PLAN_PAGE_VI = {
  archivedNote: 'Kế hoạch đã lưu trữ: chỉ để xem, không sửa được. Bỏ lưu trữ để sửa.',
  colFindings: 'Lỗi / cảnh báo',
  errorsCount: '{n} lỗi',
  warningsCount: '{n} cảnh báo',
  planTitle: '{subject} — Kế hoạch năm {year}',
  planSource: 'Nguồn: {file}',
  statBaseline: 'Điểm đạt được {year}',
  statTarget: 'Mục tiêu {year}',
  statGain: 'Tăng dự kiến',
  tabSummary: 'Tổng quan',
  tabTree: 'Cây tiêu chí',
  tabTasks: 'Theo dõi nhiệm vụ',
  tabFindings: 'Phát hiện ({n})',
  statOverdue: 'Nhiệm vụ quá hạn',
  leadScopeNote: 'Bạn đang xem các tiêu chí, nhiệm vụ do đơn vị mình chủ trì hoặc phối hợp.',
  findingsCounts: '{errors} · {warnings}',
};

/** The shell's part (web/src/i18n/messages.ts: texts other pages share). */
export const PLAN_PAGE_SHELL_VI = {
  appName: 'ParIndex',
  appTagline: 'Chỉ số cải cách hành chính',
  statMax: 'Điểm chuẩn',
  statTasks: 'Nhiệm vụ hoàn thành',
  colCode: 'STT',
  colCriterion: 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần',
  colMax: 'Điểm chuẩn',
  colBaseline: 'Điểm {year} đạt được',
  colTarget: 'Mục tiêu {year}',
  prTab: 'Kết quả',
};
