/**
 * The survey import page's texts (điểm điều tra xã hội học), Vietnamese first.
 * Registered in messages.ts when a module showing them is loaded.
 */
import { registerMessages } from './messages';
export const SURVEY_VI = {
  svTitle: 'Nhập điểm điều tra xã hội học',
  svRound: 'Đợt đánh giá #{id}',
  svBackToRound: 'Về trang đợt đánh giá',
  svUploadHint: 'Kéo thả tệp điểm khảo sát vào đây, hoặc bấm để chọn (XLSX, CSV, TXT; tối đa {limit})',
  svUploadSub:
    'Mỗi dòng một đơn vị và một tiêu chí (cột Đơn vị, Mã tiêu chí, Điểm), hoặc mỗi dòng một đơn vị và mỗi cột một mã tiêu chí (8.1.1, 8.1.2 …). Chưa ghi điểm nào trước khi xác nhận.',
  svSummary: '{rows} điểm của {units} đơn vị trong tệp {file}',
  svLayoutLong: 'mỗi dòng một đơn vị và một tiêu chí',
  svLayoutWide: 'mỗi dòng một đơn vị, mỗi cột một tiêu chí',
  svBlocking: 'Tệp có lỗi: sửa tệp rồi tải lại. Chưa ghi điểm nào.',
  svUnknownTitle: 'Tên đơn vị chưa nhận ra',
  svUnknownHelp: 'Chọn đơn vị của đợt đánh giá ứng với từng tên trong tệp.',
  svChooseUnit: 'Chọn đơn vị',
  svColUnit: 'Đơn vị',
  svColCriterion: 'Tiêu chí',
  svColScore: 'Điểm',
  svColMax: 'Tối đa',
  svColPrevious: 'Điểm đang có',
  svColStatus: 'Trạng thái',
  svColWhere: 'Vị trí',
  svStatus_ok: 'Hợp lệ',
  'svStatus_unknown-unit': 'Chưa rõ đơn vị',
  svStatus_error: 'Lỗi',
  svReplaces: 'sẽ thay {previous}',
  svSame: 'không đổi',
  svConfirm: 'Ghi điểm khảo sát',
  svConfirmMissing: 'Còn {n} tên đơn vị chưa chọn',
  svDone: 'Đã ghi {written} điểm khảo sát',
  svDoneSub: '{replaced} điểm thay điểm cũ, {unchanged} điểm không đổi.',
  svImportAnother: 'Nhập tệp khác',
  svCriteria: 'Tiêu chí chấm bằng điều tra xã hội học: {codes}',
};

export type SurveyMessageKey = keyof typeof SURVEY_VI;

export const SURVEY_EN: Record<SurveyMessageKey, string> = {
  svTitle: 'Import survey scores',
  svRound: 'Round #{id}',
  svBackToRound: 'Back to the round',
  svUploadHint: 'Drop the survey scores file here, or click to choose (XLSX, CSV, TXT; at most {limit})',
  svUploadSub:
    'One row per unit and criterion (columns Unit, Criterion code, Score), or one row per unit and one column per criterion code (8.1.1, 8.1.2 …). Nothing is written before you confirm.',
  svSummary: '{rows} scores of {units} units in {file}',
  svLayoutLong: 'one row per unit and criterion',
  svLayoutWide: 'one row per unit, one column per criterion',
  svBlocking: 'The file has errors: correct it and upload it again. Nothing was written.',
  svUnknownTitle: 'Unit names not recognised',
  svUnknownHelp: "Choose the round's unit each name of the file stands for.",
  svChooseUnit: 'Choose a unit',
  svColUnit: 'Unit',
  svColCriterion: 'Criterion',
  svColScore: 'Score',
  svColMax: 'Max',
  svColPrevious: 'Stored score',
  svColStatus: 'Status',
  svColWhere: 'Where',
  svStatus_ok: 'Valid',
  'svStatus_unknown-unit': 'Unit unknown',
  svStatus_error: 'Error',
  svReplaces: 'replaces {previous}',
  svSame: 'unchanged',
  svConfirm: 'Write the survey scores',
  svConfirmMissing: '{n} unit names still to choose',
  svDone: '{written} survey scores written',
  svDoneSub: '{replaced} replaced earlier scores, {unchanged} unchanged.',
  svImportAnother: 'Import another file',
  svCriteria: 'Criteria scored by the survey: {codes}',
};

registerMessages(SURVEY_VI, SURVEY_EN);
