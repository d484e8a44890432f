/**
 * Dates, times and short names as an officer reads them, the same on the page, in the print view and
 * in the exported workbooks: dd/mm/yyyy, times in Vietnam's time (UTC+7, no daylight saving) whatever
 * the server's or the browser's zone, and long all-capitals area titles cut to a readable label.
 */

/** Vietnam's offset from UTC, in minutes: offices read every time in it. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-06-30" → "30/06/2026"; a full timestamp gives its day in Vietnam. Anything else is kept. */
export function formatDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-');
    return `${d}/${m}/${y}`;
  }
  const local = inVietnam(iso);
  return local === null
    ? iso
    : `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** "2026-11-30T04:05:06.789Z" → "30/11/2026 11:05:06" (Vietnam time). Anything unreadable is kept. */
export function formatDateTime(iso: string, seconds = true): string {
  const local = inVietnam(iso);
  if (local === null) return iso;
  const day = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return `${day} ${time}${seconds ? `:${pad(local.getUTCSeconds())}` : ''}`;
}

/** The instant moved by Vietnam's offset, to be read with the UTC getters. */
function inVietnam(iso: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + VIETNAM_OFFSET_MINUTES * 60_000);
}

const VOWEL = /[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

/**
 * "CẢI CÁCH THỦ TỤC HÀNH CHÍNH" → "Cải cách thủ tục hành chính". A word in capitals without a vowel
 * is an abbreviation (CCHC, TTHC) and stays as it is. A title already in mixed case is kept.
 */
export function sentenceCase(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed !== trimmed.toLocaleUpperCase('vi')) return trimmed;
  const words = trimmed.split(' ').map((w) => (VOWEL.test(w) ? w.toLocaleLowerCase('vi') : w));
  const first = words[0] ?? '';
  if (first !== '') words[0] = first[0]!.toLocaleUpperCase('vi') + first.slice(1);
  return words.join(' ');
}

/** A label of at most `max` characters, cut at a word with "…"; a word longer than that is cut inside. */
export function shortName(text: string, max: number): string {
  const name = sentenceCase(text);
  if (name.length <= max) return name;
  let cut = name.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space > max / 3) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.\-–]+$/u, '')}…`;
}

/** Text for a place that reads HTML (a chart's tooltip): the five characters that make markup, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
