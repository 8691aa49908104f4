import type { IncomingMessage } from 'node:http';
import { SimHttpError, readJson } from './http-util.js';
import { buildKfinanceDataset, micros, type SimCompany } from './kfinance-data.js';
import { DEALS, RELATIONSHIPS, ROUNDS, d2name, type Deal } from './kfinance-deals.js';
import { LINE_ITEMS, STATEMENT_ALIASES, STATEMENT_NAMES, selectPeriods, statementItems, type Period } from './kfinance-financials.js';
import { DAY_MS, HISTORY_START, MONTHS, cents, dailyBars, isoWeek } from './kfinance-prices.js';
import type { SimAccessClaims } from './tokens.js';

/** Every entitlement name the client knows (UPSTREAMS-MORE §2.1, kf-models `Permission`). */
export const KFINANCE_PERMISSIONS = [
  'CompetitorsPermission',
  'EarningsPermission',
  'GICSPermission',
  'IDPermission',
  'ISCRSPermission',
  'MergersPermission',
  'PricingPermission',
  'RelationshipPermission',
  'SegmentsPermission',
  'StatementsPermission',
  'TranscriptsPermission',
  'PrivateCompanyFinancialsPermission',
  'CompanyIntelligencePermission',
  'EstimatesPermission',
] as const;

/** Knobs kFinance reads on each request. */
export interface KfinanceKnobs {
  /**
   * Entitlements withheld, by Okta client id (`cid` of the token), '*' for every client; the
   * rest of KFINANCE_PERMISSIONS is granted. A call needing a withheld one gets 403 [inferred].
   */
  kfinanceWithheldPermissions: Record<string, string[]>;
  /** Company ids whose data fails inside a 200 (`/ids` `error`, batch `errors`, price `errors`). */
  kfinanceFailingCompanies: string[];
  /** `/ids` wraps its map in `data` (schema, client) or not (the spec's example) [doc: both]. */
  kfinanceIdsWrapped: boolean;
}

type Answer = { status: number; body: unknown };

/** DRF's answer to a missing permission [inferred]. */
const NO_PERMISSION = 'You do not have permission to perform this action.';

/** The endpoint name (counters, faults) of a kFinance path below `/kfinance` (its refresh endpoint is the refresh route's). */
export function kfinanceEndpoint(method: string, p: string): string {
  const m = /^\/api\/v1\/(.*)$/.exec(p);
  if (!m) return 'kfinance.other';
  const rest = m[1]!;
  if (rest === 'ids' && method === 'POST') return 'kfinance.ids';
  if (rest === 'users/permissions') return 'kfinance.permissions';
  if (/^info\/\d+$/.test(rest)) return 'kfinance.info';
  if (/^info\/\d+\/descriptions$/.test(rest)) return 'kfinance.descriptions';
  if (/^pricing\/\d+\/metadata$/.test(rest)) return 'kfinance.pricing-metadata';
  if (/^pricing\/\d+\/[^/]+\/[^/]+\/[^/]+\/[^/]+$/.test(rest)) return 'kfinance.pricing';
  if (rest === 'statements' && method === 'POST') return 'kfinance.statements';
  if (rest === 'line_item' && method === 'POST') return 'kfinance.line-item';
  if (rest === 'segments' && method === 'POST') return 'kfinance.segments';
  if (/^earnings\/\d+$/.test(rest)) return 'kfinance.earnings';
  if (/^transcript\/\d+$/.test(rest)) return 'kfinance.transcript';
  if (/^competitors\/\d+$/.test(rest)) return 'kfinance.competitors';
  if (/^securities\/\d+$/.test(rest)) return 'kfinance.securities';
  if (/^fundingrounds\/(target|investor)\/\d+$/.test(rest)) return 'kfinance.funding-rounds';
  if (/^market_cap\/\d+\/[^/]+\/[^/]+$/.test(rest)) return 'kfinance.market-cap';
  if (rest === 'mergers/info' && method === 'POST') return 'kfinance.mergers-info';
  if (/^mergers\/\d+(\/[^/]+\/[^/]+)?$/.test(rest)) return 'kfinance.mergers';
  if (/^merger\/info\/\d+$/.test(rest)) return 'kfinance.merger-info';
  if (/^relationship\/\d+\/[a-z_]+$/.test(rest)) return 'kfinance.relationship';
  if (/^trading_items\/\d+$/.test(rest)) return 'kfinance.trading-items';
  if (/^isin\/\d+$/.test(rest)) return 'kfinance.isin';
  if (/^cusip\/\d+$/.test(rest)) return 'kfinance.cusip';
  return 'kfinance.other';
}

/** The permission a call needs (any one of them), per the client's tool metadata (§2.1). */
const NEEDS: Record<string, readonly string[]> = {
  'kfinance.descriptions': ['CompanyIntelligencePermission'],
  'kfinance.pricing': ['PricingPermission'],
  'kfinance.statements': ['StatementsPermission', 'PrivateCompanyFinancialsPermission'],
  'kfinance.line-item': ['StatementsPermission', 'PrivateCompanyFinancialsPermission'],
  'kfinance.segments': ['SegmentsPermission'],
  'kfinance.earnings': ['EarningsPermission', 'TranscriptsPermission'],
  'kfinance.transcript': ['TranscriptsPermission'],
  'kfinance.competitors': ['CompetitorsPermission'],
  'kfinance.isin': ['IDPermission'],
  'kfinance.funding-rounds': ['MergersPermission'],
  'kfinance.market-cap': ['PricingPermission'],
  'kfinance.mergers': ['MergersPermission'],
  'kfinance.merger-info': ['MergersPermission'],
  'kfinance.mergers-info': ['MergersPermission'],
  'kfinance.relationship': ['RelationshipPermission'],
  'kfinance.cusip': ['IDPermission'],
};

/**
 * The LLM-ready API (UPSTREAMS-MORE §2) over a small deterministic dataset built from the NERD
 * simulator's CapIQ companies: identification, company info and descriptions, entitlements, daily
 * prices with week/month/year labels, statements, line items, segments, earnings calls,
 * transcripts and competitors. Clients authenticate as for every Kensho app; a missing or expired
 * token gets 403, never 401 (§2.13).
 */
export class KfinanceSimulator {
  readonly companies: ReadonlyMap<string, SimCompany> = buildKfinanceDataset();

  constructor(
    private readonly clock: () => number,
    private readonly knobs: KfinanceKnobs,
  ) {}

  /** The entitlements of a client (`cid`). */
  permissions(clientId: string): string[] {
    const withheld = new Set([...(this.knobs.kfinanceWithheldPermissions['*'] ?? []), ...(this.knobs.kfinanceWithheldPermissions[clientId] ?? [])]);
    return KFINANCE_PERMISSIONS.filter((p) => !withheld.has(p));
  }

  /** Answers one authenticated call. */
  async handle(endpoint: string, req: IncomingMessage, path: string, claims: SimAccessClaims): Promise<Answer> {
    const needs = NEEDS[endpoint];
    if (needs) {
      const granted = new Set(this.permissions(claims.cid));
      if (!needs.some((p) => granted.has(p))) throw new SimHttpError(403, { detail: NO_PERMISSION });
    }
    const seg = path.split('/').filter(Boolean).slice(2); // after api/v1
    switch (endpoint) {
      case 'kfinance.permissions':
        return ok({ permissions: this.permissions(claims.cid) });
      case 'kfinance.ids':
        return this.ids(await readJson(req));
      case 'kfinance.info':
        return ok(this.info(this.company(seg[1]!)));
      case 'kfinance.descriptions': {
        const c = this.company(seg[1]!);
        return ok({
          summary: `${c.name} is a ${c.info.type.toLowerCase()} in ${c.info.simpleIndustry}, headquartered in ${c.info.city}, ${c.info.country}.`,
          description: `Overview\n${c.name} operates in ${c.info.simpleIndustry}.\n\nHistory\nFounded ${c.info.foundingDate.slice(0, 4)}; about ${c.info.employees.split('.')[0]} employees.`,
        });
      }
      case 'kfinance.pricing-metadata': {
        const c = this.byTradingItem(seg[1]!);
        const l = c.listing!;
        return ok({ currency: l.currency, symbol: l.ticker.split(':')[1], exchange_name: l.ticker.split(':')[0], instrument_type: 'Equity', first_trade_date: '1990-01-02' });
      }
      case 'kfinance.pricing':
        return this.pricing(seg[1]!, seg[2]!, seg[3]!, seg[4]!);
      case 'kfinance.statements':
      case 'kfinance.line-item':
      case 'kfinance.segments':
        return this.financials(endpoint, await readJson(req));
      case 'kfinance.earnings':
        return ok({ earnings: this.earnings(this.company(seg[1]!)).map(({ name, key_dev_id, datetime }) => ({ name, key_dev_id, datetime })) });
      case 'kfinance.transcript':
        return this.transcript(seg[1]!);
      case 'kfinance.competitors': {
        const c = this.company(seg[1]!);
        return ok({ competitors: c.competitors.map((id) => ({ company_id: Number(id), company_name: this.companies.get(id)?.name ?? id })) });
      }
      case 'kfinance.relationship': {
        const c = this.company(seg[1]!);
        const j = RELATIONSHIPS.indexOf(seg[2]!);
        if (j < 0) throw new SimHttpError(400, { detail: `"${seg[2]!}" is not a valid relationship type.` });
        // A deterministic pick of other dataset companies per company and relationship type.
        const ids = [...this.companies.keys()];
        const i = ids.indexOf(c.companyId);
        const pick = (k: number) => ids[(i + k) % ids.length]!;
        const ref = (id: string) => ({ company_id: Number(id), company_name: this.companies.get(id)!.name });
        const current = [...new Set([pick(j + 1), pick(2 * j + 3)])].filter((id) => id !== c.companyId);
        const previous = [pick(j + 5)].filter((id) => id !== c.companyId && !current.includes(id));
        return ok({ current: current.map(ref), previous: previous.map(ref) });
      }
      case 'kfinance.funding-rounds': {
        const c = this.company(seg[2]!);
        const rounds = ROUNDS.filter((r) => (seg[1] === 'target' ? r.target === c.companyId : r.investors.includes(c.companyId)));
        return ok({ rounds_of_funding: rounds.map((r) => ({ transaction_id: Number(r.id), funding_round_notes: r.notes, closed_date: r.closed, funding_type: r.type })) });
      }
      case 'kfinance.market-cap':
        return this.marketCaps(seg[1]!, seg[2]!, seg[3]!);
      case 'kfinance.mergers':
        return ok(this.mergers(seg[1]!, seg[2], seg[3]));
      case 'kfinance.merger-info': {
        const deal = DEALS.find((d) => d.id === seg[2]);
        if (!deal) throw new SimHttpError(404, { detail: 'No result found.' });
        return ok(this.mergerInfo(deal));
      }
      case 'kfinance.mergers-info': {
        const body = await readJson(req);
        if (!Array.isArray(body.transaction_ids) || body.transaction_ids.length === 0) throw new SimHttpError(400, { transaction_ids: ['This list may not be empty.'] });
        const results: Record<string, unknown> = {};
        for (const raw of body.transaction_ids) {
          const deal = DEALS.find((d) => d.id === String(raw));
          results[String(raw)] = deal ? this.mergerInfo(deal) : { error: `No merger found for transaction ${String(raw)}` };
        }
        return ok({ results });
      }
      case 'kfinance.securities': {
        const c = this.company(seg[1]!);
        if (!c.listing) throw new SimHttpError(404, { detail: 'No result found.' });
        return ok({ securities: [Number(c.listing.securityId)] });
      }
      case 'kfinance.trading-items':
        return ok({ trading_items: [Number(this.bySecurity(seg[1]!).listing!.tradingItemId)] });
      case 'kfinance.isin':
        return ok({ isin: this.bySecurity(seg[1]!).listing!.isin });
      case 'kfinance.cusip':
        // A US or Canadian ISIN holds the CUSIP in its characters 3 to 11.
        return ok({ cusip: this.bySecurity(seg[1]!).listing!.isin.slice(2, 11) });
      default:
        throw new SimHttpError(404, { detail: 'Not found.' });
    }
  }

  private company(id: string): SimCompany {
    const c = this.companies.get(id);
    if (!c) throw new SimHttpError(404, { detail: 'No result found.' });
    return c;
  }

  /** The spec's list (`mergers/{id}`: merger_title) or the v7 client's (`mergers/{id}/{start}/{end}`: status, names). */
  private mergers(companyId: string, start: string | undefined, end: string | undefined): Record<string, unknown[]> {
    this.company(companyId);
    const v7 = start !== undefined;
    const within = (d: Deal) => (!start || start === 'none' || d.announced >= start) && (!end || end === 'none' || d.announced <= end);
    const name = (id: string) => this.companies.get(id)?.name ?? d2name(id);
    const entry = (d: Deal) =>
      v7
        ? { transaction_id: Number(d.id), status: d.status, start_date: d.announced, closed_date: d.closed, target: name(d.target), buyers: d.buyers.map(name) }
        : { transaction_id: Number(d.id), merger_title: d.title, closed_date: d.closed };
    const deals = DEALS.filter(within);
    return {
      target: deals.filter((d) => d.target === companyId).map(entry),
      buyer: deals.filter((d) => d.buyers.includes(companyId)).map(entry),
      seller: deals.filter((d) => d.sellers.includes(companyId)).map(entry),
    };
  }

  private mergerInfo(d: Deal): Record<string, unknown> {
    const ref = (id: string) => ({ company_id: Number(id), company_name: this.companies.get(id)?.name ?? d2name(id) });
    return {
      timeline: [{ status: 'Announced', date: d.announced }, ...(d.closed ? [{ status: 'Closed', date: d.closed }] : [])],
      participants: { target: ref(d.target), buyers: d.buyers.map(ref), sellers: d.sellers.map(ref) },
      consideration: d.value
        ? { currency_name: 'US Dollar', current_calculated_gross_total_transaction_value: d.value, current_calculated_implied_equity_value: d.value, current_calculated_implied_enterprise_value: null, details: [] }
        : null,
    };
  }

  private bySecurity(id: string): SimCompany {
    for (const c of this.companies.values()) if (c.listing?.securityId === id) return c;
    throw new SimHttpError(404, { detail: 'No result found.' });
  }

  private byTradingItem(id: string): SimCompany {
    for (const c of this.companies.values()) if (c.listing?.tradingItemId === id) return c;
    throw new SimHttpError(404, { detail: 'No result found.' });
  }

  private info(c: SimCompany): Record<string, unknown> {
    const i = c.info;
    return { name: c.name, status: i.status, type: i.type, simple_industry: i.simpleIndustry, number_of_employees: i.employees, founding_date: i.foundingDate, webpage: i.webpage, address: i.address, city: i.city, zip_code: i.zip, state: i.state, country: i.country, iso_country: i.iso3 };
  }

  private ids(body: Record<string, unknown>): Answer {
    const identifiers = body.identifiers;
    if (!Array.isArray(identifiers) || identifiers.length === 0) throw new SimHttpError(400, { identifiers: ['This list may not be empty.'] });
    if (identifiers.length > 100) throw new SimHttpError(400, { identifiers: ['Ensure this field has no more than 100 elements.'] });
    const map: Record<string, unknown> = {};
    for (const raw of identifiers) {
      if (typeof raw !== 'string' || raw.length > 255) throw new SimHttpError(400, { identifiers: ['Ensure this field has no more than 255 characters.'] });
      const { company, type } = this.identify(raw);
      if (company && this.knobs.kfinanceFailingCompanies.includes(company.companyId)) {
        map[raw] = { error: `Failed to retrieve the identification triple for company ${company.companyId}` };
      } else if (!company) {
        map[raw] = { error: `No identification triple found for the provided identifier: ${raw} of type: ${type}` };
      } else {
        map[raw] = {
          trading_item_id: company.listing ? Number(company.listing.tradingItemId) : null,
          security_id: company.listing ? Number(company.listing.securityId) : null,
          company_id: Number(company.companyId),
          company_name: company.name,
          ticker: company.listing?.ticker ?? null,
          country: company.info.iso3,
        };
      }
    }
    return ok(this.knobs.kfinanceIdsWrapped ? { data: map } : map);
  }

  /** Resolves one identifier: `C_<id>`, ISIN, CUSIP, ticker (with or without exchange), or a name. */
  private identify(raw: string): { company: SimCompany | undefined; type: string } {
    const s = raw.trim();
    const cid = /^C_(\d+)$/.exec(s)?.[1];
    if (cid) return { company: this.companies.get(cid), type: 'company_id' };
    const all = [...this.companies.values()];
    if (/^[A-Z]{2}[A-Z0-9]{9}\d$/.test(s)) return { company: all.find((c) => c.listing?.isin === s), type: 'isin' };
    if (/^[A-Z0-9]{8}\d$/.test(s)) return { company: all.find((c) => c.listing?.isin.slice(2, 11) === s), type: 'cusip' };
    const upper = s.toUpperCase();
    const byTicker = all.find((c) => c.listing && (c.listing.ticker.toUpperCase() === upper || c.listing.ticker.split(':')[1]!.toUpperCase() === upper));
    if (byTicker) return { company: byTicker, type: 'ticker' };
    const lower = s.toLowerCase();
    // The "most likely" match: an exact name, else the first name that starts with the text.
    const byName = all.find((c) => c.name.toLowerCase() === lower) ?? all.find((c) => c.name.toLowerCase().startsWith(lower));
    return { company: byName, type: /^[A-Za-z.]{1,6}$/.test(s) ? 'ticker' : 'ticker_or_company_name' };
  }

  /** Daily market cap, TEV and shares of a listed company (`market_cap` takes the company id, §2.5). */
  private marketCaps(companyId: string, start: string, end: string): Answer {
    const c = this.company(companyId);
    if (!c.listing) throw new SimHttpError(404, { detail: 'No result found.' });
    if (this.knobs.kfinanceFailingCompanies.includes(companyId)) return ok({ currency: c.listing.currency, market_caps: [], errors: [`Market caps are unavailable for company ${companyId}`] });
    const day = (v: string, fallback: number) => (v === 'none' ? fallback : Date.parse(`${v}T00:00:00Z`));
    const lastClose = Math.floor(this.clock() / DAY_MS) * DAY_MS - DAY_MS;
    const shares = BigInt((Number(companyId) % 997) + 1) * 10_000_000n;
    const bars = dailyBars(c, Math.max(HISTORY_START, day(start, HISTORY_START)), Math.min(lastClose, day(end, lastClose)));
    return ok({
      currency: c.listing.currency,
      market_caps: bars.map((b) => {
        const capMicros = BigInt(b.close) * shares * 10_000n; // cents to micro-units
        return { date: new Date(b.t).toISOString().slice(0, 10), market_cap: micros(capMicros), tev: micros((capMicros * 11n) / 10n), shares_outstanding: Number(shares) };
      }),
    });
  }

  private pricing(tradingItemId: string, start: string, end: string, periodicity: string): Answer {
    const c = this.byTradingItem(tradingItemId);
    if (!['day', 'week', 'month', 'year', 'none'].includes(periodicity)) throw new SimHttpError(400, { periodicity: [`"${periodicity}" is not a valid choice.`] });
    const date = (v: string, fallback: number): number => {
      if (v === 'none') return fallback;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new SimHttpError(400, { detail: `Invalid date: ${v}` });
      return Date.parse(`${v}T00:00:00Z`);
    };
    const lastClose = Math.floor(this.clock() / DAY_MS) * DAY_MS - DAY_MS; // the previous day
    const from = Math.max(HISTORY_START, date(start, HISTORY_START));
    const to = Math.min(lastClose, date(end, lastClose));
    if (this.knobs.kfinanceFailingCompanies.includes(c.companyId)) {
      return ok({ currency: c.listing!.currency, prices: [], errors: [`Pricing is unavailable for trading item ${tradingItemId}`] });
    }
    const days = dailyBars(c, from, to);
    const label = (t: number): string => {
      const d = new Date(t);
      if (periodicity === 'week') {
        const { year, week } = isoWeek(d);
        return `${year} Week ${week}`;
      }
      if (periodicity === 'month') return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
      if (periodicity === 'year') return String(d.getUTCFullYear());
      return new Date(t).toISOString().slice(0, 10);
    };
    const bars: Array<{ date: string; open: number; high: number; low: number; close: number; volume: number }> = [];
    for (const d of days) {
      const key = label(d.t);
      const last = bars.at(-1);
      if (last && last.date === key) {
        last.high = Math.max(last.high, d.high);
        last.low = Math.min(last.low, d.low);
        last.close = d.close;
        last.volume += d.volume;
      } else {
        bars.push({ date: key, open: d.open, high: d.high, low: d.low, close: d.close, volume: d.volume });
      }
    }
    return ok({
      currency: c.listing!.currency,
      prices: bars.map((b) => ({ date: b.date, open: cents(b.open), high: cents(b.high), low: cents(b.low), close: cents(b.close), volume: String(b.volume) })),
    });
  }

  private financials(endpoint: string, body: Record<string, unknown>): Answer {
    const ids = body.company_ids;
    if (!Array.isArray(ids) || ids.length === 0) throw new SimHttpError(400, { company_ids: ['This list may not be empty.'] });
    const results: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    const periodType = body.period_type === 'quarterly' ? 'quarterly' : 'annual';
    let build: (c: SimCompany, p: Period) => Record<string, unknown>;
    if (endpoint === 'kfinance.statements') {
      const type = STATEMENT_ALIASES[String(body.statement_type)];
      if (!type) throw new SimHttpError(400, { statement_type: [`"${String(body.statement_type)}" is not a valid choice.`] });
      build = (c, p) => ({ statements: [{ name: STATEMENT_NAMES[type], line_items: statementItems(type, p.revenue).map(([name, v]) => ({ name, value: micros(v) })) }] });
    } else if (endpoint === 'kfinance.line-item') {
      const item = LINE_ITEMS[String(body.line_item)];
      if (!item) throw new SimHttpError(400, { line_item: [`"${String(body.line_item)}" is not a valid choice.`] });
      build = (c, p) => {
        const [statement, name] = item;
        const v = statementItems(statement, p.revenue).find(([n]) => n === name)![1];
        return { line_item: { name, value: micros(v), sources: c.listing ? [{ type: 'doc-viewer line item', url: `https://www.capitaliq.spglobal.com/web/client#company/doc?id=${c.companyId}&key=${p.key}` }] : [] } };
      };
    } else {
      const geographic = body.segment_type === 'geographic';
      const parts: Array<[string, bigint]> = geographic ? [['Americas', 45n], ['Europe', 30n], ['Asia Pacific', 25n]] : [['Products', 60n], ['Services', 40n]];
      // The spec's segment example sends numbers, not strings (UPSTREAMS-MORE §2.6).
      build = (_c, p) => ({ segments: parts.map(([name, pct]) => ({ name, line_items: [{ name: 'Revenue', value: Number((p.revenue * pct) / 100n / 1_000_000n) }] })) });
    }
    for (const raw of ids) {
      const id = String(raw);
      const c = this.companies.get(id);
      if (!c) {
        errors[id] = `No data found for company ${id}`;
        continue;
      }
      if (this.knobs.kfinanceFailingCompanies.includes(id)) {
        errors[id] = `Failed to retrieve financial data for company ${id}`;
        continue;
      }
      const periods = selectPeriods(c, periodType, body, endpoint === 'kfinance.segments' ? 5 : 4);
      results[id] = {
        currency: c.listing?.currency ?? 'USD',
        periods: Object.fromEntries(periods.map((p) => [p.key, { period_end_date: p.end, num_months: p.months, ...build(c, p) }])),
      };
    }
    return ok({ results, errors });
  }

  /** Four calls a year, 2024 to 2026, those in the two years before and 120 days after now; newest first. */
  earnings(c: SimCompany): Array<{ name: string; key_dev_id: number; datetime: string; at: number }> {
    if (!c.listing) return [];
    const index = [...this.companies.keys()].indexOf(c.companyId);
    const now = this.clock();
    const out: Array<{ name: string; key_dev_id: number; datetime: string; at: number }> = [];
    for (let year = 2024; year <= 2026; year++) {
      for (let q = 1; q <= 4; q++) {
        const at = Date.UTC(q === 4 ? year + 1 : year, q === 4 ? 0 : q * 3, 28, 12, 30);
        if (at < now - 730 * DAY_MS || at > now + 120 * DAY_MS) continue;
        const d = new Date(at);
        const name = `${c.name}, Q${q} ${year} Earnings Call, ${MONTHS[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
        out.push({ name, key_dev_id: 1_900_000_000 + index * 100 + (year - 2024) * 4 + q, datetime: d.toISOString().replace('.000Z', 'Z'), at });
      }
    }
    return out.reverse();
  }

  private transcript(keyDevId: string): Answer {
    for (const c of this.companies.values()) {
      const call = this.earnings(c).find((e) => String(e.key_dev_id) === keyDevId);
      if (!call) continue;
      if (call.at > this.clock()) throw new SimHttpError(404, { detail: 'No result found.' });
      return ok({
        transcript: [
          { component_type: 'Presentation Operator Message', person_name: 'Operator', text: `Good day, and welcome to the ${call.name}.` },
          { component_type: 'Presenter Speech', person_name: 'Chief Executive Officer', text: `Thank you. ${c.name} had a solid quarter.` },
          { component_type: 'Question', person_name: 'Analyst', text: 'Could you talk about margins?' },
          { component_type: 'Answer', person_name: 'Chief Financial Officer', text: 'Margins improved across segments.' },
        ],
      });
    }
    throw new SimHttpError(404, { detail: 'No result found.' });
  }
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}
