/**
 * The round overview page's texts (tổng quan đợt đánh giá), Vietnamese first.
 * Registered in messages.ts when a module showing them is loaded.
 */
import { registerMessages } from './messages';
export const OVERVIEW_VI = {
  overviewTitle: 'Tổng quan đợt đánh giá',
  overviewAsOf: 'Số liệu đến ngày {day}',
  overviewPublished: 'Đã công bố',
  overviewExportXlsx: 'Tải XLSX điểm các đơn vị',
  overviewReportDocx: 'Báo cáo DOCX',
  overviewTable: 'Điểm theo lĩnh vực',
  overviewUnit: 'Đơn vị',
  overviewTotal: 'Tổng điểm',
  overviewIndex: 'Chỉ số (%)',
  overviewRank: 'Hạng',
  overviewSelf: 'TĐG',
  overviewAppraised: 'TĐ',
  overviewFinal: 'KQ',
  overviewSelfLong: 'Tự đánh giá',
  overviewAppraisedLong: 'Thẩm định',
  overviewFinalLong: 'Kết quả',
  overviewLegend:
    'TĐG: tự đánh giá · TĐ: thẩm định · KQ: kết quả. Ô tô màu khi điểm tự đánh giá khác điểm thẩm định.',
  overviewGaps: 'Tiêu chí chênh lệch nhiều nhất giữa tự đánh giá và thẩm định',
  overviewGapTotal: 'Tổng chênh lệch',
  overviewNoGaps: 'Chưa có chênh lệch giữa tự đánh giá và thẩm định.',
  overviewLate: 'Đơn vị chậm',
  overviewNoLate: 'Không có đơn vị nào chậm.',
  overviewProgress: 'Tiến độ thẩm định theo lĩnh vực',
  overviewProgressOf: '{scored}/{toScore}',
  overviewChart: 'Chỉ số theo đơn vị',
  overviewCriterion: 'Tiêu chí',
  overviewMissing: 'Còn {n} tiêu chí chưa có điểm',
};

export const OVERVIEW_EN: Record<keyof typeof OVERVIEW_VI, string> = {
  overviewTitle: 'Round overview',
  overviewAsOf: 'Figures as of {day}',
  overviewPublished: 'Published',
  overviewExportXlsx: "Download the units' scores (XLSX)",
  overviewReportDocx: 'DOCX report',
  overviewTable: 'Scores by area',
  overviewUnit: 'Unit',
  overviewTotal: 'Total',
  overviewIndex: 'Index (%)',
  overviewRank: 'Rank',
  overviewSelf: 'Self',
  overviewAppraised: 'Appr.',
  overviewFinal: 'Final',
  overviewSelfLong: 'Self-assessment',
  overviewAppraisedLong: 'Appraisal',
  overviewFinalLong: 'Final',
  overviewLegend:
    'Self: self-assessment · Appr.: appraisal · Final: final score. A cell is coloured when the self-score and the appraisal differ.',
  overviewGaps: 'Criteria with the biggest gap between self-assessment and appraisal',
  overviewGapTotal: 'Total gap',
  overviewNoGaps: 'No gap between self-assessment and appraisal yet.',
  overviewLate: 'Late units',
  overviewNoLate: 'No unit is late.',
  overviewProgress: 'Appraisal progress by area',
  overviewProgressOf: '{scored}/{toScore}',
  overviewChart: 'Index by unit',
  overviewCriterion: 'Criterion',
  overviewMissing: '{n} criteria without a score',
};

registerMessages(OVERVIEW_VI, OVERVIEW_EN);
