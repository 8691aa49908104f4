import type { AnnotationWire, ContentNodeWire, ExtractOutputWire, OutputFormatWire } from './wire.js';

/** One node of the tree, with the links the schema walks (parent, depth). */
export interface NodeModel {
  readonly wire: ContentNodeWire;
  readonly depth: number;
  readonly parent: NodeModel | null;
  readonly children: NodeModel[];
  readonly doc: DocumentModel;
}

export interface CellModel {
  readonly row: number;
  readonly column: number;
  readonly rowSpan: number;
  readonly columnSpan: number;
  readonly content: string;
  readonly isColumnHeader: boolean;
  readonly isProjectedRowHeader: boolean;
  readonly node: NodeModel;
}

export interface TableModel {
  readonly node: NodeModel;
  readonly figureExtracted: boolean;
  readonly rowCount: number;
  readonly columnCount: number;
  /** Anchored cells in row, then column order. */
  readonly cells: readonly CellModel[];
  /** Each cell at its top-left position; null where a span covers or nothing is. */
  readonly grid: ReadonlyArray<ReadonlyArray<CellModel | null>>;
  readonly title: string | null;
  readonly columnHeaders: readonly string[];
}

export interface RelationModel {
  readonly type: string;
  readonly source: NodeModel | null;
  readonly target: NodeModel | null;
}

/** A piece of `text` that is one node's (or table cell's) text, for mapping entity offsets. */
export interface TextSegment {
  readonly node: NodeModel;
  readonly start: number;
  readonly text: string;
}

const TABLE_TYPES = new Set(['TABLE', 'FIGURE_EXTRACTED_TABLE']);
const STRUCTURE_TYPES = new Set(['table_structure', 'figure_extracted_table_structure']);
const TITLE_TYPES = new Set(['TABLE_TITLE', 'TABLE_CAPTION', 'FIGURE_TITLE', 'FIGURE_CAPTION', 'IMAGE_CAPTION']);
/** Page furniture left out of the Markdown rendering (kept in `text`). */
const FURNITURE = new Set(['PAGE_HEADER', 'PAGE_FOOTER']);
const HEADINGS: Record<string, string> = { TITLE: '#', H1: '#', H2: '##', H3: '###', H4: '####', H5: '#####' };

/**
 * The structured document as a graph: the content tree with parent links, tables rebuilt from
 * the table-structure annotations, relations, and text/Markdown renderings. Built once per output
 * and shared by every field resolved from it.
 */
export class DocumentModel {
  readonly root: NodeModel;
  /** Every node but the root, in reading (pre-)order. */
  readonly nodes: readonly NodeModel[];
  readonly byUid = new Map<string, NodeModel>();
  readonly tables: readonly TableModel[];
  readonly tableOf = new Map<NodeModel, TableModel>();
  readonly relations: readonly RelationModel[];
  private rendered: { text: string; segments: TextSegment[] } | undefined;
  private md: string | undefined;

  constructor(
    readonly output: ExtractOutputWire,
    readonly format: OutputFormatWire,
  ) {
    const nodes: NodeModel[] = [];
    // Iterative walk: a deep tree must not exhaust the stack.
    const root: NodeModel = { wire: output.root, depth: 0, parent: null, children: [], doc: this };
    this.byUid.set(root.wire.uid, root);
    const stack: NodeModel[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node !== root) nodes.push(node);
      for (const child of node.wire.children) {
        const model: NodeModel = { wire: child, depth: node.depth + 1, parent: node, children: [], doc: this };
        node.children.push(model);
        if (!this.byUid.has(child.uid)) this.byUid.set(child.uid, model);
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    this.root = root;
    this.nodes = nodes;
    this.relations = output.annotations
      .filter((a) => a.type === 'relation')
      .map((a) => ({
        type: typeof a.data.relation_type === 'string' ? a.data.relation_type : 'unknown',
        source: typeof a.data.source_content_uid === 'string' ? (this.byUid.get(a.data.source_content_uid) ?? null) : null,
        target: typeof a.data.target_content_uid === 'string' ? (this.byUid.get(a.data.target_content_uid) ?? null) : null,
      }));
    this.tables = this.buildTables(output.annotations);
    for (const t of this.tables) this.tableOf.set(t.node, t);
  }

  /** The document text with one segment per node (or table cell) for offset mapping. */
  get textLayout(): { text: string; segments: readonly TextSegment[] } {
    if (!this.rendered) this.rendered = this.renderText();
    return this.rendered;
  }

  get text(): string {
    return this.textLayout.text;
  }

  get markdown(): string {
    this.md ??= this.renderMarkdown();
    return this.md;
  }

  relationsOf(node: NodeModel): RelationModel[] {
    return this.relations.filter((r) => r.source === node || r.target === node);
  }

  private buildTables(annotations: readonly AnnotationWire[]): TableModel[] {
    const cellsByTable = new Map<NodeModel, Array<{ annotation: AnnotationWire; node: NodeModel }>>();
    for (const annotation of annotations) {
      if (!STRUCTURE_TYPES.has(annotation.type)) continue;
      const node = annotation.contentUids.map((u) => this.byUid.get(u)).find((n) => n !== undefined);
      if (!node) continue;
      let table: NodeModel | null = node.parent;
      while (table && !TABLE_TYPES.has(table.wire.type)) table = table.parent;
      if (!table) continue;
      const list = cellsByTable.get(table) ?? [];
      list.push({ annotation, node });
      cellsByTable.set(table, list);
    }
    const tables: TableModel[] = [];
    for (const node of this.nodes) {
      if (!TABLE_TYPES.has(node.wire.type)) continue;
      const placed = (cellsByTable.get(node) ?? []).map(({ annotation, node: cellNode }) => toCell(annotation, cellNode));
      placed.sort((a, b) => a.row - b.row || a.column - b.column);
      const rowCount = placed.reduce((m, c) => Math.max(m, c.row + c.rowSpan), 0);
      const columnCount = placed.reduce((m, c) => Math.max(m, c.column + c.columnSpan), 0);
      const grid: Array<Array<CellModel | null>> = Array.from({ length: rowCount }, () => Array<CellModel | null>(columnCount).fill(null));
      const cells: CellModel[] = [];
      for (const cell of placed) {
        // Two cells claiming one position: the first (reading order) wins.
        if (grid[cell.row]![cell.column] !== null) continue;
        grid[cell.row]![cell.column] = cell;
        cells.push(cell);
      }
      const headerCells = cells.filter((c) => c.isColumnHeader);
      const columnHeaders =
        headerCells.length === 0
          ? []
          : Array.from({ length: columnCount }, (_, col) =>
              [...new Set(headerCells.filter((c) => c.column <= col && col < c.column + c.columnSpan).map((c) => c.content.trim()))].filter(Boolean).join(' '),
            );
      tables.push({ node, figureExtracted: node.wire.type === 'FIGURE_EXTRACTED_TABLE', rowCount, columnCount, cells, grid, title: this.titleOf(node), columnHeaders });
    }
    return tables;
  }

  /** A related title/caption node, else a title/caption just before the table, else a FIGURE's caption. */
  private titleOf(table: NodeModel): string | null {
    for (const r of this.relations) {
      const other = r.target === table ? r.source : r.source === table ? r.target : null;
      if (other && TITLE_TYPES.has(other.wire.type) && other.wire.content.trim()) return other.wire.content.trim();
    }
    const siblings = table.parent?.children ?? [];
    const at = siblings.indexOf(table);
    for (const s of [siblings[at - 1], siblings[at + 1]]) {
      if (s && TITLE_TYPES.has(s.wire.type) && s.wire.content.trim()) return s.wire.content.trim();
    }
    if (table.parent?.wire.type === 'FIGURE' && table.parent.wire.content.trim()) return table.parent.wire.content.trim();
    return null;
  }

  private renderText(): { text: string; segments: TextSegment[] } {
    let text = '';
    const segments: TextSegment[] = [];
    const block = () => {
      if (text !== '') text += '\n\n';
    };
    this.walk((node) => {
      const table = this.tableOf.get(node);
      if (table) {
        if (table.cells.length === 0) return 'skip';
        block();
        table.grid.forEach((row, r) => {
          if (r > 0) text += '\n';
          row.forEach((cell, c) => {
            if (c > 0) text += '\t';
            if (!cell) return;
            if (cell.node) segments.push({ node: cell.node, start: text.length, text: cell.content });
            text += cell.content;
          });
        });
        return 'skip';
      }
      if (node.wire.content.trim() === '') return 'descend';
      block();
      segments.push({ node, start: text.length, text: node.wire.content });
      text += node.wire.content;
      return 'descend';
    });
    return { text, segments };
  }

  private renderMarkdown(): string {
    const blocks: string[] = [];
    this.walk((node) => {
      const table = this.tableOf.get(node);
      if (table) {
        if (table.rowCount > 0 && table.columnCount > 0) blocks.push(markdownTable(table));
        return 'skip';
      }
      const content = node.wire.content.replace(/\s+/g, ' ').trim();
      if (content === '' || FURNITURE.has(node.wire.type)) return 'descend';
      const heading = HEADINGS[node.wire.type];
      if (heading) blocks.push(`${heading} ${content}`);
      else if (TITLE_TYPES.has(node.wire.type) || node.wire.type === 'FIGURE') blocks.push(`*${escapeMarkdown(content)}*`);
      else blocks.push(escapeMarkdown(content));
      return 'descend';
    });
    return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
  }

  /** Pre-order walk below the root; the visitor may skip a node's subtree. */
  private walk(visit: (node: NodeModel) => 'descend' | 'skip'): void {
    const stack = [...this.root.children].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (visit(node) === 'descend') for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
}

function toCell(annotation: AnnotationWire, node: NodeModel): CellModel {
  const data = annotation.data;
  const pair = (v: unknown, fallback: [number, number]): [number, number] => {
    if (!Array.isArray(v) || v.length < 2) return fallback;
    const a = Number(v[0]);
    const b = Number(v[1]);
    return Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 ? [a, b] : fallback;
  };
  const [row, column] = pair(data.index, [0, 0]);
  const [rowSpan, columnSpan] = pair(data.span, [1, 1]);
  const value = typeof data.value === 'string' || typeof data.value === 'number' ? String(data.value) : undefined;
  return {
    row,
    column,
    rowSpan: Math.max(1, rowSpan),
    columnSpan: Math.max(1, columnSpan),
    // Figure-extracted cells carry their text in data.value.
    content: node.wire.content !== '' ? node.wire.content : (value ?? ''),
    isColumnHeader: data.is_column_header === true,
    isProjectedRowHeader: data.is_projected_row_header === true,
    node,
  };
}

function markdownTable(table: TableModel): string {
  const cell = (c: CellModel | null) => (c ? escapeMarkdown(c.content.replace(/\s+/g, ' ').trim()).replace(/\|/g, '\\|') : '');
  const lines = table.grid.map((row) => `| ${row.map(cell).join(' | ')} |`);
  lines.splice(1, 0, `|${' --- |'.repeat(table.columnCount)}`);
  // The title is its own node and block; not repeated here.
  return lines.join('\n');
}

/** Escapes what would turn plain text into Markdown syntax at the start of a block. */
function escapeMarkdown(text: string): string {
  return text.replace(/^([#>*+-]|\d+\.)(\s)/, '\\$1$2');
}
