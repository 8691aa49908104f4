import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LinkAnswerShape } from '@kensho-gateway/simulator';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';

const LINK = /* GraphQL */ `
  query Link($records: [CompanyRecordInput!]!, $kb: LinkKnowledgeBase, $topN: Int) {
    linkCompanies(records: $records, knowledgeBase: $kb, topN: $topN) {
      uid
      candidates { knowledgeBase kbId score kbName capiqId }
    }
  }
`;

interface LinkData {
  linkCompanies: Array<{ uid: string; candidates: Array<{ knowledgeBase: string; kbId: string; score: number; kbName: string | null; capiqId: string | null }> }> | null;
}

/** Names of the simulator's companies (the NERD dictionary's), and one no company matches. */
const NAMES = [
  { name: 'S&P Global Inc.', countryIso3: 'USA', capiqId: '248435' },
  { name: 'Apple', countryIso3: 'USA', capiqId: '24937' },
  { name: 'Siemens AG', countryIso3: 'DEU', capiqId: '672271' },
  { name: 'Toyota Motor Corp', countryIso3: 'JPN', capiqId: '319676' },
  { name: 'Kensho', countryIso3: undefined, capiqId: '251994106' },
  { name: 'Zzyzx Quarry Partners', countryIso3: 'USA', capiqId: null },
] as const;

/** `n` records cycling through NAMES, uids r0…r{n-1}. */
function records(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => {
    const c = NAMES[i % NAMES.length]!;
    return { uid: `r${i}`, name: c.name, ...(c.countryIso3 ? { countryIso3: c.countryIso3 } : {}) };
  });
}

const KEY_PAIR_SCOPES = ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:link'];

describe('linkCompanies over the simulator (key pair)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ clientScopes: KEY_PAIR_SCOPES, envFor: (sim) => ({ KENSHO_LINK_URL: sim.urls.link }) });
  });
  afterAll(async () => {
    await stack.close();
    expect(findLeaks(stack.logs.join(''), stack.secrets)).toEqual([]);
  });
  afterEach(() => {
    stack.sim.clearFaults();
    stack.sim.knobs.linkAnswerShape = 'results';
    stack.sim.knobs.linkMaxRecords = 100;
  });

  it('matches the documented example to its Capital IQ id, and a company it does not know to nothing', async () => {
    const r = await stack.gql<LinkData>(LINK, {
      records: [
        { uid: '1', name: 'S&P Global Inc.', aliases: ['S&P', 'SPGI'], countryIso3: 'USA', address: '55 Water Street', city: 'New York', state: 'NY', zipcode: '10041' },
        { uid: 'kensho', name: 'Kensho' },
        { uid: 'none', name: 'Zzyzx Quarry Partners' },
      ],
    });
    expect(r.errors).toBeUndefined();
    const [spgi, kensho, none] = r.data!.linkCompanies!;
    expect(spgi).toMatchObject({ uid: '1', candidates: [{ knowledgeBase: 'CAPIQ', kbId: '248435', capiqId: '248435', kbName: 'S&P Global Inc.' }] });
    expect(spgi!.candidates[0]!.score).toBeGreaterThan(0.9);
    // The same id NERD gives Kensho Technologies (and kFinance's examples): the join to Company.
    expect(kensho!.candidates[0]).toMatchObject({ kbId: '251994106', capiqId: '251994106' });
    expect(none).toEqual({ uid: 'none', candidates: [] });
  });

  it('gives MI ids without a capiqId, and up to topN candidates best first', async () => {
    const mi = await stack.gql<LinkData>(LINK, { records: [{ uid: 'a', name: 'Apple' }], kb: 'MI' });
    expect(mi.data!.linkCompanies![0]!.candidates[0]).toMatchObject({ knowledgeBase: 'MI', capiqId: null });
    expect(mi.data!.linkCompanies![0]!.candidates[0]!.kbId).not.toBe('24937');

    const top = await stack.gql<LinkData>(LINK, { records: [{ uid: 'm', name: 'Morgan' }], topN: 3 });
    const candidates = top.data!.linkCompanies![0]!.candidates;
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    expect(candidates.length).toBeLessThanOrEqual(3);
    expect(candidates.map((c) => c.score)).toEqual([...candidates.map((c) => c.score)].sort((a, b) => b - a));
  });

  it('splits a 250-record request into 3 Link calls (100, 100, 50) and merges them in input order', async () => {
    stack.sim.counters.reset();
    const input = records(250);
    const r = await stack.gql<LinkData>(LINK, { records: input });
    expect(r.errors).toBeUndefined();
    expect(stack.sim.counters.calls('link.companies')).toBe(3);
    expect([...stack.sim.link.batches()].sort((a, b) => b - a)).toEqual([100, 100, 50]);
    // One token for the whole request, not one per batch.
    expect(stack.sim.counters.tokenRequests('kensho:app:link')).toBeLessThanOrEqual(1);
    const out = r.data!.linkCompanies!;
    expect(out.map((o) => o.uid)).toEqual(input.map((i) => i.uid));
    out.forEach((o, i) => {
      const expected = NAMES[i % NAMES.length]!.capiqId;
      expect(o.candidates[0]?.capiqId ?? null, o.uid).toBe(expected);
    });
  });

  it.each<LinkAnswerShape>(['results', 'uid-map', 'list'])('reads the %s answer layout to the same result', async (shape) => {
    stack.sim.knobs.linkAnswerShape = shape;
    stack.sim.counters.reset();
    const r = await stack.gql<LinkData>(LINK, { records: records(6), topN: 2 });
    expect(r.errors).toBeUndefined();
    expect(stack.sim.counters.calls('link.companies')).toBe(1);
    const out = r.data!.linkCompanies!;
    expect(out.map((o) => o.uid)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(out.map((o) => o.candidates[0]?.kbId ?? null)).toEqual(NAMES.map((n) => n.capiqId));
    expect(out[5]!.candidates).toEqual([]);
    for (const o of out) for (const c of o.candidates) expect(typeof c.score).toBe('number');
    // The uid-map layout sends numeric ids: they still come out as digit strings.
    expect(out[0]!.candidates[0]!.kbId).toBe('248435');
  });

  it('answers UPSTREAM_BAD_RESPONSE for an answer it cannot read, and the other fields still resolve', async () => {
    stack.sim.inject({ target: 'link.companies', status: 200, body: { detail: 'ok' } });
    const r = await stack.gql<LinkData & { gateway: unknown }>(`query { gateway { version } linkCompanies(records: [{uid: "1", name: "Apple"}]) { uid } }`);
    expect(r.data!.linkCompanies).toBeNull();
    expect(r.data!.gateway).not.toBeNull();
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: 'link' });
  });

  it.each([
    ['a blank uid', [{ uid: ' ', name: 'Apple' }], /records\[0\]: uid must not be blank/],
    ['a repeated uid', [{ uid: 'x', name: 'Apple' }, { uid: 'x', name: 'Tesla' }], /records\[1\]: uid "x" repeats records\[0\]/],
    ['a blank name', [{ uid: '1', name: '' }], /records\[0\]: name must not be blank/],
    ['a country that is not ISO3', [{ uid: '1', name: 'Apple', countryIso3: 'US' }], /countryIso3 "US" is not three letters/],
    ['a blank alias', [{ uid: '1', name: 'Apple', aliases: ['AAPL', ' '] }], /aliases\[1\] must not be blank/],
    ['a year out of range', [{ uid: '1', name: 'Apple', yearFounded: 20 }], /yearFounded 20/],
  ])('refuses %s with BAD_USER_INPUT before any call', async (_what, bad, message) => {
    stack.sim.counters.reset();
    const r = await stack.gql<LinkData>(LINK, { records: bad });
    expect(r.data!.linkCompanies).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(stack.sim.counters.calls('link.companies')).toBe(0);
    expect(stack.sim.counters.tokenRequests()).toBe(0);
  });

  it('names every bad record in one error, and refuses more records than LINK_MAX_RECORDS or a topN out of range', async () => {
    stack.sim.counters.reset();
    const many = await stack.gql<LinkData>(LINK, { records: [{ uid: '1', name: '' }, { uid: '2', name: 'Apple', countryIso3: 'U5A' }, { uid: '1', name: 'Tesla' }] });
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problemCount: 3 });
    const tooMany = await stack.gql<LinkData>(LINK, { records: records(1001) });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', count: 1001, maxRecords: 1000 });
    const topN = await stack.gql<LinkData>(LINK, { records: records(1), topN: 0 });
    expect(topN.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'topN' });
    expect(stack.sim.counters.calls('link.companies')).toBe(0);
    const empty = await stack.gql<LinkData>(LINK, { records: [] });
    expect(empty.data!.linkCompanies).toEqual([]);
    expect(stack.sim.counters.calls('link.companies')).toBe(0);
  });

  it('passes on Link\'s 400 when a batch is over Link\'s own limit', async () => {
    stack.sim.knobs.linkMaxRecords = 50;
    const r = await stack.gql<LinkData>(LINK, { records: records(60) });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'link', upstreamStatus: 400 });
    expect(r.errors?.[0]?.message).toMatch(/at most 50 records/);
  });

  it("shows Link's validation errors (FastAPI's 422 list) in the BAD_USER_INPUT message", async () => {
    stack.sim.inject({ target: 'link.companies', status: 422, body: { detail: [{ loc: ['body', 'records', 0, 'zipcode'], msg: 'str type expected', type: 'type_error.str' }] } });
    const r = await stack.gql<LinkData>(LINK, { records: records(1) });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'link', upstreamStatus: 422 });
    expect(r.errors?.[0]?.message).toBe('Kensho Link rejected the request: records.0.zipcode: str type expected');
  });

  it('asks Okta for kensho:app:link alone: Link sees only its scope, NERD only its own', async () => {
    const fresh = await startStack({ clientScopes: KEY_PAIR_SCOPES, envFor: (sim) => ({ KENSHO_LINK_URL: sim.urls.link }) });
    try {
      const r = await fresh.gql<LinkData>(`query { linkCompanies(records: [{uid: "1", name: "Apple"}]) { uid } annotateText(text: "Apple and Tesla") { knowledgeBase } }`);
      expect(r.errors).toBeUndefined();
      const linkCalls = fresh.sim.counters.log().filter((c) => c.endpoint === 'link.companies');
      expect(linkCalls).toHaveLength(1);
      expect(linkCalls.map((c) => c.scopes)).toEqual([['kensho:app:link']]);
      const nerdCalls = fresh.sim.counters.log().filter((c) => c.endpoint.startsWith('nerd.'));
      expect(nerdCalls.every((c) => c.scopes?.join(' ') === 'kensho:app:nerd')).toBe(true);
      expect(fresh.sim.counters.tokenRequests('kensho:app:link')).toBe(1);
      expect(fresh.sim.counters.tokenRequests('kensho:app:nerd')).toBe(1);
      expect(fresh.sim.counters.tokenRequests()).toBe(2);
    } finally {
      await fresh.close();
    }
  });
});

describe('linkCompanies with a Link refresh token (camelCase refresh endpoint)', () => {
  let stack: Stack;
  let refreshToken = '';
  beforeAll(async () => {
    stack = await startStack({
      auth: 'none',
      skykit: false,
      envFor: (sim) => {
        refreshToken = sim.issueRefreshToken('link');
        return { KENSHO_LINK_URL: sim.urls.link, KENSHO_LINK_REFRESH_TOKEN: refreshToken };
      },
    });
    stack.secrets.push(refreshToken);
  });
  afterAll(async () => {
    await stack.close();
    expect(findLeaks(stack.logs.join(''), stack.secrets)).toEqual([]);
  });

  it('gets its token with ?refreshToken= and reads accessToken, once for several calls', async () => {
    const status = await stack.gql<{ gateway: { upstreams: Array<{ app: string; credential: string }> } }>(`{ gateway { upstreams { app credential } } }`);
    expect(status.data!.gateway.upstreams.find((u) => u.app === 'LINK')).toEqual({ app: 'LINK', credential: 'REFRESH_TOKEN' });
    stack.sim.counters.reset();
    const r = await stack.gql<LinkData>(LINK, { records: records(3) });
    expect(r.errors).toBeUndefined();
    expect(r.data!.linkCompanies!.map((o) => o.candidates[0]?.kbId)).toEqual(['248435', '24937', '672271']);
    await stack.gql<LinkData>(LINK, { records: records(2) });
    expect(stack.sim.counters.calls('link.refresh')).toBe(1);
    expect(stack.sim.counters.log().find((c) => c.endpoint === 'link.refresh')?.status).toBe(200);
    expect(stack.sim.counters.calls('link.companies')).toBe(2);
  });

  it('is refused by Link when sent as refresh_token, and the camelCase answer carries accessToken', async () => {
    const snake = await fetch(`${stack.sim.urls.link}/oauth2/refresh?${new URLSearchParams({ refresh_token: refreshToken })}`);
    expect(snake.status).toBe(400);
    const camel = await fetch(`${stack.sim.urls.link}/oauth2/refresh?${new URLSearchParams({ refreshToken })}`);
    expect(camel.status).toBe(200);
    const body = (await camel.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['accessToken']);
  });

  it('leaves NERD unconfigured: a Link refresh token grants nothing else', async () => {
    const r = await stack.gql(`query { annotateText(text: "Apple") { knowledgeBase } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_NOT_CONFIGURED');
  });
});

describe('linkCompanies and caller scopes (AUTH_MODE=api-key)', () => {
  const NERD_KEY = 'kgw_link-test-nerd-0123456789abcdefghijklmnop';
  const LINK_KEY = 'kgw_link-test-link-0123456789abcdefghijklmnop';
  const sha = (key: string) => createHash('sha256').update(key).digest('hex');
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      clientScopes: KEY_PAIR_SCOPES,
      skykit: false,
      env: {
        AUTH_MODE: 'api-key',
        API_KEYS: JSON.stringify([
          { name: 'nerd-app', sha256: sha(NERD_KEY), scopes: ['kensho:app:nerd'] },
          { name: 'link-app', sha256: sha(LINK_KEY), scopes: ['kensho:app:link'] },
        ]),
      },
      envFor: (sim) => ({ KENSHO_LINK_URL: sim.urls.link }),
    });
  });
  afterAll(async () => stack.close());

  it('answers FORBIDDEN to a caller without kensho:app:link, before any Link call, and serves one with it', async () => {
    stack.sim.counters.reset();
    const refused = await stack.gql<LinkData>(LINK, { records: records(1) }, { 'x-api-key': NERD_KEY });
    expect(refused.data!.linkCompanies).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(stack.sim.counters.calls('link.companies')).toBe(0);
    const served = await stack.gql<LinkData>(LINK, { records: records(1) }, { 'x-api-key': LINK_KEY });
    expect(served.errors).toBeUndefined();
    expect(served.data!.linkCompanies![0]!.candidates[0]!.capiqId).toBe('248435');
    expect(stack.sim.counters.calls('link.companies')).toBe(1);
  });
});
