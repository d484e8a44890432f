/** Limits the server enforces and the page announces. */

/**
 * The largest id a row can have: ids are PostgreSQL integers (int4). A larger number names no row;
 * sent to PostgreSQL it fails the statement (22003, out of range), so the server refuses it like any
 * malformed id (400 VALIDATION_FAILED, shared/api/common.ts#IdParam) on both engines alike, and the
 * web app shows an address with one as a page that does not exist, without asking (ui/routeId.ts).
 */
export const MAX_ID = 2_147_483_647;

/** The years a list's year filter takes (GET /api/plans, /api/frameworks; the lists' addresses). */
export const FILTER_YEAR_MIN = 1900;
export const FILTER_YEAR_MAX = 2999;
/** The longest search text of the plans list and its unit filter (GET /api/plans, …/choices/units). */
export const SEARCH_TEXT_MAX = 200;

/** A real appendix is well under 1 MB; this leaves room for pictures embedded in Word files. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export function megabytes(bytes: number): string {
  return `${bytes / 1024 / 1024} MB`;
}

/*
 * What reading one file may take. A real appendix has 7 to 12 columns and a few hundred rows (the
 * seed: 265 rows, 2 tables); these caps are far above that and far below what would exhaust the
 * server. A file past one is refused with one message naming the limit and where it was passed.
 */
/** Bytes actually inflated from a ZIP (XLSX/DOCX), pictures not counted (they are never read). */
export const MAX_UNPACKED_BYTES = 32 * 1024 * 1024;
/** Parts in a ZIP container. */
export const MAX_ZIP_ENTRIES = 10_000;
/** Columns of a table or sheet (a cell at XFD1 makes a sheet 16,384 columns wide). */
export const MAX_COLUMNS = 200;
/** Rows of all sheets or tables of a file. */
export const MAX_ROWS = 20_000;
/** Cells of all sheets of a workbook, merged ones included (exceljs: about 1 KB each). */
export const MAX_CELLS = 100_000;
/** Cells of all tables of a Word document, spans included (mammoth: about 5 KB each). */
export const MAX_DOCX_CELLS = 20_000;
/** How long reading one file may take. */
export const READ_TIME_LIMIT_MS = 30_000;
/** The heap a file's reading may use; past it the reading ends (its worker, not the server). */
export const READ_HEAP_MB = 192;

/** Defaults of the evidence limits (PARINDEX_EVIDENCE_MAX_FILE_MB, PARINDEX_EVIDENCE_MAX_UNIT_MB). */
export const EVIDENCE_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** All the evidence files of one unit in one assessment round, each counted once. */
export const EVIDENCE_MAX_UNIT_BYTES = 500 * 1024 * 1024;

/** The most ranked units one page of GET /api/results/:id/ranking holds (the charts take 150). */
export const RANKING_PAGE_MAX = 200;
export const RANKING_PAGE_DEFAULT = 50;

/** The most units one answer of GET /api/plans/choices/units holds (the unit filter's search). */
export const SUBJECT_CHOICES_MAX = 50;
export const SUBJECT_CHOICES_DEFAULT = 20;
