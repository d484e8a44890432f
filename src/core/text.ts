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
