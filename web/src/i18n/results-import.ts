/**
 * The results import page's texts (bảng kết quả xếp hạng đã công bố), Vietnamese first.
 * Registered in messages.ts when a module showing them is loaded.
 */
import { registerMessages } from './messages';
export const RESULTS_IMPORT_VI = {
  riTitle: 'Nhập kết quả xếp hạng đã công bố',
  riResults: 'Kết quả xếp hạng',
  riPool: 'Nhóm xếp hạng',
  riPoolId: 'Mã nhóm xếp hạng',
  riChoosePool: 'Chọn nhóm xếp hạng',
  riYear: 'Năm',
  riTitleField: 'Tiêu đề (không bắt buộc)',
  riTitlePlaceholder: 'Ví dụ: Chỉ số CCHC năm 2024 của các tỉnh, thành phố',
  riNeedPool: 'Chọn nhóm xếp hạng và năm trước khi tải tệp lên.',
  riUploadHint: 'Kéo thả bảng kết quả vào đây, hoặc bấm để chọn (XLSX, CSV, TXT; tối đa {limit})',
  riUploadSub:
    'Mỗi dòng một đơn vị: cột Tỉnh/Đơn vị, Chỉ số, Xếp hạng, Nhóm; các thành phần (Điểm thẩm định, SIPAS, Khảo sát lãnh đạo, cán bộ, Tác động), lĩnh vực, tiêu chí theo mã. Chưa ghi gì trước khi xác nhận.',
  riSummary: '{units} đơn vị, năm {year}, nhóm “{pool}”, tệp {file}',
  riReplaces: 'Xác nhận sẽ thay kết quả đang có của năm này: “{title}” ({units} đơn vị).',
  riDifferences: '{n} đơn vị có hạng hoặc nhóm tính được khác bản công bố (tô màu trong bảng).',
  riReproduced: 'Hạng và nhóm tính được trùng với bản công bố ở mọi dòng.',
  riBlocking: 'Bảng có lỗi: sửa tệp rồi tải lại. Chưa ghi gì.',
  riUnknownTitle: 'Tên đơn vị chưa nhận ra',
  riUnknownHelp: 'Chọn đơn vị trong danh mục ứng với từng tên trong bảng (gợi ý được chọn sẵn).',
  riUnknownRows: 'dòng {rows}',
  riChooseUnit: 'Chọn đơn vị',
  riColRow: 'Dòng',
  riColUnit: 'Đơn vị',
  riColIndex: 'Chỉ số',
  riColRank: 'Hạng tính được',
  riColPublishedRank: 'Hạng công bố',
  riColGroup: 'Nhóm tính được',
  riColPublishedGroup: 'Nhóm công bố',
  riConfirm: 'Xác nhận và ghi kết quả',
  riConfirmMissing: 'Còn {n} tên chưa chọn đơn vị',
};

export type ResultsImportMessageKey = keyof typeof RESULTS_IMPORT_VI;

export const RESULTS_IMPORT_EN: Record<ResultsImportMessageKey, string> = {
  riTitle: 'Import a published ranking',
  riResults: 'Rankings',
  riPool: 'Ranking pool',
  riPoolId: 'Ranking pool id',
  riChoosePool: 'Choose a ranking pool',
  riYear: 'Year',
  riTitleField: 'Title (optional)',
  riTitlePlaceholder: 'e.g. PAR Index 2024 of the provinces',
  riNeedPool: 'Choose the ranking pool and the year before uploading.',
  riUploadHint: 'Drop the results table here, or click to choose (XLSX, CSV, TXT; at most {limit})',
  riUploadSub:
    'One row per unit: columns Province/Unit, Index, Rank, Group; the components (appraised points, SIPAS, survey of leaders, impact), areas and criteria by code. Nothing is stored before you confirm.',
  riSummary: '{units} units, year {year}, pool “{pool}”, file {file}',
  riReplaces: 'Confirming replaces the result of this year: “{title}” ({units} units).',
  riDifferences: '{n} units have a computed rank or group other than the published one (highlighted).',
  riReproduced: 'The computed ranks and groups equal the published ones on every row.',
  riBlocking: 'The table has errors: fix the file and upload it again. Nothing was stored.',
  riUnknownTitle: 'Names not recognised',
  riUnknownHelp: 'Choose the unit of the register each name of the table is (the suggestion is preselected).',
  riUnknownRows: 'rows {rows}',
  riChooseUnit: 'Choose a unit',
  riColRow: 'Row',
  riColUnit: 'Unit',
  riColIndex: 'Index',
  riColRank: 'Computed rank',
  riColPublishedRank: 'Published rank',
  riColGroup: 'Computed group',
  riColPublishedGroup: 'Published group',
  riConfirm: 'Confirm and store the result',
  riConfirmMissing: '{n} names still without a unit',
};

registerMessages(RESULTS_IMPORT_VI, RESULTS_IMPORT_EN);
