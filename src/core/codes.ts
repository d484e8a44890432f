/**
 * Criterion codes (STT): dotted numbers of any depth, "3.4.4.1". Real documents also write "2,3" for
 * 2.3, "4." for 4, Roman numerals for areas ("II"), stray spaces and leading zeros. A code is
 * normalised to its dotted form; how it was changed is kept so the checker can say so.
 */
export type CodeFix = 'comma' | 'trailing-dot' | 'roman' | 'spaces' | 'leading-zero';

export type CodeParse = { ok: true; code: string; parts: number[]; fixes: CodeFix[] } | { ok: false };

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

function romanToInt(text: string): number | null {
  if (!/^[IVXL]+$/.test(text)) return null;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const v = ROMAN[text[i]!]!;
    const next = i + 1 < text.length ? ROMAN[text[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  // reject non-canonical spellings such as "IIII" or "VX"
  return intToRoman(total) === text ? total : null;
}

function intToRoman(n: number): string {
  const table: [number, string][] = [
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

export function parseCode(raw: string): CodeParse {
  const fixes: CodeFix[] = [];
  let text = raw.normalize('NFC').trim();
  if (text === '') return { ok: false };
  if (/\s/.test(text)) {
    text = text.replace(/\s+/g, '');
    fixes.push('spaces');
  }
  const roman = romanToInt(text.replace(/\.$/, '').toUpperCase());
  if (roman !== null && /^[IVXLivxl]+\.?$/.test(text)) {
    return { ok: true, code: String(roman), parts: [roman], fixes: [...fixes, 'roman'] };
  }
  if (text.includes(',')) {
    text = text.replace(/,/g, '.');
    fixes.push('comma');
  }
  if (text.endsWith('.')) {
    text = text.replace(/\.+$/, '');
    fixes.push('trailing-dot');
  }
  if (!/^\d{1,3}(\.\d{1,3})*$/.test(text)) return { ok: false };
  const pieces = text.split('.');
  if (pieces.some((p) => p.length > 1 && p.startsWith('0'))) fixes.push('leading-zero');
  const parts = pieces.map(Number);
  if (parts.some((p) => p === 0)) return { ok: false };
  return { ok: true, code: parts.join('.'), parts, fixes };
}

export function codeParts(code: string): number[] {
  return code.split('.').map(Number);
}

export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i === -1 ? null : code.slice(0, i);
}

export function depthOf(code: string): number {
  return code.split('.').length;
}

/** Numeric order: 7.1.9 < 7.1.10 < 7.2. */
export function compareCodes(a: string, b: string): number {
  const pa = codeParts(a);
  const pb = codeParts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const d = pa[i]! - pb[i]!;
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}

/** The code before `code` among its siblings ("1.3" → "1.2"), or null for a first child. */
export function previousSibling(code: string): string | null {
  const parts = codeParts(code);
  const last = parts[parts.length - 1]!;
  if (last <= 1) return null;
  return [...parts.slice(0, -1), last - 1].join('.');
}
