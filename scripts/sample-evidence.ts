/**
 * Writes the sample evidence files of the sample round (samples/evidence/): a one-page PDF "Kế hoạch
 * CCHC năm 2026" built byte by byte (objects, a cross-reference table with each object's offset, the
 * trailer) and a PNG "photo" of a commune's one-stop office (a sky, a building, a yard, drawn pixel by
 * pixel and compressed with node:zlib). Both are what formats/evidence-type.ts accepts by content
 * (test/sample-round.test.ts checks it).
 * Run: npx tsx scripts/sample-evidence.ts (the outputs are committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const FOLDER = new URL('../samples/evidence/', import.meta.url);

/** A PDF text string in UTF-16BE with its byte order mark (how a PDF holds Vietnamese metadata). */
function utf16(text: string): string {
  const bytes = [0xfe, 0xff];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    bytes.push(code >> 8, code & 0xff);
  }
  return `<${Buffer.from(bytes).toString('hex').toUpperCase()}>`;
}

/**
 * The plan's page. Standard fonts carry no Vietnamese letters, so the page's lines are written
 * without diacritics; the document's title (Info) keeps them.
 */
export function samplePdf(): Buffer {
  const lines: [number, number, string][] = [
    [16, 760, 'UY BAN NHAN DAN XA NAM DA'],
    [16, 736, 'KE HOACH CAI CACH HANH CHINH NAM 2026'],
    [11, 700, '1. Muc tieu: nang cao Chi so CCHC cua xa; 100% thu tuc hanh chinh'],
    [11, 684, '   duoc giai quyet dung han tai Bo phan mot cua.'],
    [11, 660, '2. Nhiem vu: kiem tra CCHC 02 lan/nam; tuyen truyen CCHC hang quy;'],
    [11, 644, '   so hoa ho so, ket qua giai quyet thu tuc hanh chinh.'],
    [11, 620, '3. To chuc thuc hien: cong chuc Van phong - Thong ke chu tri.'],
    [11, 580, 'Nam Da, ngay 05 thang 01 nam 2026          CHU TICH UBND XA'],
  ];
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = [
    'BT',
    ...lines.map(([size, y, text]) => `/F1 ${size} Tf 1 0 0 1 56 ${y} Tm (${escape(text)}) Tj`),
    'ET',
    '0.2 0.2 0.6 RG 1 w 56 720 m 539 720 l S',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title ${utf16('Kế hoạch CCHC năm 2026')} /Author ${utf16('UBND xã Nam Đà')} /Producer (ParIndex sample) /CreationDate (D:20260105080000+07'00') >>`,
  ];
  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A 320 × 200 RGB picture: sky, the one-stop office (yellow walls, red roof, windows), trees, a yard. */
export function samplePng(): Buffer {
  const width = 320;
  const height = 200;
  // a fixed pseudo-random grain so the picture has a photo's noise and the file is the same each run
  let seed = 20260105;
  const grain = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed % 17) - 8;
  };
  const pixel = (x: number, y: number): [number, number, number] => {
    const roof = y >= 60 && y < 90 && Math.abs(x - 160) <= 100 - (y - 60) * 1.2 + 30;
    const wall = y >= 90 && y < 160 && x >= 80 && x < 240;
    const window = wall && y >= 100 && y < 125 && (x - 90) % 30 < 16 && x < 232;
    const door = wall && y >= 125 && x >= 150 && x < 170;
    const tree = (x - 40) ** 2 + (y - 110) ** 2 < 26 ** 2 || (x - 282) ** 2 + (y - 115) ** 2 < 22 ** 2;
    const trunk = (x >= 37 && x < 43 && y >= 130 && y < 160) || (x >= 279 && x < 285 && y >= 132 && y < 160);
    if (window) return [90, 140, 190];
    if (door) return [110, 70, 40];
    if (wall) return [236, 204, 120];
    if (roof) return [170, 50, 40];
    if (trunk) return [100, 70, 40];
    if (tree) return [40 + ((x * 7 + y * 3) % 30), 120 + ((x + y * 5) % 40), 50];
    if (y < 160) return [120 + y / 2, 170 + y / 4, 235];
    return [120 + (y - 160), 110 + (y - 160) / 2, 90];
  };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const n = grain();
      raw[row + 1 + x * 3] = Math.max(0, Math.min(255, Math.round(r + n)));
      raw[row + 2 + x * 3] = Math.max(0, Math.min(255, Math.round(g + n)));
      raw[row + 3 + x * 3] = Math.max(0, Math.min(255, Math.round(b + n)));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  mkdirSync(FOLDER, { recursive: true });
  writeFileSync(new URL('ke-hoach-cchc-2026.pdf', FOLDER), samplePdf());
  writeFileSync(new URL('bo-phan-mot-cua.png', FOLDER), samplePng());
  console.log('samples/evidence: ke-hoach-cchc-2026.pdf, bo-phan-mot-cua.png');
}
