import { UpstreamError } from '../../errors.js';

/** Knowledge bases as NERD names them on the wire (UPSTREAMS §3). */
export type NerdKnowledgeBase = 'wikimedia' | 'capiq';

/** The JSON body of annotations-sync and annotations-async (UPSTREAMS §3). */
export interface NerdRequestBody {
  text: string;
  knowledge_bases: NerdKnowledgeBase[];
  tag_people?: boolean;
  originating_entity_id?: string;
}

/**
 * One annotation, normalised: ids are strings as sent, unlinked spans have null link fields.
 * Offsets are NERD's as parsed; the client turns them into UTF-16 indices of the text sent, or
 * null when the span could not be placed (offsets.ts).
 */
export interface NerdAnnotation {
  /** The knowledge base of the result it belongs to (an entity resolved from it needs it). */
  readonly knowledgeBase: NerdKnowledgeBase;
  readonly startIndex: number | null;
  readonly endIndex: number | null;
  readonly text: string;
  readonly nerType: string;
  readonly nerScore: number | null;
  readonly nedScore: number | null;
  readonly entityKbId: string | null;
  readonly entityLabel: string | null;
  readonly entityType: string | null;
}

/** The result for one knowledge base, normalised. */
export interface NerdKbResult {
  readonly knowledgeBase: NerdKnowledgeBase;
  readonly annotations: readonly NerdAnnotation[];
  /** kb id → relevance score. */
  readonly relevance: ReadonlyMap<string, number>;
}

type Json = Record<string, unknown>;

/**
 * Parses the `results` array of a NERD answer. The per-KB shape is documented; the envelope is
 * [assumed], so unknown fields are ignored and numbers given as strings are accepted. A result
 * that cannot be read at all is UPSTREAM_BAD_RESPONSE, never a crash.
 */
export function parseNerdResults(body: unknown, endpoint: string): NerdKbResult[] {
  const results = isObject(body) ? body.results : undefined;
  if (!Array.isArray(results)) throw garbage(endpoint, 'no results array');
  return results.map((raw, i) => {
    if (!isObject(raw)) throw garbage(endpoint, `result ${i} is not an object`);
    const kb = raw.knowledge_base;
    if (kb !== 'wikimedia' && kb !== 'capiq') throw garbage(endpoint, `result ${i} has an unknown knowledge_base`);
    const annotations = Array.isArray(raw.annotations) ? raw.annotations : [];
    const relevance = parseRelevance(raw.entity_relevance_scores);
    return { knowledgeBase: kb, annotations: annotations.map((a, j) => parseAnnotation(a, kb, endpoint, i, j)), relevance };
  });
}

/**
 * Reads `entity_relevance_scores` in each documented shape (UPSTREAMS §3): the flat
 * `{id: score}`, the spec's `{id: {relevance_score, entity_id}}`, and a list of either, or of
 * `{entity_id, relevance_score}` objects. Entries that cannot be read are skipped: relevance is
 * an extra, and a shape change there must not cost the caller the annotations.
 */
export function parseRelevance(raw: unknown): Map<string, number> {
  const relevance = new Map<string, number>();
  const entry = (key: string | null, value: unknown): void => {
    const flat = num(value);
    if (flat !== null && key !== null) {
      relevance.set(key, flat);
      return;
    }
    if (!isObject(value)) return;
    const score = num(value.relevance_score);
    const id = idOf(value.entity_id) ?? key;
    if (score !== null && id !== null) relevance.set(id, score);
  };
  const map = (o: Json): void => {
    // One `{entity_id, relevance_score}` object, or a map keyed by id.
    if ('relevance_score' in o) entry(null, o);
    else for (const [key, value] of Object.entries(o)) entry(key, value);
  };
  if (Array.isArray(raw)) {
    for (const item of raw) if (isObject(item)) map(item);
  } else if (isObject(raw)) {
    map(raw);
  }
  return relevance;
}

/** An id as NERD sent it: a string, or a number (UPSTREAMS §3) written the same way. */
function idOf(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Annotation `j` of result `i` (named only in an error: no string is built per annotation). */
function parseAnnotation(raw: unknown, knowledgeBase: NerdKnowledgeBase, endpoint: string, i: number, j: number): NerdAnnotation {
  if (!isObject(raw)) throw garbage(endpoint, `result ${i} annotation ${j} is not an object`);
  const start = num(raw.start_index);
  const end = num(raw.end_index);
  if (start === null || end === null || !Number.isInteger(start) || !Number.isInteger(end) || end < start) {
    throw garbage(endpoint, `result ${i} annotation ${j} has bad offsets`);
  }
  return {
    knowledgeBase,
    startIndex: start,
    endIndex: end,
    text: typeof raw.text === 'string' ? raw.text : '',
    nerType: typeof raw.ner_type === 'string' ? raw.ner_type : 'UNKNOWN',
    nerScore: num(raw.ner_score),
    nedScore: num(raw.ned_score),
    // `entity_kb_id` may arrive as a number (UPSTREAMS §3); Wikimedia's are bare Wikidata numbers.
    entityKbId: idOf(raw.entity_kb_id),
    entityLabel: typeof raw.entity_label === 'string' ? raw.entity_label : null,
    entityType: typeof raw.entity_type === 'string' ? raw.entity_type : null,
  };
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function garbage(endpoint: string, what: string): UpstreamError {
  return new UpstreamError('UPSTREAM_BAD_RESPONSE', 'nerd', `Kensho NERD answered ${endpoint} with an unreadable result (${what})`, { extensions: { endpoint } });
}
