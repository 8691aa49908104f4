import { UpstreamError, scrubUpstreamText } from '../../errors.js';

/**
 * Kensho Extract v3 wire shapes (UPSTREAMS §2) and their lenient parsing: missing or odd
 * fields get defaults, unknown node types and annotation types pass through untouched.
 */

/** The job states the gateway reports; Extract's upload-waiting states count as PENDING. */
export type ExtractionStatusWire = 'PENDING' | 'SUCCESS' | 'FAILED';

/** What `output_format` asks Extract for. */
export type OutputFormatWire = 'structured_document' | 'structured_document_with_locations' | 'structured_document_with_char_offsets';

/** A box on a page: fractions of the page, origin top-left; page 0-based among the processed pages. */
export interface LocationWire {
  readonly pageNumber: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface TextNodeDataWire {
  readonly texts: readonly string[];
  readonly textLocations: readonly (LocationWire | null)[];
  /**
   * Per line, one number per character: where it starts, as a fraction (0–1) of the width of
   * the line's box (kenverters' `list[list[float] | None] | None`). Floats, kept as sent.
   */
  readonly characterOffsets: readonly (readonly number[] | null)[] | null;
}

export interface ContentNodeWire {
  readonly uid: string;
  /** As Extract sent it (types outside the documented list pass through). */
  readonly type: string;
  readonly content: string;
  readonly children: readonly ContentNodeWire[];
  readonly locations: readonly LocationWire[];
  readonly textNodeData: TextNodeDataWire | null;
}

export interface AnnotationWire {
  readonly type: string;
  readonly contentUids: readonly string[];
  readonly data: Readonly<Record<string, unknown>>;
  readonly locations: readonly LocationWire[];
}

export interface PdfPageWire {
  readonly width: number;
  readonly height: number;
  readonly requiredCcwRotation: number;
}

export interface ExtractOutputWire {
  readonly root: ContentNodeWire;
  readonly annotations: readonly AnnotationWire[];
  readonly pdfPages: readonly PdfPageWire[];
}

/** One extraction job as the gateway sees it. */
export interface ExtractionState {
  readonly id: string;
  readonly status: ExtractionStatusWire;
  /** Extract's status value as sent (e.g. awaiting_document_upload). */
  readonly upstreamStatus: string;
  readonly error: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Present once the job succeeded. */
  readonly output: ExtractOutputWire | null;
  /** The format `output` was fetched in. */
  readonly format: OutputFormatWire;
}

/** Deepest content tree the gateway walks; deeper means a broken answer, not a document. */
const MAX_TREE_DEPTH = 512;

export function toStatus(raw: string | undefined): ExtractionStatusWire {
  const s = (raw ?? '').toLowerCase();
  if (s === 'success' || s === 'succeeded' || s === 'complete' || s === 'completed') return 'SUCCESS';
  if (s === 'failed' || s === 'failure' || s === 'error') return 'FAILED';
  // pending, awaiting_document_upload, awaiting_document_upload_complete_notification, and any
  // state Extract adds later: still in progress.
  return 'PENDING';
}

const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function parseLocation(v: unknown): LocationWire | null {
  const r = record(Array.isArray(v) ? v[0] : v);
  if (!r) return null;
  return { pageNumber: Math.trunc(num(r.page_number ?? r.page)), x: num(r.x), y: num(r.y), width: num(r.width), height: num(r.height) };
}

function parseLocations(v: unknown): LocationWire[] {
  if (!Array.isArray(v)) return [];
  return v.map(parseLocation).filter((l): l is LocationWire => l !== null);
}

function parseTextNodeData(v: unknown): TextNodeDataWire | null {
  const r = record(v);
  if (!r) return null;
  const texts = Array.isArray(r.texts) ? r.texts.map(str) : [];
  const textLocations = Array.isArray(r.text_locations) ? r.text_locations.map(parseLocation) : [];
  return { texts, textLocations, characterOffsets: Array.isArray(r.character_offsets) ? r.character_offsets.map(parseLineOffsets) : null };
}

/** One line's offsets: numbers (fractions, not truncated); null when absent or not all numbers. */
function parseLineOffsets(v: unknown): number[] | null {
  if (!Array.isArray(v)) return null;
  const out = v.map((n) => num(n, Number.NaN));
  return out.every(Number.isFinite) ? out : null;
}

/**
 * Parses an output ({content_tree, annotations, pdf_pages}); a download-url output file wrapped
 * as `{status, output: {…}}` (kenverters documents both) is unwrapped first. Throws
 * UPSTREAM_BAD_RESPONSE if it has no tree.
 */
export function parseOutput(body: unknown, endpoint: string): ExtractOutputWire {
  const outer = record(body);
  const r = outer && outer.content_tree === undefined && record(outer.output) ? record(outer.output) : outer;
  const tree = record(r?.content_tree);
  if (!r || !tree) {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'extract', `Kensho Extract answered ${endpoint} with an output that has no content_tree`, { extensions: { endpoint } });
  }
  let synthetic = 0;
  const parseNode = (v: Record<string, unknown>, depth: number): ContentNodeWire => {
    if (depth > MAX_TREE_DEPTH) {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'extract', `Kensho Extract answered ${endpoint} with a content tree deeper than ${MAX_TREE_DEPTH}`, { extensions: { endpoint } });
    }
    const children = Array.isArray(v.children) ? v.children.map(record).filter((c): c is Record<string, unknown> => c !== undefined) : [];
    return {
      uid: str(v.uid) || `gateway-node-${synthetic++}`,
      type: str(v.type) || 'UNKNOWN',
      content: str(v.content),
      children: children.map((c) => parseNode(c, depth + 1)),
      locations: parseLocations(v.locations),
      textNodeData: parseTextNodeData(v.text_node_data),
    };
  };
  const annotations: AnnotationWire[] = (Array.isArray(r.annotations) ? r.annotations : []).flatMap((a) => {
    const ar = record(a);
    if (!ar) return [];
    return [
      {
        type: str(ar.type),
        contentUids: Array.isArray(ar.content_uids) ? ar.content_uids.map(str).filter(Boolean) : [],
        data: record(ar.data) ?? {},
        locations: parseLocations(ar.locations),
      },
    ];
  });
  const pdfPages: PdfPageWire[] = (Array.isArray(r.pdf_pages) ? r.pdf_pages : []).map((p) => {
    const pr = record(p) ?? {};
    return { width: num(pr.width), height: num(pr.height), requiredCcwRotation: num(pr.required_ccw_rotation) };
  });
  return { root: parseNode(tree, 0), annotations, pdfPages };
}

/**
 * The output as `format` carries it: no locations in the plain format, no per-line data but in
 * the char-offsets one. A download-url output comes in the format chosen at submit; the gateway
 * chooses the richest, and every other format is this projection of it.
 */
export function projectOutput(output: ExtractOutputWire, format: OutputFormatWire): ExtractOutputWire {
  if (format === 'structured_document_with_char_offsets') return output;
  const locations = format !== 'structured_document';
  const node = (n: ContentNodeWire): ContentNodeWire => ({ ...n, children: n.children.map(node), locations: locations ? n.locations : [], textNodeData: null });
  return {
    root: node(output.root),
    annotations: locations ? output.annotations : output.annotations.map((a) => ({ ...a, locations: [] })),
    pdfPages: output.pdfPages,
  };
}

/** Parses a status answer (`GET /v3/extractions/{id}` or the download-url call). */
export function parseState(id: string, body: unknown, format: OutputFormatWire, endpoint: string): ExtractionState {
  const r = record(body);
  if (!r || typeof r.status !== 'string') {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'extract', `Kensho Extract answered ${endpoint} without a status`, { extensions: { endpoint } });
  }
  const status = toStatus(r.status);
  const output = status === 'SUCCESS' && r.output !== undefined && r.output !== null ? parseOutput(r.output, endpoint) : null;
  return {
    id,
    status,
    upstreamStatus: r.status,
    error: typeof r.error === 'string' && r.error !== '' ? scrubUpstreamText(r.error) : status === 'FAILED' ? 'the extraction failed (Kensho Extract gave no reason)' : null,
    metadata: record(r.metadata) ?? {},
    output,
    format,
  };
}
