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

/** One annotation, normalised: ids are strings, unlinked spans have null link fields. */
export interface NerdAnnotation {
  readonly startIndex: number;
  readonly endIndex: number;
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
    const scores = isObject(raw.entity_relevance_scores) ? raw.entity_relevance_scores : {};
    const relevance = new Map<string, number>();
    for (const [id, score] of Object.entries(scores)) {
      const n = num(score);
      if (n !== null) relevance.set(id, n);
    }
    return { knowledgeBase: kb, annotations: annotations.map((a, j) => parseAnnotation(a, endpoint, `result ${i} annotation ${j}`)), relevance };
  });
}

function parseAnnotation(raw: unknown, endpoint: string, where: string): NerdAnnotation {
  if (!isObject(raw)) throw garbage(endpoint, `${where} is not an object`);
  const start = num(raw.start_index);
  const end = num(raw.end_index);
  if (start === null || end === null || !Number.isInteger(start) || !Number.isInteger(end) || end < start) {
    throw garbage(endpoint, `${where} has bad offsets`);
  }
  const kbId = raw.entity_kb_id;
  return {
    startIndex: start,
    endIndex: end,
    text: typeof raw.text === 'string' ? raw.text : '',
    nerType: typeof raw.ner_type === 'string' ? raw.ner_type : 'UNKNOWN',
    nerScore: num(raw.ner_score),
    nedScore: num(raw.ned_score),
    // `entity_kb_id` may arrive as a number (UPSTREAMS §3).
    entityKbId: typeof kbId === 'string' ? kbId : typeof kbId === 'number' && Number.isFinite(kbId) ? String(kbId) : null,
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
