import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@kensho-gateway/simulator';

/** Kensho Extract v3 in the simulator (UPSTREAMS §2), over real HTTP, with the PDF fixtures. */

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/pdf/${name}`, import.meta.url)));
const REPORT = fixture('report.pdf');

interface Loc {
  page_number: number;
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Node {
  uid: string;
  type: string;
  content: string;
  children: Node[];
  locations?: Loc[];
  text_node_data?: { texts: string[]; text_locations: Loc[]; character_offsets: Array<number[] | null> };
}
interface Annotation {
  type: string;
  content_uids?: string[];
  data: Record<string, unknown>;
  locations?: Loc[];
}
interface Output {
  content_tree: Node;
  annotations: Annotation[];
  pdf_pages: Array<{ width: number; height: number; required_ccw_rotation: number }>;
}
interface JobBody {
  status: string;
  error?: string;
  output?: Output;
  metadata: Record<string, unknown>;
}

const all = (n: Node): Node[] => [n, ...n.children.flatMap(all)];
const byContent = (out: Output, content: string) => all(out.content_tree).find((n) => n.content === content);
const types = (out: Output) => new Set(all(out.content_tree).map((n) => n.type));

let now = Date.UTC(2026, 5, 1, 9, 0, 0);
const DURATION = 50;
let sim: Simulator;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ clock: () => now, extractJobDurationMs: DURATION });
  token = await sim.issueAccessToken({ scopes: ['kensho:app:extract'], lifetimeSeconds: 30 * 86_400 });
});
afterAll(async () => sim.close());
afterEach(() => {
  sim.knobs.failExtractJobs = false;
  sim.knobs.extractMaxFileBytes = 100_000_000;
  sim.knobs.extractOutputFileShape = 'bare';
  sim.knobs.extractUploadUrlUnknownFields = 'ignore';
});

const BASE = { document_type: 'general', ocr: 'false', enhanced_table_extraction: 'false' };

function form(fields: Record<string, string>, file?: { bytes: Uint8Array; name?: string } | null): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('file', new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name ?? 'doc.pdf');
  return fd;
}

const auth = (t: string | null = token): Record<string, string> => (t ? { authorization: `Bearer ${t}` } : {});

async function submit(fields: Record<string, string>, bytes: Uint8Array | null = REPORT, t: string | null = token): Promise<Response> {
  return fetch(`${sim.urls.extract}/v3/extractions`, { method: 'POST', headers: auth(t), body: form(fields, bytes ? { bytes } : null) });
}

async function submitOk(fields: Record<string, string>, bytes: Uint8Array = REPORT): Promise<string> {
  const res = await submit(fields, bytes);
  const body = (await res.json()) as { request_id: string; detail?: string };
  expect(res.status, body.detail).toBe(200);
  expect(body.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  return body.request_id;
}

async function getJob(id: string, query = '', t: string | null = token): Promise<{ status: number; body: JobBody & { detail?: string } }> {
  const res = await fetch(`${sim.urls.extract}/v3/extractions/${id}${query}`, { headers: auth(t) });
  return { status: res.status, body: (await res.json()) as JobBody & { detail?: string } };
}

async function downloadUrl(id: string, t: string | null = token): Promise<{ status: number; body: { status: string; output_url?: string; error?: string; detail?: string } }> {
  const res = await fetch(`${sim.urls.extract}/v3/extractions/download-url/${id}`, { headers: auth(t) });
  return { status: res.status, body: (await res.json()) as { status: string; output_url?: string; error?: string } };
}

/** Submits, lets the job duration pass on the simulator clock, and returns the finished job. */
async function extract(fields: Record<string, string>, bytes: Uint8Array = REPORT, query = ''): Promise<JobBody & { output: Output }> {
  const id = await submitOk({ ...BASE, ...fields }, bytes);
  now += DURATION;
  const { status, body } = await getJob(id, query);
  expect(status).toBe(200);
  expect(body.status, body.error).toBe('success');
  return body as JobBody & { output: Output };
}

/** Another client's Extract token (the refresh flow issues tokens for client `refresh-extract`). */
async function otherClientToken(): Promise<string> {
  const rt = sim.issueRefreshToken('extract');
  const res = await fetch(`${sim.urls.extract}/oauth2/refresh?refresh_token=${rt}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('Extract submit and poll', () => {
  it('answers pending until the job duration has passed, then success with the structure of report.pdf (general)', async () => {
    const id = await submitOk({ ...BASE, document_id: 'doc-42', priority: 'low' });
    const pending = await getJob(id);
    expect(pending.status).toBe(200);
    expect(pending.body.status).toBe('pending');
    expect(pending.body.output).toBeUndefined();
    expect(pending.body.metadata).toEqual({ document_type: 'general', document_id: 'doc-42', page_count: 2, priority: 'low', ocr: false, enhanced_table_extraction: false });
    now += DURATION - 1;
    expect((await getJob(id)).body.status).toBe('pending');
    now += 1;
    const done = await getJob(id);
    expect(done.body.status).toBe('success');
    const out = done.body.output!;

    const root = out.content_tree;
    expect(root.type).toBe('DOCUMENT');
    expect(root.content).toBe('');
    // general: everything is a child of DOCUMENT; only tables have children.
    expect(root.children.map((n) => n.type)).toEqual(['TITLE', 'TEXT', 'TEXT', 'TEXT', 'TABLE', 'TEXT', 'TITLE', 'TEXT', 'TITLE', 'TEXT', 'TABLE', 'TEXT']);
    expect(root.children.filter((n) => n.type === 'TITLE').map((n) => n.content)).toEqual(['Kensho Quarterly Report', 'Regional Outlook', 'Headcount by office']);
    expect(root.children[1]!.content).toBe('Kensho Technologies, a unit of S&P Global, builds machine learning tools for analysts in Cambridge and New York.');
    expect(root.children[3]!.content).toBe('Table 1: Revenue by segment');
    expect(root.children[11]!.content).toBe('Page 2');

    const table = root.children[4]!;
    expect(table.children.map((c) => c.type)).toEqual(Array(12).fill('TABLE_CELL'));
    expect(table.children.map((c) => c.content)).toEqual(['Segment', '2023', '2024', 'Market Intelligence', '1,204', '1,350', 'Ratings', '980', '1,012', 'Indices', '455', '498']);
    // The grid rebuilt from the table_structure annotations.
    const grid: string[][] = [];
    for (const a of out.annotations.filter((x) => x.type === 'table_structure')) {
      const cell = all(root).find((n) => n.uid === a.content_uids![0])!;
      if (!table.children.includes(cell)) continue;
      const [r, c] = a.data.index as [number, number];
      expect(a.data.span).toEqual([1, 1]);
      expect(a.data.is_column_header).toBe(r === 0);
      expect(a.locations).toEqual(cell.locations);
      (grid[r] ??= [])[c] = cell.content;
    }
    expect(grid).toEqual([
      ['Segment', '2023', '2024'],
      ['Market Intelligence', '1,204', '1,350'],
      ['Ratings', '980', '1,012'],
      ['Indices', '455', '498'],
    ]);
    expect(out.annotations.filter((a) => a.type === 'table_structure')).toHaveLength(12 + 8);

    // Non-ASCII text survives PDF → text (WinAnsi ü, é).
    expect(root.children[2]!.content).toContain('café-style office in Zürich');
    expect(root.children[7]!.content).toContain('Nestlé expanded their work with Kensho in Germany');

    const nodes = all(root);
    expect(new Set(nodes.map((n) => n.uid)).size).toBe(nodes.length);
    for (const n of nodes.slice(1)) {
      expect(n.locations, n.type).toHaveLength(1);
      const l = n.locations![0]!;
      for (const v of [l.x, l.y, l.width, l.height]) expect(v >= 0 && v <= 1, `${n.type} ${JSON.stringify(l)}`).toBe(true);
      expect(l.x + l.width).toBeLessThanOrEqual(1);
      expect(l.y + l.height).toBeLessThanOrEqual(1);
      expect(n.text_node_data).toBeUndefined();
    }
    // Origin top-left: the title is near the top of page 0, the footer near the bottom of page 1.
    const title = root.children[0]!.locations![0]!;
    expect(title.page_number).toBe(0);
    expect(title.x).toBeCloseTo(72 / 612, 3);
    expect(title.y).toBeGreaterThan(0.05);
    expect(title.y).toBeLessThan(0.1);
    const footer = root.children[11]!.locations![0]!;
    expect(footer.page_number).toBe(1);
    expect(footer.y).toBeGreaterThan(0.95);
    // A two-line block's box spans both lines.
    expect(root.children[1]!.locations![0]!.height).toBeGreaterThan(2 * (11 / 792));
    expect(out.pdf_pages).toEqual([
      { width: 612, height: 792, required_ccw_rotation: 0 },
      { width: 612, height: 792, required_ccw_rotation: 0 },
    ]);
  });

  it('nests paragraphs and tables under headings in hierarchical, with a TABLE_TITLE', async () => {
    const { output: out } = await extract({ document_type: 'hierarchical' });
    const root = out.content_tree;
    expect(root.children.map((n) => `${n.type}:${n.content}`)).toEqual(['H1:Kensho Quarterly Report']);
    const h1 = root.children[0]!;
    expect(h1.children.map((n) => n.type)).toEqual(['PARAGRAPH', 'PARAGRAPH', 'TABLE_TITLE', 'TABLE', 'PARAGRAPH', 'H2', 'H2']);
    expect(h1.children[2]!.content).toBe('Table 1: Revenue by segment');
    expect(h1.children[3]!.children).toHaveLength(12);
    const [outlook, headcount] = [h1.children[5]!, h1.children[6]!];
    expect(outlook.content).toBe('Regional Outlook');
    expect(outlook.children.map((n) => n.type)).toEqual(['PARAGRAPH']);
    // hierarchical has only H1/H2: the 14 pt heading is an H2 too, holding what follows it.
    expect(headcount.content).toBe('Headcount by office');
    expect(headcount.children.map((n) => `${n.type}:${n.content}`)).toEqual(['PARAGRAPH:Figure 1: Headcount', 'TABLE:', 'PARAGRAPH:Page 2']);
    expect(types(out).has('TITLE')).toBe(false);
    expect(types(out).has('TEXT')).toBe(false);
    expect(out.annotations.some((a) => a.type === 'relation')).toBe(false);
  });

  it('uses H1..H3 and page footers in hierarchical_v2', async () => {
    const { output: out } = await extract({ document_type: 'hierarchical_v2' });
    const root = out.content_tree;
    expect(root.children.map((n) => `${n.type}:${n.content}`)).toEqual(['H1:Kensho Quarterly Report', 'PAGE_FOOTER:Page 2']);
    expect(root.children[1]!.locations![0]!.page_number).toBe(1);
    const h2 = root.children[0]!.children.find((n) => n.type === 'H2')!;
    expect(h2.content).toBe('Regional Outlook');
    const h3 = h2.children.find((n) => n.type === 'H3')!;
    expect(h3.content).toBe('Headcount by office');
    expect(h3.children.map((n) => n.type)).toEqual(['PARAGRAPH', 'TABLE']);
    expect(all(root).filter((n) => n.content === 'Page 2').map((n) => n.type)).toEqual(['PAGE_FOOTER']);
  });

  it('relates a table title to its table with include_relations', async () => {
    const { output: out } = await extract({ document_type: 'hierarchical', include_relations: 'true' });
    const title = byContent(out, 'Table 1: Revenue by segment')!;
    expect(title.type).toBe('TABLE_TITLE');
    const table = all(out.content_tree).find((n) => n.type === 'TABLE')!;
    expect(table.children[0]!.content).toBe('Segment');
    const relations = out.annotations.filter((a) => a.type === 'relation');
    expect(relations).toEqual([{ type: 'relation', data: { relation_type: 'title_of', source_content_uid: title.uid, target_content_uid: table.uid } }]);
  });

  it('turns a table under a "Figure" caption into a FIGURE with an extracted table when figure_extraction is on', async () => {
    const { output: out } = await extract({ figure_extraction: 'true' });
    const figure = byContent(out, 'Figure 1: Headcount')!;
    expect(figure.type).toBe('FIGURE');
    expect(figure.children.map((n) => n.type)).toEqual(['FIGURE_EXTRACTED_TABLE']);
    const cells = figure.children[0]!.children;
    expect(cells.map((c) => `${c.type}:${c.content}`)).toEqual(['Office', 'Employees', 'Cambridge', '420', 'New York', '310', 'London', '85'].map((c) => `FIGURE_EXTRACTED_TABLE_CELL:${c}`));
    const ann = out.annotations.find((a) => a.content_uids?.[0] === cells[3]!.uid)!;
    expect(ann.type).toBe('figure_extracted_table_structure');
    expect(ann.data).toEqual({ index: [1, 1], span: [1, 1], value: '420', is_column_header: false });
    // The page-1 table has no Figure caption: still a plain TABLE.
    expect(all(out.content_tree).filter((n) => n.type === 'TABLE')).toHaveLength(1);
    expect(out.annotations.filter((a) => a.type === 'figure_extracted_table_structure')).toHaveLength(8);
    const fig = figure.locations![0]!;
    const tab = figure.children[0]!.locations![0]!;
    expect(fig.y).toBeLessThan(tab.y);
    expect(fig.y + fig.height).toBeCloseTo(tab.y + tab.height, 4);
  });

  it('serves each output format from GET ?output_format=', async () => {
    const id = await submitOk({ ...BASE, document_type: 'hierarchical' });
    now += DURATION;
    const plain = (await getJob(id, '?output_format=structured_document')).body.output!;
    expect(JSON.stringify(plain)).not.toContain('locations');
    expect(JSON.stringify(plain)).not.toContain('text_node_data');
    expect(byContent(plain, 'Regional Outlook')!.type).toBe('H2');
    expect(plain.annotations.every((a) => a.locations === undefined)).toBe(true);

    const withLocations = (await getJob(id)).body.output!;
    expect(withLocations).toEqual((await getJob(id, '?output_format=structured_document_with_locations')).body.output);
    expect(byContent(withLocations, 'Regional Outlook')!.locations![0]!.page_number).toBe(1);
    expect(JSON.stringify(withLocations)).not.toContain('text_node_data');

    const offsets = (await getJob(id, '?output_format=structured_document_with_char_offsets')).body.output!;
    const para = all(offsets.content_tree).find((n) => n.content.startsWith('This quarter'))!;
    expect(para.text_node_data!.texts).toEqual(['This quarter the team met clients from Goldman Sachs and JPMorgan in London,', 'and opened a small café-style office in Zürich.']);
    // One offset per character: where it starts, as a fraction of its line box's width
    // (kenverters' model), so the first is 0 and they grow along the line.
    const lines = para.text_node_data!.character_offsets;
    expect(lines.map((l) => l!.length)).toEqual([76, 47]);
    for (const line of lines) {
      expect(line![0]).toBe(0);
      for (let i = 1; i < line!.length; i++) expect(line![i]!).toBeGreaterThan(line![i - 1]!);
      expect(line!.at(-1)!).toBeLessThan(1);
      expect(line!.at(-1)!).toBeGreaterThan(0.9);
      expect(line!.filter((v) => !Number.isInteger(v)).length).toBe(line!.length - 1);
    }
    // "This quarter …": the "q" of "quarter" starts about 5/76 along the line (proportional glyphs).
    expect(lines[0]![5]!).toBeGreaterThan(0.03);
    expect(lines[0]![5]!).toBeLessThan(0.1);
    const [l1, l2] = para.text_node_data!.text_locations;
    expect(l2!.y).toBeGreaterThan(l1!.y);
    expect(para.locations![0]!.y).toBe(l1!.y);
    const cell = byContent(offsets, 'Market Intelligence')!;
    expect(cell.text_node_data).toMatchObject({ texts: ['Market Intelligence'], text_locations: cell.locations });
    expect(cell.text_node_data!.character_offsets).toHaveLength(1);
    expect(cell.text_node_data!.character_offsets[0]).toHaveLength('Market Intelligence'.length);
    // The same uids in every format.
    expect(all(plain.content_tree).map((n) => n.uid)).toEqual(all(offsets.content_tree).map((n) => n.uid));

    expect((await getJob(id, '?output_format=markdown')).status).toBe(400);
  });

  it('answers 400 on GET when output_format was given at submit; download-url serves that format', async () => {
    const id = await submitOk({ ...BASE, output_format: 'structured_document_with_char_offsets' });
    const early = await downloadUrl(id);
    expect(early.body).toEqual({ status: 'pending' });
    now += DURATION;
    const get = await getJob(id);
    expect(get.status).toBe(400);
    expect(get.body.detail).toMatch(/download-url/);
    const dl = await downloadUrl(id);
    expect(dl.status).toBe(200);
    expect(dl.body.status).toBe('success');
    expect(dl.body.output_url).toMatch(new RegExp(`^${sim.url}/extract-outputs/${id}\\?expires=\\d+&sig=[\\w-]+$`));
    // The output URL is pre-signed: no bearer token.
    const res = await fetch(dl.body.output_url!);
    expect(res.status).toBe(200);
    const out = (await res.json()) as Output;
    expect(byContent(out, 'Kensho Quarterly Report')!.text_node_data!.texts).toEqual(['Kensho Quarterly Report']);
    // A tampered signature, or an expired URL, is refused.
    // Flip the signature's first character to a different one (replacing it by a fixed letter is a no-op 1 time in 64).
    expect((await fetch(dl.body.output_url!.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`))).status).toBe(403);
    expect((await fetch(dl.body.output_url!.replace(/expires=\d+/, 'expires=99999999999'))).status).toBe(403);
    now += 16 * 60_000;
    const expired = await fetch(dl.body.output_url!);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it('serves the default format (with locations) through download-url when none was given', async () => {
    const id = await submitOk(BASE);
    now += DURATION;
    const out = (await (await fetch((await downloadUrl(id)).body.output_url!)).json()) as Output;
    expect(byContent(out, 'Kensho Quarterly Report')!.locations![0]!.page_number).toBe(0);
    expect(JSON.stringify(out)).not.toContain('text_node_data');
  });

  it('processes only the requested pages, numbering them relative (or absolute on request)', async () => {
    const relative = (await extract({ pages: '2' })).output;
    expect(byContent(relative, 'Kensho Quarterly Report')).toBeUndefined();
    expect(relative.content_tree.children[0]!.content).toBe('Regional Outlook');
    const pages = new Set(all(relative.content_tree).slice(1).map((n) => n.locations![0]!.page_number));
    expect([...pages]).toEqual([0]);
    expect(relative.pdf_pages).toHaveLength(1);

    const absolute = (await extract({ pages: '2', return_absolute_pdf_page_numbers: 'true' })).output;
    expect([...new Set(all(absolute.content_tree).slice(1).map((n) => n.locations![0]!.page_number))]).toEqual([1]);
    expect(all(absolute.content_tree).map((n) => n.content)).toEqual(all(relative.content_tree).map((n) => n.content));

    const both = (await extract({ pages: '1-2' })).output;
    expect(both.pdf_pages).toHaveLength(2);
    expect(byContent(both, 'Kensho Quarterly Report')).toBeDefined();
  });

  it('extracts 200 paragraphs from many-paragraphs.pdf', async () => {
    const { output: out, metadata } = await extract({}, fixture('many-paragraphs.pdf'));
    expect(metadata.page_count).toBe(8);
    const texts = out.content_tree.children;
    expect(texts).toHaveLength(200);
    expect(texts.every((n) => n.type === 'TEXT')).toBe(true);
    expect(texts[0]!.content).toBe('Paragraph 1: Kensho held a briefing in Cambridge.');
    expect(texts[2]!.content).toBe('Paragraph 3: Apple reported steady progress in São Paulo this quarter, according to its own filing number 1002.');
    expect(texts[199]!.content).toBe('Paragraph 200: S&P Global held a briefing in Germany.');
    expect(texts[199]!.locations![0]!.page_number).toBe(7);
  });

  it('returns an empty DOCUMENT for a page without a text layer', async () => {
    const { output: out } = await extract({ ocr: 'true' }, fixture('scanned-like.pdf'));
    expect(out.content_tree).toMatchObject({ type: 'DOCUMENT', content: '', children: [] });
    expect(out.annotations).toEqual([]);
    expect(out.pdf_pages).toEqual([{ width: 612, height: 792, required_ccw_rotation: 0 }]);
  });

  it('ends jobs failed with an error while failExtractJobs is set', async () => {
    sim.knobs.failExtractJobs = true;
    const id = await submitOk(BASE);
    sim.knobs.failExtractJobs = false;
    expect((await getJob(id)).body.status).toBe('pending');
    now += DURATION;
    const { body } = await getJob(id);
    expect(body.status).toBe('failed');
    expect(body.error).toMatch(/failed/);
    expect(body.output).toBeUndefined();
    expect((await downloadUrl(id)).body).toEqual({ status: 'failed', error: body.error });
  });
});

describe('Extract request errors', () => {
  it.each([
    ['a text file named .pdf', BASE, fixture('not-a-pdf.pdf'), /not a PDF/],
    ['a broken PDF', BASE, new TextEncoder().encode('%PDF-1.7\nnot really\n'), /not a readable PDF/],
    ['no file', BASE, null, /file is required/],
    ['no document_type', { ocr: 'false', enhanced_table_extraction: 'false' }, REPORT, /document_type is required/],
    ['an unknown document_type', { ...BASE, document_type: 'legal' }, REPORT, /document_type must be one of/],
    ['no ocr', { document_type: 'general', enhanced_table_extraction: 'false' }, REPORT, /ocr is required/],
    ['no enhanced_table_extraction', { document_type: 'general', ocr: 'false' }, REPORT, /enhanced_table_extraction is required/],
    ['a non-boolean flag', { ...BASE, include_relations: 'yes' }, REPORT, /include_relations must be "true" or "false"/],
    ['bad pages syntax', { ...BASE, pages: '1-x' }, REPORT, /pages must look like/],
    ['a backwards range', { ...BASE, pages: '2-1' }, REPORT, /runs backwards/],
    ['page 0', { ...BASE, pages: '0' }, REPORT, /numbered from 1/],
    ['a page not in the document', { ...BASE, pages: '1,9' }, REPORT, /page 9 is not in the document \(it has 2 pages\)/],
    ['an unknown output_format', { ...BASE, output_format: 'html' }, REPORT, /output_format must be one of/],
    ['a priority other than low', { ...BASE, priority: 'high' }, REPORT, /priority must be "low"/],
  ])('answers 400 with a detail for %s', async (_name, fields, bytes, detail) => {
    const res = await submit(fields, bytes);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(detail);
  });

  it('answers 400 for a body that is not a form', async () => {
    const res = await fetch(`${sim.urls.extract}/v3/extractions`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{"document_type":"general"}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/multipart/);
  });

  it('answers 400 for a file over the extractMaxFileBytes limit (by default 100 MB, 100 000 000 bytes)', async () => {
    expect(sim.knobs.extractMaxFileBytes).toBe(100_000_000);
    sim.knobs.extractMaxFileBytes = 1000;
    const res = await submit(BASE);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe('file is larger than the 1000 byte limit');
    sim.knobs.extractMaxFileBytes = REPORT.length;
    expect((await submit(BASE)).status).toBe(200);
  });

  it('separates 401 (no or bad token) from 403 (no Extract scope)', async () => {
    expect((await submit(BASE, REPORT, null)).status).toBe(401);
    expect((await submit(BASE, REPORT, `${token}x`)).status).toBe(401);
    const nerdOnly = await sim.issueAccessToken({ scopes: ['kensho:app:nerd'] });
    const forbidden = await submit(BASE, REPORT, nerdOnly);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { detail: string }).detail).toBe('missing scope kensho:app:extract');
    const id = await submitOk(BASE);
    expect((await getJob(id, '', null)).status).toBe(401);
    expect((await getJob(id, '', nerdOnly)).status).toBe(403);
    expect((await downloadUrl(id, null)).status).toBe(401);
  });

  it('answers 404 for an unknown request_id and for another client\'s job', async () => {
    expect((await getJob('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await downloadUrl('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const id = await submitOk(BASE);
    const other = await otherClientToken();
    now += DURATION;
    const theirs = await getJob(id, '', other);
    expect(theirs.status).toBe(404);
    expect(theirs.body.detail).toBe('request_id not found');
    expect((await downloadUrl(id, other)).status).toBe(404);
    expect((await getJob(id)).body.status).toBe('success');
  });

  it('answers 405 for another API version and for a wrong method, 404 for an unknown path', async () => {
    const call = (method: string, path: string) => fetch(`${sim.urls.extract}${path}`, { method, headers: auth() });
    const v2 = await call('GET', '/v2/extractions/abc');
    expect(v2.status).toBe(405);
    expect(await v2.json()).toEqual({ detail: 'request made on another API version' });
    expect((await call('POST', '/v1/extractions')).status).toBe(405);
    expect((await call('GET', '/v3/extractions')).status).toBe(405);
    expect((await call('DELETE', '/v3/extractions/abc')).status).toBe(405);
    expect((await call('GET', '/v3/extractions/upload-url')).status).toBe(405);
    expect((await call('POST', '/v3/extractions/upload-complete')).status).toBe(405);
    expect((await call('GET', '/v3/nothing-here')).status).toBe(404);
    expect((await call('GET', '/v3/extractions/download-url')).status).toBe(404);
  });

  it('names every endpoint for counters and fault injection', async () => {
    sim.counters.reset();
    const id = await submitOk(BASE);
    await getJob(id);
    await downloadUrl(id);
    await fetch(`${sim.urls.extract}/v2/extractions/${id}`, { headers: auth() });
    expect([sim.counters.calls('extract.submit'), sim.counters.calls('extract.get'), sim.counters.calls('extract.download-url'), sim.counters.calls('extract.other')]).toEqual([1, 1, 1, 1]);
    sim.inject({ target: 'extract.get', status: 503 });
    expect((await getJob(id)).status).toBe(503);
    expect((await getJob(id)).status).toBe(200);
  });
});

describe('Extract upload-url flow', () => {
  interface Spec {
    request_id: string;
    upload_spec: { url: string; fields: Record<string, string> };
  }
  /** What upload-url requires: the submit fields plus output_format. */
  const UPLOAD = { ...BASE, output_format: 'structured_document_with_locations' };
  const uploadUrl = async (fields: Record<string, string>) => {
    const res = await fetch(`${sim.urls.extract}/v3/extractions/upload-url`, { method: 'POST', headers: auth(), body: form(fields) });
    expect(res.status).toBe(200);
    return (await res.json()) as Spec;
  };
  const upload = (spec: Spec['upload_spec'], bytes: Uint8Array, fields: Record<string, string> = spec.fields) => fetch(spec.url, { method: 'POST', body: form(fields, { bytes }) });
  const complete = (id: string) => {
    const fd = new FormData();
    fd.append('request_id', id);
    return fetch(`${sim.urls.extract}/v3/extractions/upload-complete`, { method: 'PUT', headers: auth(), body: fd });
  };

  it('runs end to end: upload-url, pre-signed upload, upload-complete, download-url, output', async () => {
    sim.counters.reset();
    const spec = await uploadUrl({ ...UPLOAD, document_type: 'hierarchical_v2', pages: '2' });
    expect(spec.upload_spec.url).toBe(`${sim.url}/extract-uploads`);
    expect(Object.keys(spec.upload_spec.fields)).toEqual(['key', 'policy', 'x-signature']);
    expect(spec.upload_spec.fields.key).toBe(`extract-uploads/${spec.request_id}.pdf`);
    const policy = JSON.parse(Buffer.from(spec.upload_spec.fields.policy!, 'base64').toString('utf8')) as { expiration: string };
    expect(Date.parse(policy.expiration)).toBe(now + 15 * 60_000);
    const id = spec.request_id;

    expect((await downloadUrl(id)).body).toEqual({ status: 'awaiting_document_upload' });
    const early = await getJob(id);
    expect(early.status).toBe(405);
    expect(early.body.detail).toMatch(/upload not complete/);
    expect((await complete(id)).status).toBe(405);

    const up = await upload(spec.upload_spec, REPORT);
    expect(up.status).toBe(204);
    expect(await up.text()).toBe('');
    expect((await downloadUrl(id)).body).toEqual({ status: 'awaiting_document_upload_complete_notification' });
    expect((await getJob(id)).status).toBe(405);

    const done = await complete(id);
    expect(done.status).toBe(204);
    expect((await downloadUrl(id)).body).toEqual({ status: 'pending' });
    now += DURATION;
    const dl = await downloadUrl(id);
    expect(dl.body.status).toBe('success');
    const out = (await (await fetch(dl.body.output_url!)).json()) as Output;
    // Heading levels rank the sizes of the processed pages only: with page 2 alone, 16 pt is H1.
    expect(out.content_tree.children.map((n) => `${n.type}:${n.content}`)).toEqual(['H1:Regional Outlook', 'PAGE_FOOTER:Page 2']);
    expect(out.content_tree.children[0]!.children.map((n) => `${n.type}:${n.content}`)).toEqual(['PARAGRAPH:Demand from Microsoft and Apple grew in the United States, while Siemens and Nestlé expanded their work with Kensho in Germany.', 'H2:Headcount by office']);
    // output_format was chosen at upload-url: the status call refuses, as for a submit that chose one.
    const job = await getJob(id);
    expect(job.status).toBe(400);
    expect(job.body.detail).toMatch(/download-url/);
    expect(['extract.upload-url', 'extract.upload', 'extract.upload-complete', 'extract.output'].map((e) => sim.counters.calls(e))).toEqual([1, 1, 2, 1]);
    expect((await complete('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses forged, tampered, expired and misordered uploads', async () => {
    const spec = await uploadUrl(UPLOAD);
    const f = spec.upload_spec.fields;
    const forged = await upload(spec.upload_spec, REPORT, { ...f, 'x-signature': 'AAAA' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('<Code>AccessDenied</Code>');
    const other = await uploadUrl(UPLOAD);
    expect((await upload(spec.upload_spec, REPORT, { ...f, key: other.upload_spec.fields.key! })).status).toBe(403);
    // The file must come after the policy fields.
    const misordered = new FormData();
    misordered.append('file', new Blob([new Uint8Array(REPORT)]), 'r.pdf');
    for (const [k, v] of Object.entries(f)) misordered.append(k, v);
    expect((await fetch(spec.upload_spec.url, { method: 'POST', body: misordered })).status).toBe(400);
    now += 15 * 60_000 + 1;
    const expired = await upload(spec.upload_spec, REPORT);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Policy expired');
    expect((await downloadUrl(spec.request_id)).body.status).toBe('awaiting_document_upload');
  });

  it('checks the uploaded document at upload-complete and the size at upload', async () => {
    const spec = await uploadUrl({ ...UPLOAD, pages: '3' });
    expect((await upload(spec.upload_spec, fixture('not-a-pdf.pdf'))).status).toBe(204);
    const notPdf = await complete(spec.request_id);
    expect(notPdf.status).toBe(400);
    expect(((await notPdf.json()) as { detail: string }).detail).toMatch(/not a PDF/);
    expect((await upload(spec.upload_spec, REPORT)).status).toBe(204);
    const badPage = await complete(spec.request_id);
    expect(badPage.status).toBe(400);
    expect(((await badPage.json()) as { detail: string }).detail).toMatch(/page 3 is not in the document/);

    sim.knobs.extractMaxFileBytes = 1000;
    const small = await uploadUrl(UPLOAD);
    const tooBig = await upload(small.upload_spec, REPORT);
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('EntityTooLarge');
  });

  it.each(['output_format', 'document_type', 'ocr', 'enhanced_table_extraction'])('answers 400 naming %s when upload-url is sent without it', async (field) => {
    const fields: Record<string, string> = { ...UPLOAD };
    delete fields[field];
    const res = await fetch(`${sim.urls.extract}/v3/extractions/upload-url`, { method: 'POST', headers: auth(), body: form(fields) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(new RegExp(`^${field} is required`));
  });

  it('records the form it was sent, honours num_pages_to_extract and ignores fields it does not document', async () => {
    const spec = await uploadUrl({ ...UPLOAD, output_format: 'structured_document_with_char_offsets', num_pages_to_extract: '1', include_relations: 'true', document_type: 'hierarchical', priority: 'low' });
    expect(sim.extract.lastForm('upload-url')).toEqual({ ...UPLOAD, output_format: 'structured_document_with_char_offsets', num_pages_to_extract: '1', include_relations: 'true', document_type: 'hierarchical', priority: 'low' });
    expect((await upload(spec.upload_spec, REPORT)).status).toBe(204);
    expect((await complete(spec.request_id)).status).toBe(204);
    now += DURATION;
    const out = (await (await fetch((await downloadUrl(spec.request_id)).body.output_url!)).json()) as Output;
    expect(out.pdf_pages).toHaveLength(1);
    expect(byContent(out, 'Regional Outlook')).toBeUndefined();
    // The file is in the format chosen at upload-url, and include_relations had no effect.
    expect(byContent(out, 'Kensho Quarterly Report')!.text_node_data!.character_offsets[0]!.length).toBe('Kensho Quarterly Report'.length);
    expect(out.annotations.some((a) => a.type === 'relation')).toBe(false);
    const bad = await fetch(`${sim.urls.extract}/v3/extractions/upload-url`, { method: 'POST', headers: auth(), body: form({ ...UPLOAD, num_pages_to_extract: '0' }) });
    expect(bad.status).toBe(400);
  });

  it('refuses a field upload-url does not document when extractUploadUrlUnknownFields is "refuse"', async () => {
    sim.knobs.extractUploadUrlUnknownFields = 'refuse';
    const res = await fetch(`${sim.urls.extract}/v3/extractions/upload-url`, { method: 'POST', headers: auth(), body: form({ ...UPLOAD, include_images: 'false' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe('include_images is not a field of upload-url');
    await uploadUrl({ ...UPLOAD, figure_extraction: 'true', document_id: 'd', priority: 'low', pages: '1', num_pages_to_extract: '1' });
  });

  it('serves the output file wrapped as {status, output} when extractOutputFileShape is "wrapped"', async () => {
    const id = await submitOk({ ...BASE, output_format: 'structured_document' });
    now += DURATION;
    const url = (await downloadUrl(id)).body.output_url!;
    const bare = (await (await fetch(url)).json()) as Output;
    expect(bare.content_tree.type).toBe('DOCUMENT');
    sim.knobs.extractOutputFileShape = 'wrapped';
    const wrapped = (await (await fetch(url)).json()) as { status: string; output: Output };
    expect(wrapped).toEqual({ status: 'success', output: bare });
  });

  it('validates the options at upload-url', async () => {
    const res = await fetch(`${sim.urls.extract}/v3/extractions/upload-url`, { method: 'POST', headers: auth(), body: form({ ...UPLOAD, pages: '1--2' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^pages:/);
  });
});
