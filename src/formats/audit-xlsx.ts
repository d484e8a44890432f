/** The audit trail as an XLSX workbook: one row per entry, already in words (modules/audit-view.ts). */
import ExcelJS from 'exceljs';

export interface AuditEntryText {
  /** dd/mm/yyyy HH:mm:ss in Vietnam's time */
  time: string;
  actionLabel: string;
  /** "Tiêu chí 1.2.2 — Thực hiện chế độ báo cáo", "Sở Nội vụ", "Tỉnh Đắk Nông — 2022" */
  entityLabel: string;
  planLabel: string | null;
  unitLabel: string | null;
  fieldLabel: string | null;
  oldText: string | null;
  newText: string | null;
}

/** An entry as the sheet shows it: its id, who and from where, its words, and its hash. */
export interface AuditSheetRow extends AuditEntryText {
  id: number;
  username: string;
  ip: string;
  hash: string;
}

/** The sheet "Nhật ký" with Vietnamese headers (an office's file), the header row frozen. */
export async function writeAuditXlsx(rows: readonly AuditSheetRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ParIndex';
  const sheet = workbook.addWorksheet('Nhật ký', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'STT', key: 'id', width: 8 },
    { header: 'Thời gian (giờ Việt Nam)', key: 'time', width: 20 },
    { header: 'Người thực hiện', key: 'username', width: 18 },
    { header: 'Địa chỉ IP', key: 'ip', width: 16 },
    { header: 'Hành động', key: 'actionLabel', width: 28 },
    { header: 'Đối tượng', key: 'entityLabel', width: 40 },
    { header: 'Kế hoạch', key: 'planLabel', width: 28 },
    { header: 'Đơn vị', key: 'unitLabel', width: 28 },
    { header: 'Trường', key: 'fieldLabel', width: 18 },
    { header: 'Giá trị cũ', key: 'oldText', width: 40 },
    { header: 'Giá trị mới', key: 'newText', width: 40 },
    { header: 'Mã băm', key: 'hash', width: 20 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn('oldText').alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn('newText').alignment = { wrapText: true, vertical: 'top' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
