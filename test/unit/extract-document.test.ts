import { describe, expect, it } from 'vitest';
import { DocumentModel } from '../../src/apps/extract/document.js';
import { parseOutput, parseState, projectOutput, toStatus } from '../../src/apps/extract/wire.js';

const node = (uid: string, type: string, content: string, children: unknown[] = [], extra: Record<string, unknown> = {}) => ({ uid, type, content, children, ...extra });
const cell = (uid: string, row: number, col: number, extra: Record<string, unknown> = {}) => ({
  type: 'table_structure',
  content_uids: [uid],
  data: { index: [row, col], span: [1, 1], ...extra },
});

function model(raw: unknown): DocumentModel {
  return new DocumentModel(parseOutput(raw, 'test'), 'structured_document_with_locations');
}

describe('the Extract output as a graph', () => {
  it('rebuilds a table with spans, headers and projected row headers; covered positions are null', () => {
    const doc = model({
      content_tree: node('root', 'DOCUMENT', '', [
        node('t1', 'TABLE_TITLE', 'Table 7: Spans'),
        node('tab', 'TABLE', '', [node('c0', 'TABLE_CELL', 'Region'), node('c1', 'TABLE_CELL', 'Sales'), node('c2', 'TABLE_CELL', 'North'), node('c3', 'TABLE_CELL', '10'), node('c4', 'TABLE_CELL', '12'), node('c5', 'TABLE_CELL', 'Q1'), node('c6', 'TABLE_CELL', 'Q2')]),
      ]),
      annotations: [
        cell('c0', 0, 0, { span: [2, 1], is_column_header: true }),
        cell('c1', 0, 1, { span: [1, 2], is_column_header: true }),
        cell('c5', 1, 1, { is_column_header: true }),
        cell('c6', 1, 2, { is_column_header: true }),
        cell('c2', 2, 0, { is_projected_row_header: true }),
        cell('c3', 2, 1),
        cell('c4', 2, 2),
      ],
    });
    const [table] = doc.tables;
    expect(table).toMatchObject({ rowCount: 3, columnCount: 3, title: 'Table 7: Spans', figureExtracted: false });
    expect(table!.grid.map((row) => row.map((c) => c?.content ?? null))).toEqual([
      ['Region', 'Sales', null],
      [null, 'Q1', 'Q2'],
      ['North', '10', '12'],
    ]);
    expect(table!.columnHeaders).toEqual(['Region', 'Sales Q1', 'Sales Q2']);
    expect(table!.cells.find((c) => c.content === 'North')?.isProjectedRowHeader).toBe(true);
    expect(doc.text).toBe('Table 7: Spans\n\nRegion\tSales\t\n\tQ1\tQ2\nNorth\t10\t12');
    expect(doc.markdown).toContain('| Region | Sales |  |\n| --- | --- | --- |\n|  | Q1 | Q2 |');
  });

  it('reads figure-extracted tables whose cells carry their text in data.value, titled by their FIGURE', () => {
    const doc = model({
      content_tree: node('root', 'DOCUMENT', '', [
        node('fig', 'FIGURE', 'Figure 2: Mix', [node('ft', 'FIGURE_EXTRACTED_TABLE', '', [node('f0', 'FIGURE_EXTRACTED_TABLE_CELL', ''), node('f1', 'FIGURE_EXTRACTED_TABLE_CELL', '')])]),
      ]),
      annotations: [
        { type: 'figure_extracted_table_structure', content_uids: ['f0'], data: { index: [0, 0], span: [1, 1], value: 'Oil' } },
        { type: 'figure_extracted_table_structure', content_uids: ['f1'], data: { index: [0, 1], span: [1, 1], value: 42 } },
      ],
    });
    expect(doc.tables[0]).toMatchObject({ figureExtracted: true, title: 'Figure 2: Mix', rowCount: 1, columnCount: 2, columnHeaders: [] });
    expect(doc.tables[0]!.cells.map((c) => c.content)).toEqual(['Oil', '42']);
  });

  it('lets unknown node types, annotation types and odd fields pass through instead of failing', () => {
    const doc = model({
      content_tree: node('root', 'DOCUMENT', '', [
        node('x', 'SPARKLINE', 'new kind of node', [], { locations: [{ page_number: '1', x: 0.1, y: 0.2, width: 0.3, height: 0.05 }] }),
        { type: 'TEXT', content: 42, children: 'not a list' },
        'garbage',
      ]),
      annotations: [{ type: 'sentiment', data: { score: 1 } }, null, { type: 'relation', data: { relation_type: 'caption_of', source_content_uid: 'x', target_content_uid: 'missing' } }],
      pdf_pages: [{ width: 612, height: 792, required_ccw_rotation: 90 }],
    });
    expect(doc.nodes.map((n) => [n.wire.type, n.wire.content])).toEqual([
      ['SPARKLINE', 'new kind of node'],
      ['TEXT', '42'],
    ]);
    expect(doc.nodes[0]!.wire.locations).toEqual([{ pageNumber: 1, x: 0.1, y: 0.2, width: 0.3, height: 0.05 }]);
    expect(doc.nodes[1]!.wire.uid).toMatch(/^gateway-node-/);
    expect(doc.relations).toEqual([{ type: 'caption_of', source: doc.nodes[0], target: null }]);
    expect(doc.tables).toEqual([]);
    expect(doc.text).toBe('new kind of node\n\n42');
  });

  it('keeps reading order, depth and parents; walks deep trees without recursion limits', () => {
    let deep: Record<string, unknown> = node('leaf', 'TEXT', 'bottom');
    for (let i = 0; i < 400; i++) deep = node(`n${i}`, 'PARAGRAPH', '', [deep]);
    const doc = model({ content_tree: node('root', 'DOCUMENT', '', [node('h', 'H1', 'Intro', [node('p', 'PARAGRAPH', 'Body')]), deep]), annotations: [] });
    const p = doc.byUid.get('p')!;
    expect(p.depth).toBe(2);
    expect(p.parent?.wire.uid).toBe('h');
    expect(doc.nodes.slice(0, 3).map((n) => n.wire.uid)).toEqual(['h', 'p', 'n399']);
    expect(doc.byUid.get('leaf')!.depth).toBe(401);
    expect(doc.markdown).toBe('# Intro\n\nBody\n\nbottom\n');
    // Segments point at each node's text inside the document text.
    for (const s of doc.textLayout.segments) expect(doc.text.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });

  it('refuses an output without a content tree and trees deeper than the limit as UPSTREAM_BAD_RESPONSE', () => {
    expect(() => parseOutput({ annotations: [] }, 'extract.get')).toThrow(expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }));
    let deep: Record<string, unknown> = node('leaf', 'TEXT', 'x');
    for (let i = 0; i < 600; i++) deep = node(`n${i}`, 'TEXT', '', [deep]);
    expect(() => parseOutput({ content_tree: deep }, 'extract.get')).toThrow(/deeper than/);
  });

  it('reads job states leniently and scrubs what Extract says', () => {
    expect(toStatus('awaiting_document_upload')).toBe('PENDING');
    expect(toStatus('SUCCESS')).toBe('SUCCESS');
    expect(toStatus('failed')).toBe('FAILED');
    const failed = parseState('id-1', { status: 'failed', error: `token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig was bad`, metadata: 'odd' }, 'structured_document', 'extract.get');
    expect(failed).toMatchObject({ status: 'FAILED', metadata: {}, output: null });
    expect(failed.error).not.toContain('eyJ');
    expect(parseState('id-2', { status: 'failed' }, 'structured_document', 'x').error).toMatch(/no reason/);
    expect(() => parseState('id-3', { output: {} }, 'structured_document', 'extract.get')).toThrow(expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }));
  });

  it('keeps character offsets as the fractions Extract sends, with null lines and a null list (kenverters fixture shape)', () => {
    const located = { page_number: 0, x: 0.2, y: 0.0137, width: 0.05043, height: 0.01425 };
    const out = parseOutput(
      {
        content_tree: node('root', 'DOCUMENT', '', [
          node('1', 'TEXT', '2019', [], { locations: [located], text_node_data: { texts: [' 2019', 'b'], text_locations: [located, null], character_offsets: [[0.0, 0.11093, 0.33311, 0.55563, '0.77781'], null] } }),
          node('2', 'TEXT', 'x', [], { text_node_data: { texts: ['x'], text_locations: null, character_offsets: null } }),
          node('3', 'TEXT', 'y', [], { text_node_data: { texts: ['y'], text_locations: [], character_offsets: [[0, 'half']] } }),
        ]),
        annotations: [],
      },
      'test',
    );
    const [a, b, c] = out.root.children;
    expect(a!.textNodeData!.characterOffsets).toEqual([[0, 0.11093, 0.33311, 0.55563, 0.77781], null]);
    expect(b!.textNodeData!.characterOffsets).toBeNull();
    // A line that is not all numbers is unusable as positions: null, not made up.
    expect(c!.textNodeData!.characterOffsets).toEqual([null]);
  });

  it('reads a download-url output file bare or wrapped as {status, output}, and projects it to a lesser format', () => {
    const bare = {
      content_tree: node('root', 'DOCUMENT', '', [node('t', 'TEXT', 'Hello', [], { locations: [{ page_number: 0, x: 0.1, y: 0.1, width: 0.5, height: 0.02 }], text_node_data: { texts: ['Hello'], text_locations: [], character_offsets: [[0, 0.2, 0.4, 0.6, 0.8]] } })]),
      annotations: [{ type: 'table_structure', content_uids: ['t'], data: { index: [0, 0], span: [1, 1] }, locations: [{ page_number: 0, x: 0, y: 0, width: 1, height: 1 }] }],
    };
    const fromBare = parseOutput(bare, 'test');
    expect(parseOutput({ status: 'success', output: bare }, 'test')).toEqual(fromBare);
    expect(() => parseOutput({ status: 'success', output: null }, 'test')).toThrow(expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }));
    expect(projectOutput(fromBare, 'structured_document_with_char_offsets')).toBe(fromBare);
    const located = projectOutput(fromBare, 'structured_document_with_locations');
    expect(located.root.children[0]!.locations).toHaveLength(1);
    expect(located.root.children[0]!.textNodeData).toBeNull();
    const plain = projectOutput(fromBare, 'structured_document');
    expect(plain.root.children[0]!.locations).toEqual([]);
    expect(plain.annotations[0]!.locations).toEqual([]);
    expect(plain.root.children[0]!.content).toBe('Hello');
  });
});
