/**
 * DOCX documents: mammoth turns the Word file into HTML (tables kept, with their spans); paragraphs
 * outside tables become text blocks, tables become rows on a grid where a cell spanning columns or
 * rows fills every slot it covers.
 */
import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import mammoth from 'mammoth';
import { cleanLines } from '../core/text.js';
import { MAX_DOCX_CELLS, MAX_COLUMNS } from '../shared/limits.js';
import { ReadLimitError } from './errors.js';
import type { SourceBlock, SourceCell } from './source.js';

export async function readDocx(bytes: Uint8Array): Promise<SourceBlock[]> {
  const { value: html } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    // pictures are never read (zip.ts does not even unpack them)
    { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
  );
  return htmlToBlocks(html);
}

export function htmlToBlocks(html: string): SourceBlock[] {
  const doc = parseDocument(html, { decodeEntities: true });
  const blocks: SourceBlock[] = [];
  let tableNo = 0;
  let paragraphNo = 0;
  const visit = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (!isTag(node)) continue;
      if (node.name === 'table') {
        tableNo += 1;
        blocks.push(...tableRows(node, tableNo));
      } else if (/^(p|h[1-6]|li)$/.test(node.name)) {
        paragraphNo += 1;
        const text = cleanLines(cellText(node));
        if (text !== '') blocks.push({ kind: 'text', text, location: { line: paragraphNo } });
      } else {
        visit(node.children);
      }
    }
  };
  visit(doc.children);
  return blocks;
}

/** Text of a cell or paragraph: each paragraph on its own line, list items as "- " lines. */
function cellText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node)) return '';
  const inner = node.children.map(cellText).join('');
  switch (node.name) {
    case 'br':
      return '\n';
    case 'li':
      return `\n- ${inner}\n`;
    case 'p':
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'tr':
      return `\n${inner}\n`;
    case 'td':
    case 'th':
      return `${inner}\t`;
    default:
      return inner;
  }
}

function childTags(node: Element, names: readonly string[]): Element[] {
  const out: Element[] = [];
  for (const child of node.children) {
    if (!isTag(child)) continue;
    if (names.includes(child.name)) out.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.name)) out.push(...childTags(child, names));
  }
  return out;
}

function tableRows(table: Element, tableNo: number): SourceBlock[] {
  const grid: SourceCell[][] = [];
  const rows = childTags(table, ['tr']);
  let cells = 0;
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const td of childTags(tr, ['td', 'th'])) {
      while (grid[r][col] !== undefined) col++;
      const colspan = Math.max(1, Number(td.attribs.colspan ?? 1) || 1);
      const rowspan = Math.max(1, Number(td.attribs.rowspan ?? 1) || 1);
      // scan.ts refused the document's oversized tables; HTML from elsewhere meets the same limits
      if (col + colspan > MAX_COLUMNS) {
        const at = { table: tableNo, row: r + 1, column: col + 1 };
        throw new ReadLimitError({ name: colspan > MAX_COLUMNS ? 'span' : 'columns', max: MAX_COLUMNS, at });
      }
      cells += colspan * Math.min(rowspan, rows.length - r);
      if (cells > MAX_DOCX_CELLS) {
        throw new ReadLimitError({ name: 'cells', max: MAX_DOCX_CELLS, at: { table: tableNo, row: r + 1 } });
      }
      const text = cleanLines(cellText(td).replace(/\t/g, '\n'));
      const origin = { table: tableNo, row: r + 1, column: col + 1 };
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) {
          const covered = dr > 0 || dc > 0;
          grid[r + dr]![col + dc] = covered ? { text, mergedFrom: origin } : { text };
        }
      }
      col += colspan;
    }
  });
  return grid.map((cells, r) => ({
    kind: 'row' as const,
    cells: Array.from(cells, (c) => c ?? { text: '' }),
    location: { table: tableNo, row: r + 1 },
  }));
}
