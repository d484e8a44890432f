/** Numbers and dates as Vietnamese officers read them: "86,26", "31/01/2025". */
import { formatScore, fromDecimalString, type Score } from '@core/score';

export function scoreOf(decimal: string | null | undefined): Score | null {
  return decimal === null || decimal === undefined ? null : fromDecimalString(decimal);
}

export function fmt(value: Score | string | null | undefined, lang: 'vi' | 'en'): string {
  if (value === null || value === undefined) return '';
  return formatScore(typeof value === 'string' ? fromDecimalString(value) : value, lang);
}

/** A signed difference: "+0,5", "−0,25", "0". */
export function fmtSigned(value: Score | null, lang: 'vi' | 'en'): string {
  if (value === null) return '';
  if (value.units === 0) return '0';
  const text = formatScore({ units: Math.abs(value.units), scale: value.scale }, lang);
  return value.units > 0 ? `+${text}` : `−${text}`;
}

export function fmtDate(iso: string | null | undefined, lang: 'vi' | 'en'): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return date.toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: iso.length === 10 ? 'UTC' : undefined,
  });
}

export function fmtDateTime(iso: string, lang: 'vi' | 'en'): string {
  const date = new Date(iso);
  const day = fmtDate(iso, lang);
  const time = date.toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${day} ${time}`;
}

/** Today as yyyy-mm-dd in the browser's time zone, to compare with deadlines. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
