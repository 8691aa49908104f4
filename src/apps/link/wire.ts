import { UpstreamError } from '../../errors.js';

/** Knowledge bases as Link names them in its path (UPSTREAMS-MORE §3). */
export type LinkKnowledgeBaseWire = 'capiq' | 'mi';

/** One company record as Link's body takes it (UPSTREAMS-MORE §3, "Body"); absent fields are omitted. */
export interface LinkRecordWire {
  uid: string;
  name: string;
  aliases?: string[];
  country_iso3?: string;
  address?: string;
  city?: string;
  state?: string;
  zipcode?: string;
  year_founded?: number;
  url?: string;
  phone_number?: string;
}

/** The JSON body of `POST /api/ondemand/v0/companies/{knowledge_base}/generic`. */
export interface LinkRequestBody {
  records: LinkRecordWire[];
  num_top_records: number;
  include_response_fields: string[];
}

/** One candidate, normalised: the id as a string whatever Link sent, the score raw. */
export interface LinkCandidate {
  readonly kbId: string;
  readonly score: number;
  /** The knowledge base's own spelling of the company's name, when Link sent it. */
  readonly kbName: string | null;
}

type Json = Record<string, unknown>;

const LINK_LIST_KEYS = ['links', 'entity_links', 'entityLinks', 'matches', 'candidates'] as const;
const ID_KEYS = ['identifier', 'id', 'entity_id', 'entityId', 'kb_id', 'kbId'] as const;
const SCORE_KEYS = ['score', 'link_score', 'linkScore'] as const;
const NAME_KEYS = ['knowledge_base_name', 'knowledgeBaseName', 'name'] as const;

/**
 * Reads Link's answer into uid → candidates. The answer's JSON is not published
 * (UPSTREAMS-MORE §3), so every documented guess is accepted:
 * - `{"results": [{uid, links}]}`, a top-level list of `{uid, links}`, or a map keyed by uid
 *   (its values a list of links, or an object holding one);
 * - the links under `links`, `entity_links`, `matches` (or `candidates`);
 * - the id as `identifier`, `id`, `entity_id` or `kb_id`, a string or a number;
 * - the score as `score` or `link_score`, a number or a numeric string.
 * A link without an id or a score is skipped (it cannot be shown); an answer with no readable
 * structure at all is UPSTREAM_BAD_RESPONSE.
 */
export function parseLinkAnswer(body: unknown, endpoint: string): Map<string, LinkCandidate[]> {
  const out = new Map<string, LinkCandidate[]>();
  const entries = resultEntries(body);
  if (entries === undefined) throw garbage(endpoint, 'no results list or uid map');
  for (const [uid, value] of entries) {
    if (uid === null) continue;
    const links = linkList(value);
    if (links === undefined) throw garbage(endpoint, `the result for one record has no list of links`);
    out.set(uid, links.flatMap((l) => candidate(l)));
  }
  return out;
}

/** [uid, the record's result] pairs in the answer's order, or undefined when none can be found. */
function resultEntries(body: unknown): Array<[string | null, unknown]> | undefined {
  const list = Array.isArray(body) ? body : isObject(body) && Array.isArray(body.results) ? body.results : undefined;
  if (list) return list.map((item) => [isObject(item) ? idOf(item.uid) : null, item]);
  const map = isObject(body) && isObject(body.results) ? body.results : isObject(body) ? body : undefined;
  if (!map) return undefined;
  return Object.entries(map).map(([uid, value]) => [uid, value]);
}

/** The links of one record's result: a bare list, or the first known list field of an object. */
function linkList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return undefined;
  for (const key of LINK_LIST_KEYS) {
    const v = value[key];
    if (Array.isArray(v)) return v;
    if (v === null) return [];
  }
  return undefined;
}

function candidate(raw: unknown): LinkCandidate[] {
  if (!isObject(raw)) return [];
  const kbId = first(raw, ID_KEYS, idOf);
  const score = first(raw, SCORE_KEYS, num);
  if (kbId === null || score === null) return [];
  const kbName = first(raw, NAME_KEYS, (v) => (typeof v === 'string' && v !== '' ? v : null));
  return [{ kbId, score, kbName }];
}

function first<T>(o: Json, keys: readonly string[], read: (v: unknown) => T | null): T | null {
  for (const key of keys) {
    const v = read(o[key]);
    if (v !== null) return v;
  }
  return null;
}

/** An id as a string: Link may send numbers (the CapIQ id space is numeric). */
function idOf(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function garbage(endpoint: string, what: string): UpstreamError {
  return new UpstreamError('UPSTREAM_BAD_RESPONSE', 'link', `Kensho Link answered ${endpoint} with an unreadable result (${what})`, { extensions: { endpoint } });
}
