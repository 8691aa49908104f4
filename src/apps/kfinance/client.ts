import { UpstreamError } from '../../errors.js';
import type { CacheStore } from '../../store/store.js';
import type { SentResponse } from '../../net/send.js';
import type { UpstreamHttp, UpstreamCall } from '../../upstreams/http.js';
import { noteSource } from '../../upstreams/provenance-scope.js';
import {
  parseCompetitors,
  parseDescriptions,
  parseEarnings,
  parseFinancials,
  parseIds,
  parseInfo,
  parsePermissions,
  parsePrices,
  parseTranscript,
  type KfCompanyInfo,
  type KfCompanyRef,
  type KfDescriptions,
  type KfEarningsCall,
  type KfFinancialSeries,
  type KfIdEntry,
  type KfPriceSeries,
  type KfTranscriptPart,
  type KfCompanyMergers,
  type KfPricingMetadata,
  parsePricingMetadata,
  type KfFundingRound,
  parseFundingRounds,
  type KfMarketCapSeries,
  parseMarketCaps,
  type KfMergerInfo,
  parseMergerList,
  parseMergerInfo,
  id,
} from './wire.js';

/** Cache lifetimes in ms per kind of answer; 0 turns that cache off (docs/kfinance.md). */
export interface KfinanceTtls {
  readonly companyMs: number;
  readonly historyMs: number;
  readonly financialsMs: number;
  readonly listMs: number;
}

export interface KfinanceClientOptions {
  readonly http: UpstreamHttp;
  readonly store: CacheStore;
  readonly ttls: KfinanceTtls;
  readonly clock: () => number;
  /** Which M&A calls (§2.10): the v7 client's (default) or the harvested spec's. */
  readonly mergersApi?: 'v7' | 'spec';
}

/** Which of statements, line items and segments a batch call is. */
export type FinancialsKind = 'statements' | 'line_item' | 'segments';

/** The request fields of a batch financials call besides `company_ids` (§2.6). */
export type FinancialsParams = Readonly<Record<string, string | number | null>>;

/**
 * The entitlements a call needs, any one of them (§2.1, the client's `accepted_permissions`).
 * Calls not listed need none.
 */
export const ENTITLEMENTS = Object.freeze({
  descriptions: ['CompanyIntelligencePermission'],
  prices: ['PricingPermission'],
  statements: ['StatementsPermission', 'PrivateCompanyFinancialsPermission'],
  line_item: ['StatementsPermission', 'PrivateCompanyFinancialsPermission'],
  segments: ['SegmentsPermission'],
  earnings: ['EarningsPermission', 'TranscriptsPermission'],
  transcript: ['TranscriptsPermission'],
  competitors: ['CompetitorsPermission'],
  isin: ['IDPermission'],
  market_caps: ['PricingPermission'],
  mergers: ['MergersPermission'],
  relationship: ['RelationshipPermission'],
  cusip: ['IDPermission'],
} as const);
export type EntitledCall = keyof typeof ENTITLEMENTS;

/** `/ids` takes at most 100 identifiers per call (§2.3). */
export const MAX_IDS_PER_CALL = 100;
/** The client's own cap on calls in flight (§2.1). */
export const MAX_IN_FLIGHT = 10;

const DAY_MS = 86_400_000;

/**
 * A typed client for the Kensho LLM-ready API (UPSTREAMS-MORE §2). Answers that page views
 * repeat (identification, company info, descriptions, price histories, financials, earnings
 * lists) go through the shared cache store with per-endpoint TTLs. Entitlements are read once
 * per TTL from `/users/permissions`: a call the account is not entitled to fails before it is
 * sent, naming the entitlement.
 */
export class KfinanceClient {
  private permissionsCache: { at: number; value: Promise<ReadonlySet<string>> } | undefined;

  constructor(private readonly options: KfinanceClientOptions) {}

  /**
   * Resolves identifiers (tickers, ISINs, CUSIPs, names, `C_<id>`) in calls of at most 100.
   * `signalOf(i)` is the signal of `identifiers[i]`'s own part (a loader key), to which a copy
   * from the cache is credited; the calls are made with `signal`.
   */
  async identify(identifiers: readonly string[], scope: string, signal?: AbortSignal, signalOf?: (index: number) => AbortSignal | undefined): Promise<Map<string, KfIdEntry>> {
    const out = new Map<string, KfIdEntry>();
    const { store, ttls } = this.options;
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const [index, identifier] of identifiers.entries()) {
      if (seen.has(identifier)) continue;
      seen.add(identifier);
      const hit = ttls.companyMs > 0 ? this.stamped<KfIdEntry>(await store.get(`kf:ids:${identifier}`), 'kfinance.ids', signalOf?.(index) ?? signal) : undefined;
      if (hit && typeof hit === 'object') out.set(identifier, hit);
      else missing.push(identifier);
    }
    const chunks: string[][] = [];
    for (let i = 0; i < missing.length; i += MAX_IDS_PER_CALL) chunks.push(missing.slice(i, i + MAX_IDS_PER_CALL));
    await Promise.all(
      chunks.map(async (chunk) => {
        const endpoint = 'kfinance.ids';
        // Identification only reads: safe to send again.
        const response = await this.options.http.request({ endpoint, method: 'POST', path: '/api/v1/ids', json: { identifiers: chunk }, scope, signal, idempotent: true });
        const answered = parseIds(response.body, endpoint);
        for (const identifier of chunk) {
          const entry = answered.get(identifier) ?? { error: `kFinance sent no answer for ${identifier}` };
          out.set(identifier, entry);
          // Only resolutions are cached: an error may be a passing per-company failure.
          if (!('error' in entry) && ttls.companyMs > 0) await store.set(`kf:ids:${identifier}`, this.stamp(entry), ttls.companyMs);
        }
      }),
    );
    return out;
  }

  /** Company facts; null when kFinance does not know the company (404). */
  info(companyId: string, scope: string, signal?: AbortSignal): Promise<KfCompanyInfo | null> {
    const endpoint = 'kfinance.info';
    return this.cached(`kf:info:${companyId}`, this.options.ttls.companyMs, endpoint, signal, async () => {
      const r = await this.options.http.request({ endpoint, method: 'GET', path: `/api/v1/info/${companyId}`, scope, signal, accept: [404] });
      return r.status === 404 ? null : parseInfo(r.body, endpoint);
    });
  }

  /** Summary and long description (CompanyIntelligence); null on 404. */
  descriptions(companyId: string, scope: string, signal?: AbortSignal): Promise<KfDescriptions | null> {
    return this.entitledGet('descriptions', `kf:descriptions:${companyId}`, this.options.ttls.companyMs, 'kfinance.descriptions', `/api/v1/info/${companyId}/descriptions`, scope, signal, (r, endpoint) => r.status === 404 ? null : parseDescriptions(r.body, endpoint), [404]);
  }

  /**
   * A price history. Both dates inclusive, null for kFinance's `none`. A history that ends before
   * today is cached for the history TTL; one reaching today only until the next UTC midnight,
   * when kFinance adds the previous day's close (§2.5).
   */
  prices(tradingItemId: string, from: string | null, to: string | null, periodicity: string, adjusted: boolean, scope: string, signal?: AbortSignal): Promise<KfPriceSeries> {
    const path = `/api/v1/pricing/${tradingItemId}/${from ?? 'none'}/${to ?? 'none'}/${periodicity}/${adjusted ? 'adjusted' : 'unadjusted'}`;
    return this.entitledGet('prices', `kf:prices:${path}`, this.historyTtl(to), 'kfinance.pricing', path, scope, signal, (r, endpoint) => parsePrices(r.body, endpoint));
  }

  /** Rounds the company raised (`target`) or invested in (`investor`); lists change like M&A lists. */
  fundingRounds(companyId: string, role: 'target' | 'investor', scope: string, signal?: AbortSignal): Promise<KfFundingRound[]> {
    return this.entitledGet('mergers', `kf:funding:${role}:${companyId}`, this.options.ttls.listMs, 'kfinance.funding-rounds', `/api/v1/fundingrounds/${role}/${companyId}`, scope, signal, (r, endpoint) => parseFundingRounds(r.body, endpoint));
  }

  /** A listing's symbol, exchange, currency, instrument type and first trade date; null on 404. Needs no entitlement (§2.1). */
  pricingMetadata(tradingItemId: string, scope: string, signal?: AbortSignal): Promise<KfPricingMetadata | null> {
    const endpoint = 'kfinance.pricing-metadata';
    return this.cached(`kf:pricing-metadata:${tradingItemId}`, this.options.ttls.companyMs, endpoint, signal, async () => {
      const r = await this.options.http.request({ endpoint, method: 'GET', path: `/api/v1/pricing/${tradingItemId}/metadata`, scope, signal, accept: [404] });
      return r.status === 404 ? null : parsePricingMetadata(r.body, endpoint);
    });
  }

  /** Daily market cap, TEV and shares outstanding; cached like price histories. */
  marketCaps(companyId: string, from: string | null, to: string | null, scope: string, signal?: AbortSignal): Promise<KfMarketCapSeries> {
    const path = `/api/v1/market_cap/${companyId}/${from ?? 'none'}/${to ?? 'none'}`;
    return this.entitledGet('market_caps', `kf:market-cap:${path}`, this.historyTtl(to), 'kfinance.market-cap', path, scope, signal, (r, endpoint) => parseMarketCaps(r.body, endpoint));
  }

  /** The history TTL for a series ending `to`: the whole TTL before today, else until the next UTC midnight. */
  private historyTtl(to: string | null): number {
    const now = this.options.clock();
    const today = new Date(now).toISOString().slice(0, 10);
    const untilMidnight = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS - now;
    return to !== null && to < today ? this.options.ttls.historyMs : Math.min(this.options.ttls.historyMs, untilMidnight);
  }

  /**
   * Statements, line items or segments of several companies in one call (§2.6). Each company's
   * answer is cached on its own, so only the companies not in the cache are sent. Returns the
   * series per company, or the message of its per-company failure.
   */
  async financials(
    kind: FinancialsKind,
    companyIds: readonly string[],
    params: FinancialsParams,
    scope: string,
    signal?: AbortSignal,
    signalOf?: (index: number) => AbortSignal | undefined,
  ): Promise<Map<string, KfFinancialSeries | { error: string }>> {
    const { store, ttls } = this.options;
    const out = new Map<string, KfFinancialSeries | { error: string }>();
    const keyOf = (id: string) => `kf:${kind}:v2:${JSON.stringify(params)}:${id}`;
    const endpoint = kind === 'line_item' ? 'kfinance.line-item' : `kfinance.${kind}`;
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const [index, id] of companyIds.entries()) {
      if (seen.has(id)) continue;
      seen.add(id);
      const hit = ttls.financialsMs > 0 ? this.stamped<KfFinancialSeries>(await store.get(keyOf(id)), endpoint, signalOf?.(index) ?? signal) : undefined;
      if (hit && typeof hit === 'object') out.set(id, hit);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const answer = await this.entitled(kind, scope, signal, async () => {
      const r = await this.options.http.request({ endpoint, method: 'POST', path: `/api/v1/${kind}/`, json: { company_ids: missing.map(Number), ...params }, scope, signal, idempotent: true });
      return parseFinancials(r.body, endpoint);
    });
    for (const id of missing) {
      const series = answer.results.get(id);
      if (series) {
        out.set(id, series);
        if (ttls.financialsMs > 0) await store.set(keyOf(id), this.stamp(series), ttls.financialsMs);
      } else {
        out.set(id, { error: answer.errors.get(id) ?? 'no data for this company' });
      }
    }
    return out;
  }

  /** Past and upcoming earnings calls, newest first. */
  earnings(companyId: string, scope: string, signal?: AbortSignal): Promise<KfEarningsCall[]> {
    return this.entitledGet('earnings', `kf:earnings:${companyId}`, this.options.ttls.listMs, 'kfinance.earnings', `/api/v1/earnings/${companyId}`, scope, signal, (r, endpoint) => parseEarnings(r.body, endpoint));
  }

  /** A call's transcript; null while none exists (404). Cached for good once it exists. */
  async transcript(keyDevId: string, scope: string, signal?: AbortSignal): Promise<KfTranscriptPart[] | null> {
    const key = `kf:transcripts:${keyDevId}`;
    const hit = this.stamped<KfTranscriptPart[]>(await this.options.store.get(key), 'kfinance.transcript', signal);
    if (Array.isArray(hit)) return hit;
    const parts = await this.entitled('transcript', scope, signal, async () => {
      const endpoint = 'kfinance.transcript';
      const r = await this.options.http.request({ endpoint, method: 'GET', path: `/api/v1/transcript/${keyDevId}`, scope, signal, accept: [404] });
      return r.status === 404 ? null : parseTranscript(r.body, endpoint);
    });
    if (parts) await this.options.store.set(key, this.stamp(parts));
    return parts;
  }

  /** Competitors from every source. */
  competitors(companyId: string, scope: string, signal?: AbortSignal): Promise<KfCompanyRef[]> {
    return this.entitledGet('competitors', `kf:competitors:${companyId}`, this.options.ttls.companyMs, 'kfinance.competitors', `/api/v1/competitors/${companyId}`, scope, signal, (r, endpoint) => parseCompetitors(r.body, endpoint));
  }

  /** The companies that are `type` of `companyId` (for supplier: its suppliers), current and previous (§2.9). */
  relationships(companyId: string, type: string, scope: string, signal?: AbortSignal): Promise<{ current: KfCompanyRef[]; previous: KfCompanyRef[] }> {
    return this.entitledGet('relationship', `kf:relationship:${companyId}:${type}`, this.options.ttls.companyMs, 'kfinance.relationship', `/api/v1/relationship/${companyId}/${type}`, scope, signal, (r, endpoint) => {
      const body = (typeof r.body === 'object' && r.body !== null ? r.body : {}) as Record<string, unknown>;
      return { current: parseCompetitors({ competitors: body.current ?? [] }, endpoint), previous: parseCompetitors({ competitors: body.previous ?? [] }, endpoint) };
    });
  }

  /** The company's deals as target, buyer and seller; with v7, kFinance filters by announcement date, with the spec the gateway does. */
  mergers(companyId: string, from: string | null, to: string | null, scope: string, signal?: AbortSignal): Promise<KfCompanyMergers> {
    const v7 = this.options.mergersApi !== 'spec';
    const path = v7 ? `/api/v1/mergers/${companyId}/${from ?? 'none'}/${to ?? 'none'}` : `/api/v1/mergers/${companyId}`;
    return this.entitledGet('mergers', `kf:mergers:${path}`, this.options.ttls.listMs, 'kfinance.mergers', path, scope, signal, (r, endpoint) => {
      const all = parseMergerList(r.body, endpoint);
      if (v7 || (from === null && to === null)) return all;
      // The spec's list has only closed dates: filter on them.
      const keep = (m: { closedOn: string | null }) => m.closedOn !== null && (from === null || m.closedOn >= from) && (to === null || m.closedOn <= to);
      return { target: all.target.filter(keep), buyer: all.buyer.filter(keep), seller: all.seller.filter(keep) };
    });
  }

  /**
   * Deal details by transaction id: one `POST mergers/info` for all of them (v7), or one
   * `GET merger/info/{id}` each (spec). Unknown deals are null; a per-deal error is that deal's Error.
   */
  async mergerInfo(transactionIds: readonly string[], scope: string, signal?: AbortSignal, signalOf?: (index: number) => AbortSignal | undefined): Promise<Map<string, KfMergerInfo | null | Error>> {
    const out = new Map<string, KfMergerInfo | null | Error>();
    const { store, ttls } = this.options;
    const endpoint = this.options.mergersApi === 'spec' ? 'kfinance.merger-info' : 'kfinance.mergers-info';
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const [index, tid] of transactionIds.entries()) {
      if (seen.has(tid)) continue;
      seen.add(tid);
      const hit = ttls.companyMs > 0 ? this.stamped<KfMergerInfo>(await store.get(`kf:mergers:${tid}`), endpoint, signalOf?.(index) ?? signal) : undefined;
      if (hit && typeof hit === 'object') out.set(tid, hit);
      else missing.push(tid);
    }
    if (missing.length === 0) return out;
    await this.entitled('mergers', scope, signal, async () => {
      if (this.options.mergersApi === 'spec') {
        await Promise.all(
          missing.map(async (tid) => {
            const endpoint = 'kfinance.merger-info';
            const r = await this.options.http.request({ endpoint, method: 'GET', path: `/api/v1/merger/info/${tid}`, scope, signal, accept: [404] });
            out.set(tid, r.status === 404 ? null : parseMergerInfo(tid, r.body, endpoint));
          }),
        );
        return;
      }
      const endpoint = 'kfinance.mergers-info';
      const r = await this.options.http.request({ endpoint, method: 'POST', path: '/api/v1/mergers/info', json: { transaction_ids: missing.map(Number), include_advisors: false, include_comments: false }, scope, signal, idempotent: true });
      const results = (typeof r.body === 'object' && r.body !== null ? (r.body as Record<string, unknown>).results : undefined) as Record<string, unknown> | undefined;
      for (const tid of missing) {
        const raw = results?.[tid];
        if (raw === undefined) out.set(tid, null);
        else if (typeof raw === 'object' && raw !== null && 'error' in raw) {
          const message = String((raw as { error: unknown }).error);
          out.set(tid, /no merger found|not found/i.test(message) ? null : new UpstreamError('UPSTREAM_UNAVAILABLE', 'kfinance', `The Kensho LLM-ready API could not return transaction ${tid}: ${message.slice(0, 200)}`, { extensions: { transactionId: tid } }));
        } else out.set(tid, parseMergerInfo(tid, raw, endpoint));
      }
    });
    for (const tid of missing) {
      const v = out.get(tid);
      if (v && !(v instanceof Error) && ttls.companyMs > 0) await store.set(`kf:mergers:${tid}`, this.stamp(v), ttls.companyMs);
    }
    return out;
  }

  /** The company's security ids; empty for a private company (404). */
  securities(companyId: string, scope: string, signal?: AbortSignal): Promise<string[]> {
    const endpoint = 'kfinance.securities';
    return this.cached(`kf:securities:${companyId}`, this.options.ttls.companyMs, endpoint, signal, async () => {
      const r = await this.options.http.request({ endpoint, method: 'GET', path: `/api/v1/securities/${companyId}`, scope, signal, accept: [404] });
      return r.status === 404 ? [] : idList(r.body, 'securities', endpoint);
    });
  }

  /** The security's trading item ids (listings); empty on 404. */
  tradingItems(securityId: string, scope: string, signal?: AbortSignal): Promise<string[]> {
    const endpoint = 'kfinance.trading-items';
    return this.cached(`kf:trading-items:${securityId}`, this.options.ttls.companyMs, endpoint, signal, async () => {
      const r = await this.options.http.request({ endpoint, method: 'GET', path: `/api/v1/trading_items/${securityId}`, scope, signal, accept: [404] });
      return r.status === 404 ? [] : idList(r.body, 'trading_items', endpoint);
    });
  }

  /** The security's ISIN or CUSIP (IDPermission); null when it has none (404). */
  securityCode(kind: 'isin' | 'cusip', securityId: string, scope: string, signal?: AbortSignal): Promise<string | null> {
    return this.entitledGet(
      kind,
      `kf:${kind}:${securityId}`,
      this.options.ttls.companyMs,
      `kfinance.${kind}`,
      `/api/v1/${kind}/${securityId}`,
      scope,
      signal,
      (r) => {
        const body = r.body as Record<string, unknown> | null;
        return r.status === 404 || typeof body?.[kind] !== 'string' ? null : (body[kind] as string);
      },
      [404],
    );
  }

  /** The account's entitlements, read at most once per list TTL (§4.3: cache `/users/permissions`). */
  permissions(scope: string, signal?: AbortSignal): Promise<ReadonlySet<string>> {
    const now = this.options.clock();
    const cached = this.permissionsCache;
    if (cached && now - cached.at < Math.max(this.options.ttls.listMs, 1)) return cached.value;
    const value = (async () => {
      const endpoint = 'kfinance.permissions';
      // An entitlement check decides whether a field may be asked, not what it says: not cited.
      const call: UpstreamCall = { endpoint, method: 'GET', path: '/api/v1/users/permissions', scope, signal, cite: false };
      return new Set(parsePermissions((await this.options.http.request(call)).body, endpoint)) as ReadonlySet<string>;
    })();
    this.permissionsCache = { at: now, value };
    // A failed read is not kept: the next call asks again.
    value.catch(() => {
      if (this.permissionsCache?.value === value) this.permissionsCache = undefined;
    });
    return value;
  }

  /**
   * Runs `call` when the account holds one of the entitlements it needs, else refuses it without
   * calling. A 403 that survives the token renewal (UpstreamHttp renews once for kFinance) is
   * checked against freshly read entitlements, as Kensho's client re-reads them after a refresh.
   */
  private async entitled<T>(what: EntitledCall, scope: string, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    const needs = ENTITLEMENTS[what];
    const before = await this.permissions(scope, signal);
    if (!needs.some((p) => before.has(p))) throw forbidden(what, needs);
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.code !== 'UPSTREAM_FORBIDDEN') throw error;
      this.permissionsCache = undefined;
      const granted = await this.permissions(scope, signal);
      if (!needs.some((p) => granted.has(p))) throw forbidden(what, needs);
      throw error;
    }
  }

  /**
   * The shape of most kFinance reads: a GET of `path` for an entitled feature, parsed by `read`,
   * cached under `key` for `ttlMs`. `accept` lists the statuses `read` handles itself (404).
   */
  private entitledGet<T>(what: EntitledCall, key: string, ttlMs: number, endpoint: string, path: string, scope: string, signal: AbortSignal | undefined, read: (r: SentResponse, endpoint: string) => T, accept?: readonly number[]): Promise<T> {
    return this.cached(key, ttlMs, endpoint, signal, () =>
      this.entitled(what, scope, signal, async () => read(await this.options.http.request({ endpoint, method: 'GET', path, scope, signal, accept }), endpoint)),
    );
  }

  /** A value to keep in the shared cache with when kFinance sent it (read back by `stamped`). */
  private stamp<T>(value: T): { v: T; at: number } {
    return { v: value, at: this.options.clock() };
  }

  /**
   * The value of a copy `stamp` kept (undefined for anything else), credited to the part `signal`
   * serves with its age. These caches' keys changed when copies began to carry their time
   * (`kf:ids:`, `kf:<kind>:v2:`, `kf:mergers:`, `kf:transcripts:`), so a replica of an older
   * version, which keeps bare values under the former keys, never reads one of these.
   */
  private stamped<T>(hit: unknown, endpoint: string, signal: AbortSignal | undefined): T | undefined {
    if (typeof hit !== 'object' || hit === null || !('v' in hit) || typeof (hit as { at?: unknown }).at !== 'number') return undefined;
    const { v, at } = hit as { v: T; at: number };
    noteSource(signal, 'kfinance', endpoint, at, this.options.clock());
    return v;
  }

  /**
   * `fetch`'s answer through the shared cache, kept as `{ v, at }`: `at` is when kFinance sent it
   * (the gateway's clock), which a hit reports as its age (`extensions.provenance`). A copy an
   * older version kept has no `at`: it is reported as old as the TTL allows, never younger.
   */
  private async cached<T>(key: string, ttlMs: number, endpoint: string, signal: AbortSignal | undefined, fetch: () => Promise<T>): Promise<T> {
    const { store, clock } = this.options;
    if (ttlMs > 0) {
      const hit = (await store.get(key)) as { v: T; at?: number } | undefined;
      if (hit && typeof hit === 'object' && 'v' in hit) {
        const now = clock();
        noteSource(signal, 'kfinance', endpoint, typeof hit.at === 'number' ? hit.at : now - ttlMs, now);
        return hit.v;
      }
    }
    const value = await fetch();
    if (ttlMs > 0) await store.set(key, { v: value, at: clock() }, ttlMs);
    return value;
  }
}

/** A list of ids under `field` (`{"securities": [2590359]}`), as digit strings. */
function idList(body: unknown, field: string, endpoint: string): string[] {
  const list = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(list)) throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'kfinance', `The Kensho LLM-ready API answered ${endpoint} without a ${field} list`, { extensions: { endpoint } });
  return list.map(id).filter((x): x is string => x !== null);
}

/** UPSTREAM_FORBIDDEN naming the entitlement a call needs. */
function forbidden(what: EntitledCall, needs: readonly string[]): UpstreamError {
  return new UpstreamError(
    'UPSTREAM_FORBIDDEN',
    'kfinance',
    `The Kensho LLM-ready API account lacks the entitlement ${needs.join(' or ')} needed for ${what.replace('_', ' ')}`,
    { extensions: { entitlement: needs[0], acceptedEntitlements: [...needs] } },
  );
}
