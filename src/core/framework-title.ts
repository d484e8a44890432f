/**
 * What a framework's title lines say about it: the issuing decision ("Ban hành kèm theo Quyết định
 * số 5666/QĐ-UBND ngày 17/11/2025 của UBND thành phố Hà Nội") and the years it applies to ("năm
 * 2026", "giai đoạn 2022–2030"). The decision's own date is no year of the framework.
 */
import type { IssuingDecision } from './framework.js';
import { fold } from './text.js';

const DECISION = /quyet dinh\s+(?:so\s*)?:?\s*(\d+[\w/.-]*\/[\w/.-]*\w)/;
const NUMERIC_DATE = /^\D{0,40}?ngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/;
const WORDED_DATE = /^\D{0,40}?ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/;

/** "Quyết định số 5666/QĐ-UBND ngày 17/11/2025" → { number: "5666/QĐ-UBND", date: "2025-11-17" }. */
export function findDecision(text: string | null | undefined): IssuingDecision | null {
  if (!text) return null;
  const nfc = text.normalize('NFC');
  // folding keeps one character for one (NFC in, letters without marks out), so offsets match
  const folded = fold(nfc).normalize('NFC');
  const m = DECISION.exec(folded);
  if (!m || folded.length !== nfc.length) return m ? { number: m[1]!.toUpperCase(), date: null } : null;
  const number = nfc.slice(m.index + m[0].length - m[1]!.length, m.index + m[0].length);
  const rest = folded.slice(m.index + m[0].length);
  const d = NUMERIC_DATE.exec(rest) ?? WORDED_DATE.exec(rest);
  return { number, date: d ? isoDate(Number(d[3]), Number(d[2]), Number(d[1])) : null };
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const SPAN = /(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|đến|den|\/)\s*((?:19|20)\d\d)(?!\d)/u;
const YEAR = /(?<!\d)((?:19|20)\d\d)(?!\d)/;

/** "giai đoạn 2022–2030" → 2022..2030; "năm 2026" → 2026..2026; the first mention in the text. */
export function findYears(text: string | null | undefined): { from: number; to: number } | null {
  if (!text) return null;
  const f = fold(text);
  const span = SPAN.exec(f);
  const single = YEAR.exec(f);
  if (span && (!single || span.index <= single.index)) {
    const from = Number(span[1]);
    const to = Number(span[2]);
    if (to >= from) return { from, to };
  }
  if (!single) return null;
  const year = Number(single[1]);
  return { from: year, to: year };
}
