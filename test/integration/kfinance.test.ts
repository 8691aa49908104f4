import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildKfinanceDataset, micros } from '@kensho-gateway/simulator';
import type { StackOptions } from '../helpers/stack.js';
import { startStack, type Stack } from '../helpers/stack.js';

const DATASET = buildKfinanceDataset();
const COMPANY_ALIASES = ['Kensho Technologies', 'S&P Global', 'Apple', 'Microsoft', 'Alphabet', 'Amazon', 'Goldman Sachs', 'JPMorgan', 'Tesla', 'Nvidia', 'Morgan Stanley', 'IBM', 'Siemens', 'Toyota', 'Nestlé'];

/** A text naming CapIQ companies `mentions` times (cycling through the 15 the simulator knows). */
function textWith(mentions: number): string {
  const parts: string[] = [];
  for (let i = 0; i < mentions; i++) parts.push(`${COMPANY_ALIASES[i % COMPANY_ALIASES.length]} reported results.`);
  return parts.join(' ');
}

/** A stack whose key-pair client holds NERD and kFinance scopes, kFinance pointed at the simulator. */
function kfStack(options: StackOptions = {}): Promise<Stack> {
  return startStack({
    clientScopes: ['kensho:app:nerd', 'kensho:app:kfinance'],
    ...options,
    envFor: (sim) => ({ KENSHO_KFINANCE_URL: sim.urls.kfinance, ...options.envFor?.(sim) }),
  });
}

const JOIN = /* GraphQL */ `
  query Join($text: String!) {
    annotateText(text: $text, knowledgeBases: [CAPIQ]) {
      annotations {
        text
        entity {
          kbId
          company {
            id
            name
            ticker
            status
            financialStatement(type: INCOME_STATEMENT, period: { numPeriods: 1 }) { currency periods { key endDate groups { name items { name value } } } }
          }
        }
      }
    }
  }
`;

interface JoinData {
  annotateText: Array<{
    annotations: Array<{
      text: string;
      entity: {
        kbId: string;
        company: {
          id: string;
          name: string;
          ticker: string | null;
          status: string | null;
          financialStatement: { currency: string; periods: Array<{ key: string; endDate: string; groups: Array<{ name: string; items: Array<{ name: string; value: string }> }> }> } | null;
        } | null;
      } | null;
    }>;
  }>;
}

describe('Entity.company: the NERD → kFinance join', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await kfStack();
  });
  afterAll(async () => stack.close());

  it('resolves 40 CapIQ entities with one batched call per batchable kFinance endpoint', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql<JoinData>(JOIN, { text: textWith(40) });
    expect(r.errors).toBeUndefined();
    const annotations = r.data!.annotateText[0]!.annotations;
    expect(annotations).toHaveLength(40);
    for (const a of annotations) {
      const expected = DATASET.get(a.entity!.kbId)!;
      expect(a.entity!.company).toMatchObject({ id: expected.companyId, name: expected.name, ticker: expected.listing?.ticker ?? null, status: 'Operating' });
      expect(a.entity!.company!.financialStatement!.periods).toHaveLength(1);
    }
    const { calls } = stack.sim.counters;
    expect(calls('nerd.annotations-sync')).toBe(1);
    // One identification call for all 40 entities, one statements call for all 15 companies.
    expect(calls('kfinance.ids')).toBe(1);
    expect(calls('kfinance.statements')).toBe(1);
    expect(calls('kfinance.permissions')).toBe(1);
    // /info has no batch form (§2.4): one call per distinct company, never per mention.
    expect(calls('kfinance.info')).toBe(new Set(annotations.map((a) => a.entity!.kbId)).size);
    expect(calls('kfinance.info')).toBe(15);
    // One token per app, each with its own scope only.
    expect(stack.sim.counters.tokenRequests('kensho:app:nerd')).toBe(1);
    expect(stack.sim.counters.tokenRequests('kensho:app:kfinance')).toBe(1);
    expect(stack.sim.counters.tokenRequests()).toBe(2);
  });

  it('keeps scopes apart: kFinance saw only kensho:app:kfinance, NERD only kensho:app:nerd', async () => {
    const log = stack.sim.counters.log();
    const kf = log.filter((c) => c.endpoint.startsWith('kfinance.'));
    const nerd = log.filter((c) => c.endpoint.startsWith('nerd.'));
    expect(kf.length).toBeGreaterThan(0);
    expect(nerd.length).toBeGreaterThan(0);
    for (const c of kf) expect(c.scopes).toEqual(['kensho:app:kfinance']);
    for (const c of nerd) expect(c.scopes).toEqual(['kensho:app:nerd']);
  });

  it('keeps decimals exact: the statement value is the simulator string digit for digit', async () => {
    const r = await stack.gql<{ company: { financialStatement: JoinData['annotateText'][0]['annotations'][0]['entity'] extends infer E ? E extends { company: infer C } ? C extends { financialStatement: infer F } ? F : never : never : never } }>(
      `{ company(id: "24937") { financialStatement(type: INCOME_STATEMENT, period: { startYear: 2024, endYear: 2024 }) { currency periods { key endDate months groups { name items { name value } } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const period = r.data!.company.financialStatement!.periods[0]!;
    expect(period).toMatchObject({ key: 'FY2024', endDate: '2024-12-31' });
    const revenue = period.groups[0]!.items.find((i) => i.name === 'Total Revenues')!.value;
    const expected = micros(DATASET.get('24937')!.revenueMicros);
    expect(revenue).toBe(expected);
    // A float could not have carried it.
    expect(Number(revenue).toFixed(6)).not.toBe(expected);
  });

  it('answers null for WIKIMEDIA entities, people and unknown ids without calling kFinance for them', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql<{ annotateText: Array<{ annotations: Array<{ entity: { company: unknown } | null }> }>; company: unknown }>(
      `{ annotateText(text: "Apple and Tim Cook", knowledgeBases: [WIKIMEDIA]) { annotations { entity { company { id } } } } company(id: "999999999") { id } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.annotateText[0]!.annotations.every((a) => a.entity === null || a.entity.company === null)).toBe(true);
    expect(r.data!.company).toBeNull();
    expect(stack.sim.counters.calls('kfinance.ids')).toBe(1);
  });

  it('serves a second page view from the cache: no kFinance call at all', async () => {
    const PAGE = `{ company(id: "21835") { name status employees foundedOn website headquarters { city countryIso3 } primaryListing { ticker prices(from: "2024-01-02", to: "2024-03-28") { currency bars { label close volume } } } } }`;
    const first = await stack.gql<{ company: { employees: string; primaryListing: { prices: { bars: unknown[] } } } }>(PAGE);
    expect(first.errors).toBeUndefined();
    expect(first.data!.company.employees).toBe('221000.0000');
    expect(first.data!.company.primaryListing.prices.bars.length).toBeGreaterThan(50);
    stack.sim.counters.reset();
    const second = await stack.gql(PAGE);
    expect(second.data).toEqual(first.data);
    expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('kfinance.'))).toEqual([]);
  });

  it('labels weekly, monthly and yearly bars as kFinance does, daily bars with dates', async () => {
    const r = await stack.gql<{ company: { primaryListing: Record<string, { bars: Array<{ label: string }> }> } }>(
      `{ company(id: "24937") { primaryListing { d: prices(from: "2024-01-02", to: "2024-01-05") { bars { label } } w: prices(from: "2024-01-08", to: "2024-01-19", periodicity: WEEK) { bars { label } } m: prices(from: "2024-01-02", to: "2024-02-29", periodicity: MONTH) { bars { label } } y: prices(from: "2023-01-02", to: "2024-12-31", periodicity: YEAR) { bars { label } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const p = r.data!.company.primaryListing;
    expect(p.d!.bars.map((b) => b.label)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05']);
    expect(p.w!.bars.map((b) => b.label)).toEqual(['2024 Week 2', '2024 Week 3']);
    expect(p.m!.bars.map((b) => b.label)).toEqual(['January 2024', 'February 2024']);
    expect(p.y!.bars.map((b) => b.label)).toEqual(['2023', '2024']);
  });

  it('fails only the failing company’s statement when the batch answer lists it under errors', async () => {
    // Both companies identified (and cached) first; then only the statements call carries the failure.
    await stack.gql(`{ a: company(id: "24937") { name } m: company(id: "21835") { name } }`);
    stack.sim.knobs.kfinanceFailingCompanies = ['24937'];
    try {
      stack.sim.counters.reset();
      const r = await stack.gql<{ a: { name: string; financialStatement: unknown }; m: { financialStatement: { periods: unknown[] } } }>(
        `{ a: company(id: "24937") { name financialStatement(type: CASH_FLOW) { periods { key } } } m: company(id: "21835") { name financialStatement(type: CASH_FLOW) { periods { key } } } }`,
      );
      expect(r.data!.a.name).toBe('Apple Inc.');
      expect(r.data!.a.financialStatement).toBeNull();
      expect(r.data!.m.financialStatement.periods.length).toBeGreaterThan(0);
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]).toMatchObject({ path: ['a', 'financialStatement'], extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'kfinance', companyId: '24937' } });
      expect(stack.sim.counters.calls('kfinance.statements')).toBe(1);
      expect(stack.sim.counters.calls('kfinance.ids')).toBe(0);
    } finally {
      stack.sim.knobs.kfinanceFailingCompanies = [];
    }
  });

  it('resolves tickers, ISINs, names and CapIQ ids in one call, with per-identifier errors', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql<{ resolveCompanies: Array<{ input: string; company: { id: string } | null; tradingItem: { ticker: string } | null; error: string | null }> }>(
      `{ resolveCompanies(identifiers: ["SPGI", "US0378331005", "Nvidia", "C_251994106", "NOPE123"]) { input company { id } tradingItem { ticker } error } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.resolveCompanies.map((x) => x.company?.id ?? null)).toEqual(['248435', '24937', '32307', '251994106', null]);
    expect(r.data!.resolveCompanies[3]!.tradingItem).toBeNull();
    expect(r.data!.resolveCompanies[4]!.error).toMatch(/No identification triple found/);
    expect(stack.sim.counters.calls('kfinance.ids')).toBe(1);
  });
});

describe('kFinance failures', () => {
  let stack: Stack;
  /** Moves the clocks ahead (the simulator's with the gateway's: Okta checks assertion times): a 403 renews only a token older than KFINANCE_RENEW_ON_403_AFTER_SECONDS. */
  let skew = 0;
  beforeAll(async () => {
    // No cache: every query here must reach the simulator.
    stack = await kfStack({ env: { KFINANCE_COMPANY_CACHE_TTL_SECONDS: '0', KFINANCE_FINANCIALS_CACHE_TTL_SECONDS: '0', KFINANCE_HISTORY_CACHE_TTL_SECONDS: '0' }, simulator: { clock: () => Date.now() + skew }, gatewayClock: () => Date.now() + skew });
  });
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sim.clearFaults();
    stack.sim.knobs.kfinanceFailingCompanies = [];
    stack.sim.knobs.kfinanceWithheldPermissions = {};
  });

  it('turns a per-company failure inside a 200 into an error on that company only', async () => {
    stack.sim.knobs.kfinanceFailingCompanies = ['24937'];
    const r = await stack.gql<JoinData>(JOIN, { text: 'Apple, Microsoft and Nvidia reported results.' });
    const annotations = r.data!.annotateText[0]!.annotations;
    const apple = annotations.find((a) => a.text === 'Apple')!;
    expect(apple.entity!.company).toBeNull();
    expect(annotations.filter((a) => a.text !== 'Apple').map((a) => a.entity!.company!.name)).toEqual(['Microsoft', 'Nvidia']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ path: ['annotateText', 0, 'annotations', 0, 'entity', 'company'], extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'kfinance', companyId: '24937' } });
  });

  it('names the missing entitlement (UPSTREAM_FORBIDDEN) without calling the endpoint', async () => {
    stack.sim.knobs.kfinanceWithheldPermissions = { '*': ['PricingPermission'] };
    // A fresh read of the entitlements: the gateway keeps them for the list TTL, so start a new stack.
    const fresh = await kfStack();
    try {
      fresh.sim.knobs.kfinanceWithheldPermissions = { '*': ['PricingPermission'] };
      const r = await fresh.gql<{ company: { name: string; primaryListing: { prices: unknown } } }>(`{ company(id: "24937") { name primaryListing { prices(from: "2024-01-02", to: "2024-01-05") { bars { close } } } } }`);
      expect(r.data!.company.name).toBe('Apple Inc.');
      expect(r.data!.company.primaryListing.prices).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]!.message).toContain('PricingPermission');
      expect(r.errors![0]).toMatchObject({ path: ['company', 'primaryListing', 'prices'], extensions: { code: 'UPSTREAM_FORBIDDEN', upstream: 'kfinance', entitlement: 'PricingPermission' } });
      expect(fresh.sim.counters.calls('kfinance.pricing')).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('renews the token once on a 403 (kFinance documents no 401) and succeeds', async () => {
    await stack.gql(`{ company(id: "24937") { name } }`);
    skew += 31_000;
    stack.sim.revokeAllTokens();
    stack.sim.counters.reset();
    const r = await stack.gql<{ company: { name: string } }>(`{ company(id: "24937") { name } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.company.name).toBe('Apple Inc.');
    expect(stack.sim.counters.log().filter((c) => c.endpoint === 'kfinance.ids').map((c) => c.status)).toEqual([403, 200]);
    expect(stack.sim.counters.tokenRequests('kensho:app:kfinance')).toBe(1);
  });

  it('reports a 403 that survives the renewal, after exactly one retry', async () => {
    await stack.gql(`{ company(id: "24937") { name } }`);
    skew += 31_000;
    stack.sim.counters.reset();
    stack.sim.inject({ target: 'kfinance.ids', status: 403, times: 5, body: { detail: 'Authentication credentials were not provided.' } });
    const r = await stack.gql(`{ company(id: "24937") { name } }`);
    expect(r.data).toEqual({ company: null });
    expect(r.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_FORBIDDEN', upstream: 'kfinance' } });
    expect(stack.sim.counters.calls('kfinance.ids')).toBe(2);
    expect(stack.sim.counters.tokenRequests('kensho:app:kfinance')).toBe(1);
  });

  it('shows kFinance’s own reason for a 400 in Django REST Framework’s field form', async () => {
    // The simulator refuses an unknown line item as DRF does: {"line_item": ["\"…\" is not a valid choice."]}.
    const r = await stack.gql(`{ company(id: "24937") { lineItem(name: "no_such_item") { currency } } }`);
    expect(r.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', upstream: 'kfinance', upstreamStatus: 400 } });
    expect(r.errors![0]!.message).toBe('Kensho LLM-ready API (kFinance) rejected the request: line_item: "no_such_item" is not a valid choice.');
    // Several fields, a nested list and DRF's non_field_errors, as kFinance may send them.
    stack.sim.inject({ target: 'kfinance.ids', status: 400, body: { identifiers: ['Ensure this field has no more than 100 elements.'], non_field_errors: ['Use either absolute or relative periods.'], company_ids: { '0': ['A valid integer is required.'] } } });
    const ids = await stack.gql(`{ company(id: "24937") { name } }`);
    expect(ids.errors![0]!.message).toBe('Kensho LLM-ready API (kFinance) rejected the request: identifiers: Ensure this field has no more than 100 elements.; Use either absolute or relative periods.; company_ids.0: A valid integer is required.');
  });

  it('never renews on a 403 from NERD', async () => {
    await stack.gql(`{ annotateText(text: "Apple") { knowledgeBase } }`);
    stack.sim.counters.reset();
    stack.sim.inject({ target: 'nerd.annotations-sync', status: 403, times: 5 });
    const r = await stack.gql(`{ annotateText(text: "Apple") { knowledgeBase } }`);
    expect(r.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_FORBIDDEN', upstream: 'nerd' } });
    expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(1);
    expect(stack.sim.counters.tokenRequests()).toBe(0);
  });
});

describe('kFinance 403s: a renewal only for a token that was not just minted, once per token', () => {
  let stack: Stack;
  /** The clocks (gateway and simulator) stand still unless a test moves them: token ages are exact. */
  let now = Date.now();
  const tokens = () => stack.sim.counters.tokenRequests('kensho:app:kfinance');
  const calls = (endpoint: string) => stack.sim.counters.calls(endpoint);
  beforeAll(async () => {
    stack = await kfStack({ env: { KFINANCE_COMPANY_CACHE_TTL_SECONDS: '0', KFINANCE_FINANCIALS_CACHE_TTL_SECONDS: '0', KFINANCE_HISTORY_CACHE_TTL_SECONDS: '0' }, simulator: { clock: () => now }, gatewayClock: () => now });
  });
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sim.clearFaults();
    stack.sim.knobs.kfinanceWithheldPermissions = {};
  });

  it('an entitlement withdrawn after it was read: one kFinance call, no new token, one permissions read, then no call at all', async () => {
    const ok = await stack.gql(`{ company(id: "24937") { summary } }`);
    expect(ok.errors).toBeUndefined();
    stack.sim.knobs.kfinanceWithheldPermissions = { '*': ['CompanyIntelligencePermission'] };
    stack.sim.counters.reset();
    const r = await stack.gql<{ company: { summary: string | null } }>(`{ company(id: "24937") { summary } }`);
    const figures = { descriptions: calls('kfinance.descriptions'), tokens: tokens(), permissions: calls('kfinance.permissions') };
    console.log(`first refused field: ${JSON.stringify(figures)}`);
    expect(r.data!.company.summary).toBeNull();
    expect(r.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_FORBIDDEN', entitlement: 'CompanyIntelligencePermission' } });
    expect(figures).toEqual({ descriptions: 1, tokens: 0, permissions: 1 });
    // The next refusal is decided from the re-read entitlements: nothing is sent.
    stack.sim.counters.reset();
    const again = await stack.gql(`{ company(id: "24937") { summary } }`);
    expect(again.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_FORBIDDEN', entitlement: 'CompanyIntelligencePermission' } });
    expect({ descriptions: calls('kfinance.descriptions'), tokens: tokens(), permissions: calls('kfinance.permissions') }).toEqual({ descriptions: 0, tokens: 0, permissions: 0 });
  });

  it('renews an expired token older than the grace period once; a 403 to the new, young token is final', async () => {
    await stack.gql(`{ company(id: "24937") { name } }`);
    now += 31_000;
    stack.sim.revokeAllTokens();
    stack.sim.counters.reset();
    const renewed = await stack.gql<{ company: { name: string } }>(`{ company(id: "24937") { name } }`);
    expect(renewed.errors).toBeUndefined();
    expect(stack.sim.counters.log().filter((c) => c.endpoint === 'kfinance.ids').map((c) => c.status)).toEqual([403, 200]);
    expect(tokens()).toBe(1);
    // The new token is young: a 403 to it is a refusal, not an expiry.
    stack.sim.counters.reset();
    stack.sim.inject({ target: 'kfinance.ids', status: 403, times: 5, body: { detail: 'You do not have permission to perform this action.' } });
    const refused = await stack.gql(`{ company(id: "24937") { name } }`);
    expect(refused.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_FORBIDDEN', upstream: 'kfinance' } });
    expect({ ids: calls('kfinance.ids'), tokens: tokens() }).toEqual({ ids: 1, tokens: 0 });
    // Older now, it is renewed once; the renewed token's 403 stands.
    stack.sim.counters.reset();
    now += 31_000;
    const once = await stack.gql(`{ company(id: "24937") { name } }`);
    expect(once.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_FORBIDDEN' } });
    expect({ ids: calls('kfinance.ids'), tokens: tokens() }).toEqual({ ids: 2, tokens: 1 });
  });

  it('calls in flight on one expired token cost one renewal in all, and each succeeds', async () => {
    await stack.gql(`{ company(id: "24937") { name } }`);
    now += 31_000;
    stack.sim.revokeAllTokens();
    stack.sim.counters.reset();
    const ids = ['24937', '21719', '32307', '248435', '251994106'];
    const answers = await Promise.all(ids.map((id) => stack.gql<{ company: { id: string } }>(`{ company(id: "${id}") { id } }`)));
    for (const a of answers) expect(a.errors).toBeUndefined();
    expect(tokens()).toBe(1);
    expect(stack.sim.counters.log().filter((c) => c.endpoint === 'kfinance.ids' && c.status === 200)).toHaveLength(ids.length);
  });
});

describe('kFinance reads beyond the join', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Earnings calls of 2024–2026 around the simulator's clock: some past, one upcoming.
    const now = Date.UTC(2025, 5, 1);
    stack = await kfStack({ simulator: { clock: () => now }, gatewayClock: () => now });
  });
  afterAll(async () => stack.close());

  it('serves line items, segments, earnings calls with transcripts, and competitors', async () => {
    const r = await stack.gql<{
      company: {
        revenue: { periods: Array<{ key: string; groups: Array<{ name: string; items: Array<{ name: string; value: string; sources: Array<{ url: string }> }> }> }> };
        segments: { periods: Array<{ key: string; groups: Array<{ name: string; items: Array<{ value: string }> }> }> };
        geo: { periods: Array<{ groups: Array<{ name: string }> }> };
        earningsCalls: Array<{ keyDevId: string; title: string; startsAt: string; transcript: Array<{ speaker: string }> | null }>;
        competitors: Array<{ id: string; name: string; ticker: string }>;
      };
    }>(`{ company(id: "24937") {
        revenue: lineItem(name: "revenue", period: { periodType: QUARTERLY, startYear: 2024, endYear: 2024, startQuarter: 3, endQuarter: 4 }) { periods { key groups { name items { name value sources { url } } } } }
        segments { periods { key groups { name items { value } } } }
        geo: segments(type: GEOGRAPHIC, period: { numPeriods: 1 }) { periods { groups { name } } }
        earningsCalls { keyDevId title startsAt transcript { speaker } }
        competitors { id name ticker }
      } }`);
    expect(r.errors).toBeUndefined();
    const c = r.data!.company;
    expect(c.revenue.periods.map((p) => p.key)).toEqual(['FY2024Q3', 'FY2024Q4']);
    expect(c.revenue.periods[0]!.groups[0]!.items[0]!.name).toBe('Total Revenues');
    expect(c.revenue.periods[0]!.groups[0]!.items[0]!.sources[0]!.url).toMatch(/^https:\/\/www\.capitaliq\.spglobal\.com\//);
    expect(c.segments.periods).toHaveLength(5);
    expect(c.segments.periods[0]!.groups.map((g) => g.name)).toEqual(['Products', 'Services']);
    // Segment values arrive as JSON numbers and leave as decimal strings.
    expect(c.segments.periods[0]!.groups[0]!.items[0]!.value).toMatch(/^\d+$/);
    expect(c.geo.periods[0]!.groups.map((g) => g.name)).toEqual(['Americas', 'Europe', 'Asia Pacific']);
    const [upcoming, latest] = c.earningsCalls;
    expect(Date.parse(upcoming!.startsAt)).toBeGreaterThan(Date.UTC(2025, 5, 1));
    expect(upcoming!.transcript).toBeNull();
    expect(latest!.title).toMatch(/^Apple Inc\., Q\d 20\d\d Earnings Call, /);
    expect(latest!.transcript![0]!.speaker).toBe('Operator');
    expect(c.competitors.map((x) => x.name)).toEqual(['Microsoft', 'Google', 'IBM']);
    expect(c.competitors[0]!.ticker).toBe('NasdaqGS:MSFT');
  });

  it('resolves an ISIN to its security, with ISIN, CUSIP and listings', async () => {
    const r = await stack.gql<{ resolveCompanies: Array<{ company: { name: string; securities: Array<{ id: string }> }; security: { id: string; isin: string; cusip: string; tradingItems: Array<{ id: string; ticker: string }> } }> }>(
      `{ resolveCompanies(identifiers: ["US0378331005", "037833100"]) { company { name securities { id } } security { id isin cusip tradingItems { id ticker } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const [byIsin, byCusip] = r.data!.resolveCompanies;
    expect(byIsin!.company.name).toBe('Apple Inc.');
    expect(byIsin!.company.securities).toEqual([{ id: '2590359' }]);
    expect(byIsin!.security).toEqual({ id: '2590359', isin: 'US0378331005', cusip: '037833100', tradingItems: [{ id: '2590360', ticker: 'NasdaqGS:AAPL' }] });
    expect(byCusip!.security.id).toBe('2590359');
  });

  it('lists related companies, current and previous, identified in batched calls', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql<{ company: { suppliers: { current: Array<{ id: string; name: string }>; previous: Array<{ id: string }> }; customers: { current: Array<{ id: string }> } } }>(
      `{ company(id: "32307") { suppliers: relatedCompanies(relationship: SUPPLIER) { current { id name } previous { id } } customers: relatedCompanies(relationship: CUSTOMER) { current { id } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const { suppliers, customers } = r.data!.company;
    expect(suppliers.current.length).toBeGreaterThan(0);
    for (const x of suppliers.current) expect(x.name).toBe(DATASET.get(x.id)!.name);
    expect(suppliers.current.map((x) => x.id)).not.toContain('32307');
    expect(customers.current.length).toBeGreaterThan(0);
    expect(stack.sim.counters.calls('kfinance.relationship')).toBe(2);
    // The company itself, then the counterparts of each answer together (current and previous
    // in one call); the two answers may arrive in the same tick or not.
    expect(stack.sim.counters.calls('kfinance.ids')).toBeGreaterThanOrEqual(2);
    expect(stack.sim.counters.calls('kfinance.ids')).toBeLessThanOrEqual(3);
  });

  it('serves market caps exactly: close times shares, as decimal strings', async () => {
    const r = await stack.gql<{ company: { marketCaps: { currency: string; points: Array<{ date: string; marketCap: string; sharesOutstanding: string }> }; primaryListing: { prices: { bars: Array<{ label: string; close: string }> } } }; kensho: { marketCaps: unknown } }>(
      `{ company(id: "24937") { marketCaps(from: "2024-01-02", to: "2024-01-05") { currency points { date marketCap sharesOutstanding } } primaryListing { prices(from: "2024-01-02", to: "2024-01-05") { bars { label close } } } } kensho: company(id: "251994106") { marketCaps { currency } } }`,
    );
    expect(r.errors).toBeUndefined();
    const { marketCaps, primaryListing } = r.data!.company;
    expect(marketCaps.points.map((p) => p.date)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05']);
    marketCaps.points.forEach((p, i) => {
      const cents = BigInt(primaryListing.prices.bars[i]!.close.replace('.', '').slice(0, -4));
      expect(p.marketCap).toBe(micros(cents * BigInt(p.sharesOutstanding) * 10_000n));
    });
    // A private company has no market cap, and no call is made for it.
    expect(r.data!.kensho.marketCaps).toBeNull();
  });

  it('runs NERD over a transcript with the call’s company as originating entity, and joins back to kFinance', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql<{ company: { earningsCalls: Array<{ company: { id: string }; transcriptText: string | null; entities: Array<{ knowledgeBase: string; annotations: Array<{ text: string; startIndex: number; endIndex: number; entity: { company: { name: string } | null } | null }> }> | null }> } }>(
      `{ company(id: "24937") { earningsCalls { company { id } transcriptText entities { knowledgeBase annotations { text startIndex endIndex entity { company { name } } } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    const [upcoming, latest] = r.data!.company.earningsCalls;
    expect(upcoming!.entities).toBeNull();
    expect(latest!.company.id).toBe('24937');
    expect(latest!.transcriptText).toMatch(/^Operator: Good day/);
    const capiq = latest!.entities![0]!;
    expect(capiq.knowledgeBase).toBe('CAPIQ');
    const apple = capiq.annotations.find((a) => a.entity?.company?.name === 'Apple Inc.')!;
    expect(latest!.transcriptText!.slice(apple.startIndex, apple.endIndex)).toBe(apple.text);
    const nerd = stack.sim.counters.log().filter((c) => c.endpoint === 'nerd.annotations-sync');
    expect(nerd.length).toBe(r.data!.company.earningsCalls.filter((e) => e.transcriptText !== null).length);
  });

  it('describes a listing from its pricing metadata, one call per listing', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql<{ a: { primaryListing: Record<string, string> }; s: { primaryListing: Record<string, string> } }>(
      `{ a: company(id: "672271") { primaryListing { symbol exchange currency instrumentType firstTradeDate } } s: company(id: "319676") { primaryListing { symbol currency } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.a.primaryListing).toEqual({ symbol: 'SIE', exchange: 'XTRA', currency: 'EUR', instrumentType: 'Equity', firstTradeDate: '1990-01-02' });
    expect(r.data!.s.primaryListing).toEqual({ symbol: '7203', currency: 'JPY' });
    expect(stack.sim.counters.calls('kfinance.pricing-metadata')).toBe(2);
  });

  it('lists funding rounds raised and invested in', async () => {
    const r = await stack.gql<{ kensho: { fundingRounds: Array<{ fundingType: string; closedOn: string }> }; sp: { fundingRounds: Array<{ transactionId: string }> } }>(
      `{ kensho: company(id: "251994106") { fundingRounds { fundingType closedOn } } sp: company(id: "248435") { fundingRounds(role: INVESTED) { transactionId } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.kensho.fundingRounds).toEqual([{ fundingType: 'Series B', closedOn: '2017-02-28' }]);
    expect(r.data!.sp.fundingRounds).toEqual([{ transactionId: '571100001' }]);
  });

  it('refuses mixed absolute and relative periods before any call', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql(`{ company(id: "24937") { financialStatement(type: INCOME_STATEMENT, period: { startYear: 2023, numPeriods: 2 }) { currency } } }`);
    expect(r.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(stack.sim.counters.calls('kfinance.statements')).toBe(0);
  });

  it('reads /ids answers without the data wrapper (the spec example’s shape)', async () => {
    stack.sim.knobs.kfinanceIdsWrapped = false;
    try {
      const r = await stack.gql<{ resolveCompanies: Array<{ company: { id: string } | null }> }>(`{ resolveCompanies(identifiers: ["TSLA"]) { company { id } } }`);
      expect(r.errors).toBeUndefined();
      expect(r.data!.resolveCompanies[0]!.company!.id).toBe('27444752');
    } finally {
      stack.sim.knobs.kfinanceIdsWrapped = true;
    }
  });
});

const MERGERS = /* GraphQL */ `{
  sp: company(id: "248435") { mergers { asBuyer { transactionId title status announcedOn closedOn details { target { id name } buyers { name } timeline { status date } consideration { currency grossTotalValue } } } } }
  amzn: company(id: "18749") { mergers(from: "2024-01-01") { asBuyer { transactionId details { target { id } buyers { name } sellers { name } consideration { currency } } } } }
}`;

interface MergersData {
  sp: { mergers: { asBuyer: Array<{ transactionId: string; title: string; status: string | null; announcedOn: string | null; closedOn: string; details: { target: { id: string; name: string }; buyers: Array<{ name: string }>; timeline: Array<{ status: string; date: string }>; consideration: { currency: string; grossTotalValue: string } } }> } };
  amzn: { mergers: { asBuyer: Array<{ transactionId: string; details: { target: null; buyers: Array<{ name: string }>; sellers: Array<{ name: string }>; consideration: null } }> } };
}

describe('M&A, both API versions (KFINANCE_MERGERS_API)', () => {
  it('v7 (default): dated lists, and deal details through POST mergers/info, batched per list answer', async () => {
    const stack = await kfStack();
    try {
      const r = await stack.gql<MergersData>(MERGERS);
      expect(r.errors).toBeUndefined();
      const [sp] = r.data!.sp.mergers.asBuyer;
      expect(sp).toMatchObject({ transactionId: '565411111', status: 'Closed', announcedOn: '2018-03-06', closedOn: '2018-04-06', title: 'S&P Global / Kensho Technologies' });
      expect(sp!.details).toEqual({
        target: { id: '251994106', name: 'Kensho Technologies' },
        buyers: [{ name: 'S&P Global' }],
        timeline: [{ status: 'Announced', date: '2018-03-06' }, { status: 'Closed', date: '2018-04-06' }],
        consideration: { currency: 'US Dollar', grossTotalValue: '550000000.000000' },
      });
      // A target kFinance knows by name only is no Company; the deal itself stands.
      expect(r.data!.amzn.mergers.asBuyer[0]!.details).toEqual({ target: null, buyers: [{ name: 'Amazon' }], sellers: [{ name: 'Goldman Sachs' }], consideration: null });
      // The two companies' lists answer separately: at most one details call per list answer.
      expect(stack.sim.counters.calls('kfinance.mergers-info')).toBeLessThanOrEqual(2);
      expect(stack.sim.counters.calls('kfinance.merger-info')).toBe(0);
      stack.sim.counters.reset();
      // A deal already read comes from the cache.
      const deal = await stack.gql<{ merger: { target: { name: string } }; unknown: unknown }>(`{ merger(transactionId: "565411111") { target { name } } unknown: merger(transactionId: "1") { transactionId } }`);
      expect(deal.errors).toBeUndefined();
      expect(deal.data).toEqual({ merger: { target: { name: 'Kensho Technologies' } }, unknown: null });
      expect(stack.sim.counters.calls('kfinance.mergers-info')).toBe(1);
    } finally {
      await stack.close();
    }
  });

  it('spec: the undated list with titles, one GET merger/info per deal', async () => {
    const stack = await kfStack({ env: { KFINANCE_MERGERS_API: 'spec' } });
    try {
      const r = await stack.gql<MergersData>(MERGERS);
      expect(r.errors).toBeUndefined();
      const [sp] = r.data!.sp.mergers.asBuyer;
      expect(sp).toMatchObject({ title: 'S&P Global Inc. acquired Kensho Technologies, Inc.', status: null, closedOn: '2018-04-06' });
      expect(sp!.details.consideration.grossTotalValue).toBe('550000000.000000');
      // Filtered on closing dates by the gateway: the open Amazon deal has none.
      expect(r.data!.amzn.mergers.asBuyer).toEqual([]);
      expect(stack.sim.counters.calls('kfinance.mergers-info')).toBe(0);
      expect(stack.sim.counters.calls('kfinance.merger-info')).toBe(1);
    } finally {
      await stack.close();
    }
  });
});

describe('kFinance with its own refresh token', () => {
  let stack: Stack;
  let skew = 0;
  beforeAll(async () => {
    stack = await kfStack({ auth: 'none', skykit: false, envFor: (sim) => ({ KENSHO_KFINANCE_REFRESH_TOKEN: sim.issueRefreshToken('kfinance') }), simulator: { clock: () => Date.now() + skew }, gatewayClock: () => Date.now() + skew });
  });
  afterAll(async () => stack.close());

  it('obtains kFinance tokens from kFinance’s refresh endpoint and renews through it on a 403', async () => {
    const r = await stack.gql<{ company: { name: string } }>(`{ company(id: "248435") { name } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.company.name).toBe('S&P Global');
    expect(stack.sim.counters.calls('kfinance.refresh')).toBe(1);
    expect(stack.sim.counters.calls('okta.token')).toBe(0);
    // A token older than the 30 s grace: its 403 means it expired.
    skew += 31_000;
    stack.sim.revokeAllTokens();
    const again = await stack.gql<{ company: { name: string } }>(`{ company(id: "32307") { name } }`);
    expect(again.errors).toBeUndefined();
    expect(stack.sim.counters.calls('kfinance.refresh')).toBe(2);
  });
});
