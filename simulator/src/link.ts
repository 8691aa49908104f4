import type { IncomingMessage } from 'node:http';
import { SimHttpError, readJson } from './http-util.js';
import { LINK_COMPANIES, type LinkCompany } from './link-companies.js';

/**
 * The layout of Link's answer, which Kensho does not publish (UPSTREAMS-MORE §3) [assumed]:
 * - 'results': the contract's proposal, `{"results": [{"uid", "links": [{"identifier", "score", "knowledge_base_name"}]}]}`;
 * - 'uid-map': a map keyed by uid, `{"<uid>": [{"id": <number>, "link_score", "knowledge_base_name"}]}`;
 * - 'list': a top-level list, `[{"uid", "entity_links": [{"entity_id", "score"}]}]`.
 */
export type LinkAnswerShape = 'results' | 'uid-map' | 'list';

/** What Link's simulator reads from the shared knobs. */
export interface LinkKnobs {
  /**
   * Link's answer layout, which Kensho does not publish [assumed]: 'results' (default; the contract's
   * proposal, `{"results": [{uid, links: [{identifier, score}]}]}`), 'uid-map' (`{"<uid>": [{id, link_score}]}`,
   * ids as numbers) or 'list' (`[{uid, entity_links: [{entity_id, score}]}]`).
   */
  linkAnswerShape: LinkAnswerShape;
  /** Records per call (default 100); more get a 400 (Link publishes no limit [assumed]). */
  linkMaxRecords: number;
}

/** A candidate scores at least this or is not returned. */
const MIN_SCORE = 0.35;

interface Scored {
  readonly company: LinkCompany;
  readonly score: number;
}

/**
 * Kensho Link On-Demand (UPSTREAMS-MORE §3): `POST /api/ondemand/v0/companies/{capiq|mi}/generic`
 * matches each record's name and aliases against the NERD dictionary's companies, weighs the
 * country, and answers up to `num_top_records` links per uid, best first. Schema violations are
 * 422 in FastAPI's shape (the request is documented with pydantic type hints [inferred]).
 */
export class LinkSimulator {
  /** Record counts of the calls served, in arrival order (for tests of batching). */
  readonly batches: number[] = [];

  constructor(private readonly knobs: LinkKnobs) {}

  async companies(req: IncomingMessage, knowledgeBase: string, model: string): Promise<{ status: number; body: unknown }> {
    if (knowledgeBase !== 'capiq' && knowledgeBase !== 'mi') throw new SimHttpError(404, { detail: `unknown knowledge base ${knowledgeBase}` });
    if (model !== 'generic') throw new SimHttpError(404, { detail: `unknown model ${model}` });
    const body = await readJson(req);
    const { records, num_top_records: top = 1, include_response_fields: fields = [] } = body;
    if (!Array.isArray(records)) throw invalid(['body', 'records'], 'field required');
    if (typeof top !== 'number' || !Number.isInteger(top) || top < 1) throw invalid(['body', 'num_top_records'], 'value is not a valid integer');
    if (!Array.isArray(fields) || fields.some((f) => f !== 'knowledge_base_name')) throw invalid(['body', 'include_response_fields'], 'only knowledge_base_name is supported');
    if (records.length > this.knobs.linkMaxRecords) throw new SimHttpError(400, { detail: `at most ${this.knobs.linkMaxRecords} records per request` });
    records.forEach((r: unknown, i) => checkRecord(r, i));
    this.batches.push(records.length);
    const withName = fields.includes('knowledge_base_name');
    const results = (records as Array<Record<string, unknown>>).map((r) => ({ uid: r.uid as string, links: match(r).slice(0, top) }));
    return { status: 200, body: this.render(results, knowledgeBase, withName) };
  }

  private render(results: Array<{ uid: string; links: Scored[] }>, kb: 'capiq' | 'mi', withName: boolean): unknown {
    const id = (c: LinkCompany) => (kb === 'capiq' ? c.capiqId : c.miId);
    const name = (c: LinkCompany) => (withName ? { knowledge_base_name: c.name } : {});
    switch (this.knobs.linkAnswerShape) {
      case 'results':
        return { results: results.map((r) => ({ uid: r.uid, links: r.links.map((l) => ({ identifier: id(l.company), score: l.score, ...name(l.company) })) })) };
      case 'uid-map':
        return Object.fromEntries(results.map((r) => [r.uid, r.links.map((l) => ({ id: Number(id(l.company)), link_score: l.score, ...name(l.company) }))]));
      case 'list':
        return results.map((r) => ({ uid: r.uid, entity_links: r.links.map((l) => ({ entity_id: id(l.company), score: l.score, ...name(l.company) })) }));
    }
  }
}

/** FastAPI's 422 for one field. */
function invalid(loc: Array<string | number>, msg: string): SimHttpError {
  return new SimHttpError(422, { detail: [{ loc, msg, type: 'value_error' }] });
}

const STRING_FIELDS = ['country_iso3', 'address', 'city', 'state', 'zipcode', 'url', 'phone_number'] as const;

/** A record as Link's pydantic model would check it: uid and name strings, the rest typed. */
function checkRecord(raw: unknown, i: number): void {
  const loc = (field: string) => ['body', 'records', i, field];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(['body', 'records', i], 'value is not a valid dict');
  const r = raw as Record<string, unknown>;
  if (typeof r.uid !== 'string') throw invalid(loc('uid'), 'field required');
  if (typeof r.name !== 'string') throw invalid(loc('name'), 'field required');
  if (r.aliases != null && (!Array.isArray(r.aliases) || r.aliases.some((a) => typeof a !== 'string'))) throw invalid(loc('aliases'), 'value is not a valid list of strings');
  for (const f of STRING_FIELDS) if (r[f] != null && typeof r[f] !== 'string') throw invalid(loc(f), 'str type expected');
  if (r.year_founded != null && !Number.isInteger(r.year_founded)) throw invalid(loc('year_founded'), 'value is not a valid integer');
}

/** Candidates for one record, best first: name and alias similarity, weighed by country. */
function match(record: Record<string, unknown>): Scored[] {
  const names = [record.name as string, ...((record.aliases as string[] | undefined) ?? [])].map(normalise).filter((n) => n !== '');
  const country = typeof record.country_iso3 === 'string' ? record.country_iso3.toUpperCase() : undefined;
  const scored: Scored[] = [];
  for (const company of LINK_COMPANIES) {
    const known = [company.name, ...company.aliases].map(normalise);
    let best = 0;
    for (const n of names) for (const k of known) best = Math.max(best, similarity(n, k));
    // The name carries 0.9 of the score; a matching country the last 0.1, a different one costs 40%.
    best *= 0.9;
    if (country !== undefined) best = country === company.countryIso3 ? best + 0.1 : best * 0.6;
    const score = Math.round(best * 10_000) / 10_000;
    if (score >= MIN_SCORE) scored.push({ company, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.company.capiqId.localeCompare(b.company.capiqId));
}

/** Legal-form words that say nothing about which company it is. */
const SUFFIXES = new Set(['inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'plc', 'sa', 'ag', 'aktiengesellschaft', 'group', 'the', 'holdings']);

/** Lower case, accents and punctuation gone, legal-form words dropped. */
export function normalise(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // Initials keep together: "S.A." is "sa", "J.P." is "jp".
    .replace(/\./g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && !SUFFIXES.has(w));
  return words.join(' ');
}

/** Dice coefficient over character bigrams (1 for equal names), so near spellings score high. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let overlap = 0;
  for (const [g, n] of ga) overlap += Math.min(n, gb.get(g) ?? 0);
  return (2 * overlap) / (a.length - 1 + (b.length - 1));
}
