import { UpstreamError, scrubUpstreamText } from '../../errors.js';

/**
 * kFinance's answers, normalised (UPSTREAMS-MORE §2). Ids become digit strings whether they came
 * as numbers or strings (§2.3); decimals stay the strings kFinance sent, never floats (§2.5,
 * §2.6); unknown fields are ignored and missing optional ones read null.
 */

type Json = Record<string, unknown>;

/** One resolved identifier of `POST /ids` (§2.3). A private company has no security or listing. */
export interface KfIdTriple {
  readonly companyId: string;
  readonly securityId: string | null;
  readonly tradingItemId: string | null;
  readonly companyName: string | null;
  /** Exchange-qualified (`NasdaqGS:AAPL`). */
  readonly ticker: string | null;
  readonly country: string | null;
}

/** An identifier kFinance could not resolve: the `{"error"}` entry inside the 200. */
export interface KfIdError {
  readonly error: string;
}

export type KfIdEntry = KfIdTriple | KfIdError;

/** `GET /info/{company_id}` (§2.4). */
export interface KfCompanyInfo {
  readonly name: string | null;
  readonly status: string | null;
  readonly type: string | null;
  readonly simpleIndustry: string | null;
  readonly employees: string | null;
  readonly foundingDate: string | null;
  readonly webpage: string | null;
  readonly address: string | null;
  readonly city: string | null;
  readonly zip: string | null;
  readonly state: string | null;
  readonly country: string | null;
  readonly isoCountry: string | null;
}

export interface KfDescriptions {
  readonly summary: string | null;
  readonly description: string | null;
}

/** One bar; `label` is a date for daily prices, else kFinance's label ("2024 Week 2"). */
export interface KfPriceBar {
  readonly label: string;
  readonly open: string | null;
  readonly high: string | null;
  readonly low: string | null;
  readonly close: string | null;
  readonly volume: string | null;
}

export interface KfPriceSeries {
  readonly currency: string | null;
  readonly bars: readonly KfPriceBar[];
  readonly errors: readonly string[];
}

export interface KfMarketCapSeries {
  readonly currency: string | null;
  readonly points: ReadonlyArray<{ readonly date: string | null; readonly marketCap: string | null; readonly tev: string | null; readonly sharesOutstanding: string | null }>;
  readonly errors: readonly string[];
}

export interface KfFundingRound {
  readonly transactionId: string;
  readonly notes: string | null;
  readonly closedOn: string | null;
  readonly fundingType: string | null;
}

export function parseFundingRounds(body: unknown, endpoint: string): KfFundingRound[] {
  if (!isObject(body) || !Array.isArray(body.rounds_of_funding)) throw garbage(endpoint, 'no rounds_of_funding array');
  return body.rounds_of_funding.filter(isObject).flatMap((r) => {
    const transactionId = id(r.transaction_id);
    return transactionId === null ? [] : [{ transactionId, notes: str(r.funding_round_notes), closedOn: date(r.closed_date), fundingType: str(r.funding_type) }];
  });
}

/** `GET /pricing/{trading_item_id}/metadata` (§2.5). */
export interface KfPricingMetadata {
  readonly currency: string | null;
  readonly symbol: string | null;
  readonly exchange: string | null;
  readonly instrumentType: string | null;
  readonly firstTradeDate: string | null;
}

export function parsePricingMetadata(body: unknown, endpoint: string): KfPricingMetadata {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  return { currency: str(body.currency), symbol: str(body.symbol), exchange: str(body.exchange_name), instrumentType: str(body.instrument_type), firstTradeDate: date(body.first_trade_date) };
}

export interface KfLineItemValue {
  readonly name: string;
  readonly value: string | null;
  readonly sources: ReadonlyArray<{ readonly type: string; readonly url: string }>;
}

export interface KfFinancialPeriod {
  readonly key: string;
  readonly endDate: string | null;
  readonly months: number | null;
  /** Statements, segments, or the one line item asked for. */
  readonly groups: ReadonlyArray<{ readonly name: string; readonly items: readonly KfLineItemValue[] }>;
}

export interface KfFinancialSeries {
  readonly currency: string | null;
  readonly periods: readonly KfFinancialPeriod[];
}

/** The frame shared by statements, line items and segments: results and per-company errors. */
export interface KfFinancialsAnswer {
  readonly results: ReadonlyMap<string, KfFinancialSeries>;
  readonly errors: ReadonlyMap<string, string>;
}

export interface KfEarningsCall {
  readonly keyDevId: string;
  readonly title: string;
  /** ISO 8601 in UTC (a zone-less time is read as UTC, §2.8). */
  readonly startsAt: string | null;
}

export interface KfTranscriptPart {
  readonly componentType: string;
  readonly speaker: string;
  readonly text: string;
}

export interface KfCompanyRef {
  readonly companyId: string;
  readonly companyName: string | null;
}

/** One deal in a company's M&A list; spec and v7 fields both read (§2.10). */
export interface KfMergerSummary {
  readonly transactionId: string;
  /** The spec's `merger_title`; v7 sends names instead, joined here into a title. */
  readonly title: string | null;
  readonly status: string | null;
  readonly announcedOn: string | null;
  readonly closedOn: string | null;
}

export interface KfCompanyMergers {
  readonly target: readonly KfMergerSummary[];
  readonly buyer: readonly KfMergerSummary[];
  readonly seller: readonly KfMergerSummary[];
}

/** A deal's details (`merger/info`, spec and v7 alike in the fields read here). */
export interface KfMergerInfo {
  readonly transactionId: string;
  readonly timeline: ReadonlyArray<{ readonly status: string; readonly date: string | null }>;
  readonly target: KfCompanyRef | null;
  readonly buyers: readonly KfCompanyRef[];
  readonly sellers: readonly KfCompanyRef[];
  readonly consideration: {
    readonly currency: string | null;
    readonly grossTotalValue: string | null;
    readonly impliedEquityValue: string | null;
    readonly impliedEnterpriseValue: string | null;
  } | null;
}

export function parseMergerList(body: unknown, endpoint: string): KfCompanyMergers {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  const list = (v: unknown): KfMergerSummary[] =>
    (Array.isArray(v) ? v.filter(isObject) : []).flatMap((m) => {
      const transactionId = id(m.transaction_id);
      if (transactionId === null) return [];
      const buyers = Array.isArray(m.buyers) ? m.buyers.filter((b): b is string => typeof b === 'string') : [];
      const target = str(m.target);
      const title = str(m.merger_title) ?? (target ? (buyers.length > 0 ? `${buyers.join(', ')} / ${target}` : target) : null);
      return [{ transactionId, title, status: str(m.status), announcedOn: date(m.start_date), closedOn: date(m.closed_date) }];
    });
  return { target: list(body.target), buyer: list(body.buyer), seller: list(body.seller) };
}

export function parseMergerInfo(transactionId: string, body: unknown, endpoint: string): KfMergerInfo {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  const ref = (v: unknown): KfCompanyRef | null => {
    if (!isObject(v)) return null;
    const companyId = id(v.company_id);
    return companyId === null ? null : { companyId, companyName: str(v.company_name) };
  };
  const refs = (v: unknown): KfCompanyRef[] => (Array.isArray(v) ? v.map(ref).filter((r): r is KfCompanyRef => r !== null) : []);
  const p = isObject(body.participants) ? body.participants : {};
  const c = isObject(body.consideration) ? body.consideration : null;
  return {
    transactionId,
    timeline: (Array.isArray(body.timeline) ? body.timeline.filter(isObject) : []).map((t) => ({ status: str(t.status) ?? '', date: date(t.date) })),
    target: ref(p.target),
    buyers: refs(p.buyers),
    sellers: refs(p.sellers),
    consideration: c
      ? {
          currency: str(c.currency_name),
          grossTotalValue: decimal(c.current_calculated_gross_total_transaction_value),
          impliedEquityValue: decimal(c.current_calculated_implied_equity_value),
          impliedEnterpriseValue: decimal(c.current_calculated_implied_enterprise_value),
        }
      : null,
  };
}

/** `POST /ids`: the map in `data` (schema, client) or at top level (the spec's example). */
export function parseIds(body: unknown, endpoint: string): Map<string, KfIdEntry> {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  const map = isObject(body.data) ? body.data : body;
  const out = new Map<string, KfIdEntry>();
  for (const [identifier, raw] of Object.entries(map)) {
    if (!isObject(raw)) continue;
    const companyId = id(raw.company_id);
    if (companyId === null) {
      // kFinance's message is shown to callers: scrubbed of anything token-like.
      out.set(identifier, { error: typeof raw.error === 'string' ? scrubUpstreamText(raw.error) : 'no identification triple in the answer' });
      continue;
    }
    out.set(identifier, {
      companyId,
      securityId: id(raw.security_id),
      tradingItemId: id(raw.trading_item_id),
      companyName: str(raw.company_name),
      ticker: str(raw.ticker),
      country: str(raw.country),
    });
  }
  return out;
}

export function parseInfo(body: unknown, endpoint: string): KfCompanyInfo {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  return {
    name: str(body.name),
    status: str(body.status),
    type: str(body.type),
    simpleIndustry: str(body.simple_industry),
    employees: decimal(body.number_of_employees),
    foundingDate: date(body.founding_date),
    webpage: str(body.webpage),
    address: str(body.address),
    city: str(body.city),
    zip: str(body.zip_code),
    state: str(body.state),
    country: str(body.country),
    isoCountry: str(body.iso_country),
  };
}

export function parseDescriptions(body: unknown, endpoint: string): KfDescriptions {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  return { summary: str(body.summary), description: str(body.description) };
}

/** `GET /users/permissions`; unknown names are kept (the client only logs them, §2.1). */
export function parsePermissions(body: unknown, endpoint: string): string[] {
  if (!isObject(body) || !Array.isArray(body.permissions)) throw garbage(endpoint, 'no permissions array');
  return body.permissions.filter((p): p is string => typeof p === 'string');
}

export function parsePrices(body: unknown, endpoint: string): KfPriceSeries {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  const prices = Array.isArray(body.prices) ? body.prices : [];
  return {
    currency: str(body.currency),
    bars: prices.filter(isObject).map((p) => ({
      // The spec sends 2021-01-04T00:00:00.000, the client's fixtures 2024-06-25; weekly and
      // longer series send labels. A daily timestamp at midnight is shown as its date.
      label: (str(p.date) ?? '').replace(/^(\d{4}-\d{2}-\d{2})T00:00:00(\.0+)?Z?$/, '$1'),
      open: decimal(p.open),
      high: decimal(p.high),
      low: decimal(p.low),
      close: decimal(p.close),
      volume: decimal(p.volume),
    })),
    errors: Array.isArray(body.errors) ? body.errors.filter((e): e is string => typeof e === 'string') : [],
  };
}

export function parseMarketCaps(body: unknown, endpoint: string): KfMarketCapSeries {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  const list = Array.isArray(body.market_caps) ? body.market_caps.filter(isObject) : [];
  return {
    currency: str(body.currency),
    points: list.map((m) => ({ date: date(m.date), marketCap: decimal(m.market_cap), tev: decimal(m.tev), sharesOutstanding: decimal(m.shares_outstanding) })),
    errors: Array.isArray(body.errors) ? body.errors.filter((e): e is string => typeof e === 'string').map((e) => scrubUpstreamText(e)) : [],
  };
}

/** Statements, line items and segments: `{results: {id: {currency, periods}}, errors: {id: msg}}` (§2.6). */
export function parseFinancials(body: unknown, endpoint: string): KfFinancialsAnswer {
  if (!isObject(body)) throw garbage(endpoint, 'not an object');
  const results = new Map<string, KfFinancialSeries>();
  const errors = new Map<string, string>();
  if (isObject(body.errors)) for (const [k, v] of Object.entries(body.errors)) errors.set(k, scrubUpstreamText(typeof v === 'string' ? v : JSON.stringify(v)));
  const raw = isObject(body.results) ? body.results : {};
  for (const [companyId, entry] of Object.entries(raw)) {
    if (!isObject(entry)) continue;
    const periods = isObject(entry.periods) ? entry.periods : {};
    results.set(companyId, {
      currency: str(entry.currency),
      periods: Object.entries(periods)
        .filter((e): e is [string, Json] => isObject(e[1]))
        .map(([key, p]) => ({ key, endDate: date(p.period_end_date), months: typeof p.num_months === 'number' ? p.num_months : null, groups: groupsOf(p) })),
    });
  }
  return { results, errors };
}

function groupsOf(p: Json): KfFinancialPeriod['groups'] {
  const items = (list: unknown): KfLineItemValue[] => (Array.isArray(list) ? list.filter(isObject).map(lineItem) : []);
  if (Array.isArray(p.statements)) return p.statements.filter(isObject).map((s) => ({ name: str(s.name) ?? '', items: items(s.line_items) }));
  if (Array.isArray(p.segments)) return p.segments.filter(isObject).map((s) => ({ name: str(s.name) ?? '', items: items(s.line_items) }));
  if (isObject(p.line_item)) {
    const item = lineItem(p.line_item);
    return [{ name: item.name, items: [item] }];
  }
  return [];
}

function lineItem(raw: Json): KfLineItemValue {
  const sources = Array.isArray(raw.sources) ? raw.sources.filter(isObject) : [];
  return {
    name: str(raw.name) ?? '',
    value: decimal(raw.value),
    sources: sources.flatMap((s) => (typeof s.url === 'string' ? [{ type: str(s.type) ?? '', url: s.url }] : [])),
  };
}

export function parseEarnings(body: unknown, endpoint: string): KfEarningsCall[] {
  if (!isObject(body) || !Array.isArray(body.earnings)) throw garbage(endpoint, 'no earnings array');
  return body.earnings.filter(isObject).flatMap((e) => {
    const keyDevId = id(e.key_dev_id);
    return keyDevId === null ? [] : [{ keyDevId, title: str(e.name) ?? '', startsAt: utc(e.datetime) }];
  });
}

export function parseTranscript(body: unknown, endpoint: string): KfTranscriptPart[] {
  if (!isObject(body) || !Array.isArray(body.transcript)) throw garbage(endpoint, 'no transcript array');
  return body.transcript.filter(isObject).map((t) => ({ componentType: str(t.component_type) ?? '', speaker: str(t.person_name) ?? '', text: str(t.text) ?? '' }));
}

export function parseCompetitors(body: unknown, endpoint: string): KfCompanyRef[] {
  if (!isObject(body) || !Array.isArray(body.competitors)) throw garbage(endpoint, 'no competitors array');
  return body.competitors.filter(isObject).flatMap((c) => {
    const companyId = id(c.company_id);
    return companyId === null ? [] : [{ companyId, companyName: str(c.company_name) }];
  });
}

/**
 * A decimal as an exact string: strings pass unchanged, numbers (segments send numbers, §2.6)
 * are written as JavaScript writes them; null, "NaN" and anything else read null.
 */
export function decimal(v: unknown): string | null {
  if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v.trim()) ? v.trim() : null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  // Plain digits, never exponent notation (1e21 would not be a Decimal numeral).
  if (Number.isInteger(v)) return BigInt(v).toString();
  const s = String(v);
  return s.includes('e') ? v.toFixed(20).replace(/0+$/, '') : s;
}

/** An id as a digit string: ids come as integers in the schema, as strings in some examples (§2.3). */
export function id(v: unknown): string | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return v.trim();
  return null;
}

/** A `YYYY-MM-DD` date, from a date or the date part of a timestamp. */
function date(v: unknown): string | null {
  const m = typeof v === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(v) : null;
  return m ? m[1]! : null;
}

/** ISO 8601 in UTC; a time without a zone is read as UTC (§2.8). */
function utc(v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  const s = v.trim().replace(' ', 'T');
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`;
  const t = Date.parse(withZone);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function garbage(endpoint: string, what: string): UpstreamError {
  return new UpstreamError('UPSTREAM_BAD_RESPONSE', 'kfinance', `The Kensho LLM-ready API answered ${endpoint} with an unreadable result (${what})`, { extensions: { endpoint } });
}
