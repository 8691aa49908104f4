import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The document-structure part of the Extract simulator (UPSTREAMS §2 "Output"): reads the text
 * layer of a real PDF with pdfjs and rebuilds Kensho Extract's content tree from its geometry.
 * Pure: bytes + options in, output out; no HTTP and no job state here.
 *
 * Heuristics (a single-column reading order is assumed):
 * - text items on the same baseline form a line (sorted by x, joined with a space at gaps);
 * - lines clearly larger than the body size (the most used size, by characters) are headings;
 * - two or more consecutive lines split by wide gaps into the same number (≥ 2) of cells
 *   form a table, row 0 being the column header;
 * - other consecutive lines form a block until a vertical gap noticeably larger than a line.
 * There is no OCR: a page without a text layer yields no nodes (as a scan would without `ocr`).
 */

export const DOCUMENT_TYPES = ['general', 'hierarchical', 'hierarchical_v2'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const OUTPUT_FORMATS = ['structured_document', 'structured_document_with_locations', 'structured_document_with_char_offsets'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A box on one page: fractions of the page, origin top-left. */
export interface Location {
  page_number: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Per-line detail of the char-offsets format. `character_offsets[i]` has one number per
 * character of `texts[i]`: where that character starts, as a fraction (0–1) of the width of
 * the line's box `text_locations[i]` (as in Kensho's kenverters model and fixture). A line's
 * list may be null.
 */
export interface TextNodeData {
  texts: string[];
  text_locations: Location[];
  character_offsets: Array<number[] | null>;
}

export interface ContentNode {
  uid: string;
  type: string;
  content: string;
  children: ContentNode[];
  locations?: Location[];
  text_node_data?: TextNodeData;
}

export interface Annotation {
  type: string;
  content_uids?: string[];
  data: Record<string, unknown>;
  locations?: Location[];
}

export interface PdfPageInfo {
  width: number;
  height: number;
  required_ccw_rotation: number;
}

export interface ExtractOutput {
  content_tree: ContentNode;
  annotations: Annotation[];
  pdf_pages: PdfPageInfo[];
}

export interface ExtractPdfOptions {
  documentType: DocumentType;
  /** 1-based page numbers to process, ascending; all pages when absent. */
  pages?: number[];
  /** page_number in locations is the absolute 0-based page instead of the index in `pages`. */
  absolutePageNumbers?: boolean;
  figureExtraction?: boolean;
  includeRelations?: boolean;
  /** Prefix of every node uid (uids are `${uidPrefix}-n${i}`, stable for the same input). */
  uidPrefix: string;
}

/** The bytes are not a PDF pdfjs can open. */
export class PdfOpenError extends Error {}

/** True when the bytes start with the PDF header `%PDF-`. */
export function hasPdfMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;
}

type PdfDocument = Awaited<ReturnType<typeof getDocument>['promise']>;

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  // pdfjs may transfer (detach) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw new PdfOpenError(error instanceof Error ? error.message : String(error));
  }
}

/** The number of pages of a PDF; throws PdfOpenError when pdfjs cannot open it. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const doc = await openPdf(bytes);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/**
 * Parses a 1-based page selection such as `1-5,7,14-16` into ranges; throws an Error with a
 * readable message on bad syntax. Ranges are checked against the page count by `expandPages`.
 */
export function parsePages(spec: string): Array<[number, number]> {
  const parts = spec.split(',').map((p) => p.trim());
  const ranges: Array<[number, number]> = [];
  for (const part of parts) {
    const m = /^(\d{1,9})(?:\s*-\s*(\d{1,9}))?$/.exec(part);
    if (!m) throw new Error(`pages must look like "1-5,7,14-16"; cannot read "${part}"`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1) throw new Error('pages are numbered from 1');
    if (to < from) throw new Error(`page range "${part}" runs backwards`);
    ranges.push([from, to]);
  }
  return ranges;
}

/** Every page of `ranges`, ascending and unique; throws when a page is beyond `pageCount`. */
export function expandPages(ranges: Array<[number, number]>, pageCount: number): number[] {
  const beyond = ranges.find(([, to]) => to > pageCount);
  if (beyond) throw new Error(`page ${beyond[1]} is not in the document (it has ${pageCount} page${pageCount === 1 ? '' : 's'})`);
  const pages = new Set<number>();
  for (const [from, to] of ranges) for (let p = from; p <= to; p++) pages.add(p);
  return [...pages].sort((a, b) => a - b);
}

/** Drops what `format` does not carry: locations (plain format) and text_node_data (all but char offsets). */
export function projectOutput(output: ExtractOutput, format: OutputFormat): ExtractOutput {
  const locations = format !== 'structured_document';
  const offsets = format === 'structured_document_with_char_offsets';
  const node = (n: ContentNode): ContentNode => ({
    uid: n.uid,
    type: n.type,
    content: n.content,
    children: n.children.map(node),
    ...(locations && n.locations ? { locations: n.locations } : {}),
    ...(offsets && n.text_node_data ? { text_node_data: n.text_node_data } : {}),
  });
  return {
    content_tree: node(output.content_tree),
    annotations: output.annotations.map((a) => {
      const { locations: l, ...rest } = a;
      return locations && l ? { ...rest, locations: l } : rest;
    }),
    pdf_pages: output.pdf_pages,
  };
}

// ---- geometry -------------------------------------------------------------------------------

/** A run of text on one baseline, in PDF points (origin bottom-left of the page view). */
interface Span {
  text: string;
  /** The x where each character of `text` starts (one per character). */
  starts: number[];
  x0: number;
  x1: number;
  baseline: number;
  size: number;
  top: number;
  bottom: number;
}

interface Line {
  /** Index of the page in the processed pages, and its absolute 0-based number. */
  pageIndex: number;
  pageNumber: number;
  text: string;
  /** The x where each character of `text` starts (one per character). */
  starts: number[];
  /** Cells split at wide gaps (a single cell for ordinary text). */
  cells: Span[];
  box: Box;
  baseline: number;
  size: number;
}

interface Box {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

interface PageGeometry {
  width: number;
  height: number;
}

/** A gap between two spans wider than this many font sizes separates table cells (≈ 2 spaces). */
const CELL_GAP_EM = 0.5;
/** A gap wider than this (in font sizes) between two items of a line gets a space. */
const WORD_GAP_EM = 0.1;
/** A line at least this many times the body size is a heading. */
const HEADING_RATIO = 1.15;
/** Baseline distance (in font sizes) up to which two lines belong to one block. */
const BLOCK_LEADING_EM = 1.5;
/** Baseline distance (in font sizes) up to which two rows belong to one table. */
const TABLE_LEADING_EM = 2.5;

const union = (boxes: Box[]): Box => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  top: Math.max(...boxes.map((b) => b.top)),
  bottom: Math.min(...boxes.map((b) => b.bottom)),
});

const round = (v: number) => Math.round(v * 10_000) / 10_000;
const round5 = (v: number) => Math.round(v * 100_000) / 100_000;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Splits one pdfjs item into spans at runs of 2+ spaces (positions estimated proportionally). */
function itemSpans(str: string, x: number, width: number, baseline: number, size: number, height: number): Span[] {
  const spans: Span[] = [];
  const perChar = str.length > 0 ? width / str.length : 0;
  const re = /\S+(?: \S+)*/g;
  const starts = (x0: number, text: string, step: number) => Array.from(text, (_, i) => x0 + i * step);
  for (let m = re.exec(str); m; m = re.exec(str)) {
    const x0 = x + m.index * perChar;
    spans.push({ text: m[0], starts: starts(x0, m[0], perChar), x0, x1: x0 + m[0].length * perChar, baseline, size, top: baseline + height, bottom: baseline - 0.2 * size });
  }
  if (spans.length === 1) {
    // One run: use the exact item extent instead of the estimate.
    const only = spans[0]!;
    only.x0 = x;
    only.x1 = x + width;
    only.starts = starts(x, only.text, only.text.length > 0 ? width / only.text.length : 0);
  }
  return spans;
}

/** The text lines of one page, top to bottom. */
function pageLines(items: unknown[], view: number[], pageIndex: number, pageNumber: number): Line[] {
  const [vx0 = 0, vy0 = 0] = view;
  const spans: Span[] = [];
  for (const raw of items) {
    const item = raw as { str?: unknown; transform?: number[]; width?: number; height?: number };
    if (typeof item.str !== 'string' || item.str.trim() === '' || !Array.isArray(item.transform)) continue;
    const t = item.transform;
    const size = Math.hypot(t[2] ?? 0, t[3] ?? 0) || item.height || 1;
    spans.push(...itemSpans(item.str, (t[4] ?? 0) - vx0, item.width ?? 0, (t[5] ?? 0) - vy0, size, item.height || size));
  }
  spans.sort((a, b) => b.baseline - a.baseline || a.x0 - b.x0);
  const groups: Span[][] = [];
  for (const s of spans) {
    const current = groups.at(-1);
    const ref = current?.[0];
    if (current && ref && Math.abs(ref.baseline - s.baseline) <= 0.35 * Math.max(ref.size, s.size)) current.push(s);
    else groups.push([s]);
  }
  return groups.map((group) => {
    group.sort((a, b) => a.x0 - b.x0);
    const size = Math.max(...group.map((s) => s.size));
    const cells: Span[] = [];
    let text = '';
    const starts: number[] = [];
    let prev: Span | undefined;
    for (const s of group) {
      const gap = prev ? s.x0 - prev.x1 : 0;
      // A joining space starts where the previous run ends.
      const sep = prev && gap > WORD_GAP_EM * size ? ' ' : '';
      if (prev && gap >= CELL_GAP_EM * size) cells.push({ ...s, starts: [...s.starts] });
      else if (prev) {
        const cell = cells.at(-1)!;
        cell.text += sep + s.text;
        if (sep) cell.starts.push(prev.x1);
        cell.starts.push(...s.starts);
        cell.x1 = Math.max(cell.x1, s.x1);
        cell.top = Math.max(cell.top, s.top);
        cell.bottom = Math.min(cell.bottom, s.bottom);
      } else cells.push({ ...s, starts: [...s.starts] });
      text += sep + s.text;
      if (sep) starts.push(prev!.x1);
      starts.push(...s.starts);
      prev = s;
    }
    return { pageIndex, pageNumber, text, starts, cells, box: union(cells), baseline: group[0]!.baseline, size };
  });
}

// ---- layout elements ------------------------------------------------------------------------

type Element =
  | { kind: 'heading'; lines: Line[]; size: number }
  | { kind: 'body'; lines: Line[] }
  | { kind: 'table'; rows: Line[] }
  | { kind: 'pagemark'; type: 'PAGE_HEADER' | 'PAGE_FOOTER'; lines: Line[] };

const sizeKey = (size: number) => Math.round(size * 2) / 2;

/** The body font size: the size carrying the most characters. */
function bodySize(lines: Line[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(sizeKey(l.size), (chars.get(sizeKey(l.size)) ?? 0) + l.text.length);
  let best = 0;
  let bestChars = -1;
  for (const [size, n] of chars) if (n > bestChars || (n === bestChars && size < best)) [best, bestChars] = [size, n];
  return best;
}

/** Length of the table starting at lines[i] (0 when none starts there). */
function tableRun(lines: Line[], i: number, isHeading: (l: Line) => boolean): number {
  const first = lines[i]!;
  const columns = first.cells.length;
  if (columns < 2 || isHeading(first)) return 0;
  let j = i + 1;
  while (j < lines.length) {
    const l = lines[j]!;
    const prev = lines[j - 1]!;
    if (l.cells.length !== columns || isHeading(l) || prev.baseline - l.baseline > TABLE_LEADING_EM * Math.max(prev.size, l.size)) break;
    j++;
  }
  return j - i >= 2 ? j - i : 0;
}

function pageElements(lines: Line[], page: PageGeometry, body: number, documentType: DocumentType): Element[] {
  const isHeading = (l: Line) => body > 0 && l.size >= body * HEADING_RATIO && l.text.length <= 200;
  const elements: Element[] = [];
  let content = lines;
  if (documentType === 'hierarchical_v2') {
    // Page headers and footers: lines whose middle lies in the top or bottom 5% of the page.
    content = [];
    for (const l of lines) {
      const middle = (l.box.top + l.box.bottom) / 2;
      if (middle >= page.height * 0.95) elements.push({ kind: 'pagemark', type: 'PAGE_HEADER', lines: [l] });
      else if (middle <= page.height * 0.05) elements.push({ kind: 'pagemark', type: 'PAGE_FOOTER', lines: [l] });
      else content.push(l);
    }
  }
  const headers = elements.filter((e) => e.kind === 'pagemark' && e.type === 'PAGE_HEADER');
  const footers = elements.filter((e) => e.kind === 'pagemark' && e.type === 'PAGE_FOOTER');
  const main: Element[] = [];
  let i = 0;
  while (i < content.length) {
    const line = content[i]!;
    const run = tableRun(content, i, isHeading);
    if (run > 0) {
      main.push({ kind: 'table', rows: content.slice(i, i + run) });
      i += run;
      continue;
    }
    const heading = isHeading(line);
    const group = [line];
    let j = i + 1;
    while (j < content.length) {
      const next = content[j]!;
      const prev = group.at(-1)!;
      const sameKind = heading ? isHeading(next) && sizeKey(next.size) === sizeKey(line.size) : !isHeading(next) && Math.abs(next.size - prev.size) < 1;
      if (!sameKind || prev.baseline - next.baseline > BLOCK_LEADING_EM * Math.max(prev.size, next.size) || tableRun(content, j, isHeading) > 0) break;
      group.push(next);
      j++;
    }
    main.push(heading ? { kind: 'heading', lines: group, size: sizeKey(line.size) } : { kind: 'body', lines: group });
    i = j;
  }
  return [...headers, ...main, ...footers];
}

// ---- the content tree -----------------------------------------------------------------------

/**
 * Extracts the structure of a PDF. Throws PdfOpenError when pdfjs cannot open the bytes, and
 * any pdfjs error met while reading a page's text (the job then ends `failed`).
 */
export async function extractPdf(bytes: Uint8Array, options: ExtractPdfOptions): Promise<ExtractOutput> {
  const doc = await openPdf(bytes);
  const pdfPages: PdfPageInfo[] = [];
  const geometry: PageGeometry[] = [];
  const linesByPage: Line[][] = [];
  try {
    const pages = options.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const [index, number] of pages.entries()) {
      const page = await doc.getPage(number);
      const view = page.view;
      const width = (view[2] ?? 0) - (view[0] ?? 0);
      const height = (view[3] ?? 0) - (view[1] ?? 0);
      // /Rotate turns the page clockwise for display; we report it as the counter-clockwise
      // turn that brings the stored content upright (0 for unrotated pages).
      const rotate = (((page.rotate ?? 0) % 360) + 360) % 360;
      pdfPages.push({ width: round(width), height: round(height), required_ccw_rotation: (360 - rotate) % 360 });
      geometry.push({ width, height });
      const text = await page.getTextContent();
      linesByPage.push(pageLines(text.items, view, index, number - 1));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return buildTree(linesByPage, geometry, pdfPages, options);
}

function buildTree(linesByPage: Line[][], geometry: PageGeometry[], pdfPages: PdfPageInfo[], options: ExtractPdfOptions): ExtractOutput {
  const { documentType } = options;
  const hierarchical = documentType !== 'general';
  const body = bodySize(linesByPage.flat());
  const elements = linesByPage.flatMap((lines, p) => pageElements(lines, geometry[p]!, body, documentType));

  // Heading levels by size over the whole document: the largest size is H1.
  const maxLevel = documentType === 'hierarchical_v2' ? 3 : 2;
  const headingSizes = [...new Set(elements.flatMap((e) => (e.kind === 'heading' ? [e.size] : [])))].sort((a, b) => b - a);
  const levelOf = (size: number) => Math.min(headingSizes.indexOf(size) + 1, maxLevel);

  let counter = 0;
  const uid = () => `${options.uidPrefix}-n${counter++}`;
  const location = (page: number, box: Box): Location => {
    const g = geometry[page]!;
    const pageNumber = options.absolutePageNumbers ? linesByPage[page]![0]?.pageNumber ?? page : page;
    const x0 = clamp01(box.x0 / g.width);
    const x1 = clamp01(box.x1 / g.width);
    const top = clamp01((g.height - box.top) / g.height);
    const bottom = clamp01((g.height - box.bottom) / g.height);
    return { page_number: pageNumber, x: round(x0), y: round(top), width: round(x1 - x0), height: round(bottom - top) };
  };
  // Where each character starts, as a fraction of its line box's width (kenverters' model).
  const offsets = (p: { text: string; box: Box; starts: number[] }): number[] | null => {
    // Python counts characters as code points, so do we.
    if (p.starts.length !== [...p.text].length) return null;
    const width = p.box.x1 - p.box.x0;
    return p.starts.map((x) => (width > 0 ? round5(clamp01((x - p.box.x0) / width)) : 0));
  };
  const textNode = (type: string, parts: Array<{ text: string; box: Box; pageIndex: number; starts: number[] }>): ContentNode => {
    const character_offsets = parts.map(offsets);
    const page = parts[0]!.pageIndex;
    return {
      uid: uid(),
      type,
      content: parts.map((p) => p.text).join(' '),
      children: [],
      locations: [location(page, union(parts.map((p) => p.box)))],
      text_node_data: { texts: parts.map((p) => p.text), text_locations: parts.map((p) => location(p.pageIndex, p.box)), character_offsets },
    };
  };
  const linesNode = (type: string, lines: Line[]) => textNode(type, lines);

  const root: ContentNode = { uid: uid(), type: 'DOCUMENT', content: '', children: [] };
  const annotations: Annotation[] = [];
  const stack: Array<{ level: number; node: ContentNode }> = [];
  const parent = () => (hierarchical ? (stack.at(-1)?.node ?? root) : root);

  const tableNode = (rows: Line[], figure: boolean): ContentNode => {
    const page = rows[0]!.pageIndex;
    const table: ContentNode = { uid: uid(), type: figure ? 'FIGURE_EXTRACTED_TABLE' : 'TABLE', content: '', children: [], locations: [location(page, union(rows.map((r) => r.box)))] };
    rows.forEach((row, r) =>
      row.cells.forEach((cell, c) => {
        const node = textNode(figure ? 'FIGURE_EXTRACTED_TABLE_CELL' : 'TABLE_CELL', [{ text: cell.text, box: cell, pageIndex: row.pageIndex, starts: cell.starts }]);
        table.children.push(node);
        annotations.push({
          type: figure ? 'figure_extracted_table_structure' : 'table_structure',
          content_uids: [node.uid],
          data: { index: [r, c], span: [1, 1], ...(figure ? { value: cell.text } : {}), is_column_header: r === 0 },
          locations: node.locations,
        });
      }),
    );
    return table;
  };

  const consumed = new Set<number>();
  for (const [k, e] of elements.entries()) {
    if (consumed.has(k)) continue;
    if (e.kind === 'pagemark') {
      root.children.push(linesNode(e.type, e.lines));
      continue;
    }
    if (e.kind === 'table') {
      parent().children.push(tableNode(e.rows, false));
      continue;
    }
    const next = elements[k + 1];
    const text = e.lines.map((l) => l.text).join(' ');
    const captionOf = next?.kind === 'table' && next.rows[0]!.pageIndex === e.lines[0]!.pageIndex ? next : undefined;
    if (captionOf && options.figureExtraction && /^Figure\b/.test(text)) {
      // A real extractor reads tables out of figure images. The simulator's convention: a
      // table right after a "Figure …" caption is a figure whose table was extracted; the
      // FIGURE's content is the caption.
      const figure = linesNode('FIGURE', e.lines);
      figure.children.push(tableNode(captionOf.rows, true));
      figure.locations = [location(e.lines[0]!.pageIndex, union([...e.lines.map((l) => l.box), ...captionOf.rows.map((r) => r.box)]))];
      parent().children.push(figure);
      consumed.add(k + 1);
      continue;
    }
    if (captionOf && hierarchical && /^Table\b/.test(text)) {
      const title = linesNode('TABLE_TITLE', e.lines);
      const table = tableNode(captionOf.rows, false);
      parent().children.push(title, table);
      // Extract does not publish its relation_type values; the simulator uses "title_of"
      // (source = the title, target = the table it names).
      if (options.includeRelations) annotations.push({ type: 'relation', data: { relation_type: 'title_of', source_content_uid: title.uid, target_content_uid: table.uid } });
      consumed.add(k + 1);
      continue;
    }
    if (e.kind === 'body') {
      parent().children.push(linesNode(hierarchical ? 'PARAGRAPH' : 'TEXT', e.lines));
    } else if (!hierarchical) {
      root.children.push(linesNode('TITLE', e.lines));
    } else {
      const level = levelOf(e.size);
      while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
      const node = linesNode(`H${level}`, e.lines);
      parent().children.push(node);
      stack.push({ level, node });
    }
  }
  return { content_tree: root, annotations, pdf_pages: pdfPages };
}
