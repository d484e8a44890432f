/** Vietnamese text helpers shared by readers, unit matching and search. */

/** Lower case without diacritics, đ → d: "Thủ tục" → "thu tuc". For matching, never for display. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/**
 * A name as part of a file's name: without diacritics, lower case, its words joined by "-"
 * ("Huyện Krông Nô" → "huyen-krong-no"); empty when nothing of it is a letter or a digit.
 */
export function fileSlug(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** One line: collapses every run of white space (line breaks included) into one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Keeps line breaks but trims each line and drops empty ones. */
export function cleanLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** "ĐẮK NÔNG" → "Đắk Nông": titles in appendices are written in capitals. */
export function titleCase(text: string): string {
  return text
    .toLocaleLowerCase('vi')
    .split(/(\s+|-)/)
    .map((w) => (w.length > 0 ? w[0]!.toLocaleUpperCase('vi') + w.slice(1) : w))
    .join('');
}

const TONE_ON_SECOND =
  /([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?![\p{L}\p{N}])|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?![\p{L}\p{N}])/gu;

/**
 * "hoà", "thuỷ" and "hòa", "thủy" are the same word in two accepted tone placements; folds the first
 * to the second so that unit names typed either way match. Only open syllables move the tone.
 */
export function normaliseTonePlacement(text: string): string {
  return text.normalize('NFC').replace(TONE_ON_SECOND, (_m, o, vo, u, vu) => {
    const [lead, marked] = o !== undefined ? [o as string, vo as string] : [u as string, vu as string];
    const d = marked.normalize('NFD');
    const base = d[0]!;
    const tone = d.slice(1);
    return (lead + tone).normalize('NFC') + base;
  });
}

/** The longest file name kept (the common limit of file systems). */
export const MAX_FILE_NAME = 255;

/**
 * A file name as given by a browser or a path, made safe to keep and show: the last path part
 * only, NFC, without control or bidirectional-override characters, white space collapsed, at most
 * MAX_FILE_NAME characters (the extension kept when it is cut); `fallback` when nothing is left.
 */
export function cleanFileName(name: string, fallback: string): string {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what is taken out
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+$/, '');
  if (cleaned === '') return fallback;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_FILE_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? Array.from(cleaned.slice(dot)) : [];
  return (
    chars
      .slice(0, MAX_FILE_NAME - extension.length)
      .join('')
      .trimEnd() + extension.join('')
  );
}
