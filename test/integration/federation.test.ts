/**
 * The gateway as a Federation 2 subgraph (GRAPHQL_FEDERATION=true, docs/federation.md): its
 * `_service { sdl }` composes with a second subgraph (Apollo's composition), a JavaScript router
 * (`@apollo/gateway` with the supergraph) joins across both in each direction, and behind the
 * router the gateway's rules hold: the caller's key and scopes, the limits, and the cost model
 * (priced calls against the calls the simulator counted).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, lexicographicSortSchema, parse, printSchema, type GraphQLObjectType, type OperationDefinitionNode } from 'graphql';
import { appEntityTypes } from '../../src/apps/registry.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printServedSchema, printSubgraphSchema } from '../../src/cli/print-schema.js';
import { loadConfig } from '../../src/config/load.js';
import { compilable } from '../../src/graphql/compiled-execution.js';
import { upstreamCallBound } from '../../src/graphql/limits.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { FEDERATION_SPEC_URL } from '../../src/schema/federation.js';
import { startStack, type GqlResult, type Stack } from '../helpers/stack.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
/** Every scope. */
const ALL_KEY = 'kgw_federation-all-0123456789abcdefghijklmnop';
/** NERD and Skykit, no kFinance. */
const NO_KFINANCE_KEY = 'kgw_federation-no-kf-0123456789abcdefghijklm';
/** NERD and kFinance, no Skykit. */
const NO_SKYKIT_KEY = 'kgw_federation-no-sk-0123456789abcdefghijklm';
const MAX_CALLS = 40;

const FEDERATED_ENV = {
  GRAPHQL_FEDERATION: 'true',
  AUTH_MODE: 'api-key',
  API_KEYS: JSON.stringify([
    { name: 'all', sha256: sha(ALL_KEY), scopes: ['*'] },
    { name: 'no-kfinance', sha256: sha(NO_KFINANCE_KEY), scopes: ['kensho:app:nerd', 'skykit'] },
    { name: 'no-skykit', sha256: sha(NO_SKYKIT_KEY), scopes: ['kensho:app:nerd', 'kensho:app:kfinance'] },
  ]),
  LIMIT_MAX_UPSTREAM_CALLS: String(MAX_CALLS),
};
const SCOPES = ['kensho:app:nerd', 'kensho:app:kfinance'];

/** Every `extensions.code` of an answer, also those of a subgraph answer the router wrapped (`extensions.response.body`). */
function codes(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined): string[] {
  const out: string[] = [];
  for (const e of errors ?? []) {
    if (typeof e.extensions?.code === 'string') out.push(e.extensions.code);
    const body = (e.extensions?.response as { body?: { errors?: Array<{ extensions?: Record<string, unknown> }> } } | undefined)?.body;
    out.push(...codes(body?.errors));
  }
  return out;
}

const kfinanceCalls = (stack: Stack) => stack.sim.counters.log().filter((c) => c.endpoint.startsWith('kfinance.')).length;

/** The second subgraph: ratings the gateway knows nothing of, on Company by its CapIQ id. */
const RATINGS_SDL = `
  extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])
  type Company @key(fields: "id") {
    id: ID!
    "An in-house rating, 1 to 5."
    internalRating: Int
  }
  type Query {
    "The best-rated companies, best first."
    topRatedCompanies(first: Int!): [Company!]!
  }
`;
const RATINGS: Readonly<Record<string, number>> = { '24937': 5, '21835': 4 };
const BEST_FIRST = ['24937', '21835'];

async function startRatings(): Promise<{ url: string; entityRequests: () => number; stop: () => Promise<void> }> {
  let entityRequests = 0;
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(RATINGS_SDL),
      resolvers: {
        Query: {
          // The two known companies first, then made-up ids (priced, never loaded: the limits refuse them).
          topRatedCompanies: (_: unknown, { first }: { first: number }) => Array.from({ length: first }, (_x, i) => ({ id: BEST_FIRST[i] ?? String(900_000 + i) })),
        },
        Company: {
          __resolveReference: (ref: { id: string }) => {
            entityRequests += 1;
            return { id: ref.id };
          },
          internalRating: (c: { id: string }) => RATINGS[c.id] ?? null,
        },
      } as never,
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, entityRequests: () => entityRequests, stop: () => server.stop() };
}

/**
 * The router: `@apollo/gateway` over the composed supergraph, forwarding the caller's API key to
 * the subgraphs in `willSendRequest` (as a router must: the gateway authenticates it like any
 * caller). `sent` records the operations it sends the Kensho gateway.
 */
async function startRouter(supergraphSdl: string): Promise<{ url: string; sent: string[]; stop: () => Promise<void> }> {
  const sent: string[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<{ apiKey?: string }>({
        url,
        willSendRequest({ request, context }) {
          if (name === 'kensho') sent.push(request.query ?? '');
          if (context.apiKey) request.http?.headers.set('x-api-key', context.apiKey);
        },
      }),
  });
  const server = new ApolloServer<{ apiKey?: string }>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => {
      const key = req.headers['x-api-key'];
      return typeof key === 'string' ? { apiKey: key } : {};
    },
  });
  return { url, sent, stop: () => server.stop() };
}

async function post<T>(url: string, query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const raw = await res.text();
  const body = JSON.parse(raw) as { data?: T | null; errors?: GqlResult<T>['errors'] };
  return { status: res.status, data: body.data, errors: body.errors, raw };
}

describe('Federation 2 subgraph behind a router', () => {
  let stack: Stack;
  let ratings: Awaited<ReturnType<typeof startRatings>>;
  let router: Awaited<ReturnType<typeof startRouter>>;
  let sdl: string;
  let composition: ReturnType<typeof composeServices>;

  beforeAll(async () => {
    stack = await startStack({ clientScopes: SCOPES, env: FEDERATED_ENV });
    ratings = await startRatings();
    const service = await stack.gql<{ _service: { sdl: string } }>('{ _service { sdl } }', undefined, { 'x-api-key': ALL_KEY });
    sdl = service.data!._service.sdl;
    composition = composeServices([
      { name: 'kensho', typeDefs: parse(sdl), url: `${stack.url}/graphql` },
      { name: 'ratings', typeDefs: parse(RATINGS_SDL), url: ratings.url },
    ]);
    if (composition.errors) throw new Error(`composition failed: ${composition.errors.map((e) => e.message).join('; ')}`);
    router = await startRouter(composition.supergraphSdl);
  }, 120_000);

  afterAll(async () => {
    await router?.stop();
    await ratings?.stop();
    await stack?.close();
  });

  it('serves _service { sdl } with the Federation 2 link and the keys, which composes with another subgraph without errors or hints', () => {
    expect(sdl).toContain(`@link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])`);
    expect(sdl).toMatch(/extend type Company\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/extend type Entity\s+@key\(fields: "knowledgeBase kbId"\)/);
    expect(sdl).toMatch(/extend type SkykitDevice\s+@key\(fields: "id"\)/);
    // npm run schema:print -- --federation writes the same SDL without a running gateway.
    expect(printSubgraphSchema()).toBe(`${sdl}\n`);
    expect(composition.errors).toBeUndefined();
    expect((composition.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
  });

  it('joins a kFinance company with the other subgraph\'s field (the router asks the ratings subgraph by the company id)', async () => {
    const before = ratings.entityRequests();
    const r = await post<{ company: { id: string; name: string; ticker: string; internalRating: number } }>(router.url, '{ company(id: "24937") { id name ticker internalRating } }', { 'x-api-key': ALL_KEY });
    expect(r.errors).toBeUndefined();
    expect(r.data?.company).toEqual({ id: '24937', name: 'Apple Inc.', ticker: 'NasdaqGS:AAPL', internalRating: 5 });
    expect(ratings.entityRequests()).toBe(before + 1);
  });

  it('joins the other way: companies from the ratings subgraph get their kFinance fields through the gateway\'s _entities', async () => {
    router.sent.length = 0;
    stack.sim.counters.reset();
    const r = await post<{ topRatedCompanies: Array<{ id: string; internalRating: number; name: string; ticker: string }> }>(router.url, '{ topRatedCompanies(first: 2) { id internalRating name ticker } }', { 'x-api-key': ALL_KEY });
    expect(r.errors).toBeUndefined();
    expect(r.data?.topRatedCompanies).toEqual([
      { id: '24937', internalRating: 5, name: 'Apple Inc.', ticker: 'NasdaqGS:AAPL' },
      { id: '21835', internalRating: 4, name: 'Microsoft', ticker: 'NasdaqGS:MSFT' },
    ]);
    expect(router.sent.some((q) => q.includes('_entities'))).toBe(true);
    // Both companies in one batched identification (or none: cached by the first test).
    expect(stack.sim.counters.log().filter((c) => c.endpoint === 'kfinance.ids').length).toBeLessThanOrEqual(1);
  });

  it('refuses a caller whose key lacks the kFinance scope, in both directions, before any kFinance call', async () => {
    stack.sim.counters.reset();
    const forward = await post<{ company: unknown }>(router.url, '{ company(id: "24937") { name internalRating } }', { 'x-api-key': NO_KFINANCE_KEY });
    expect(forward.data?.company ?? null).toBeNull();
    expect(codes(forward.errors)).toContain('FORBIDDEN');
    const reverse = await post<{ topRatedCompanies: Array<{ name: string | null }> }>(router.url, '{ topRatedCompanies(first: 2) { id name } }', { 'x-api-key': NO_KFINANCE_KEY });
    expect(codes(reverse.errors)).toContain('FORBIDDEN');
    expect(reverse.data?.topRatedCompanies?.map((c) => c.name) ?? []).not.toContain('Apple Inc.');
    expect(kfinanceCalls(stack)).toBe(0);
  });

  it('refuses a too costly operation behind the router: 300 companies with their summaries are priced and refused before any call', async () => {
    stack.sim.counters.reset();
    const r = await post<{ topRatedCompanies: unknown }>(router.url, '{ topRatedCompanies(first: 300) { id name summary } }', { 'x-api-key': ALL_KEY });
    expect(codes(r.errors)).toContain('TOO_MANY_UPSTREAM_CALLS');
    expect(kfinanceCalls(stack)).toBe(0);
  });

  it('authenticates the router like any caller: without a key to forward, the gateway refuses (401) and calls nothing', async () => {
    stack.sim.counters.reset();
    const r = await post<{ company: unknown }>(router.url, '{ company(id: "24937") { name } }');
    expect(r.data?.company ?? null).toBeNull();
    expect(codes(r.errors)).toContain('UNAUTHENTICATED');
    expect(kfinanceCalls(stack)).toBe(0);
  });
});

describe('_entities on the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ clientScopes: SCOPES, env: FEDERATED_ENV });
  }, 120_000);
  afterAll(async () => stack?.close());

  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    __typename
    ... on Company { id name }
    ... on SkykitDevice { id serialNumber }
    ... on Entity { kbId knowledgeBase label wikidataId company { id name } }
  } }`;

  it('a representation of a Skykit type needs the Skykit scope (FORBIDDEN for that item, no Skykit call), a kFinance one the kFinance scope', async () => {
    const device = stack.sim.skykit.devices()[0]!;
    stack.sim.counters.reset();
    const reps = [{ __typename: 'SkykitDevice', id: device.id }, { __typename: 'Company', id: '24937' }];
    const r = await stack.gql<{ _entities: Array<Record<string, unknown> | null> }>(ENTITIES, { r: reps }, { 'x-api-key': NO_SKYKIT_KEY });
    expect(r.data?._entities[0]).toBeNull();
    expect(r.data?._entities[1]).toEqual({ __typename: 'Company', id: '24937', name: 'Apple Inc.' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'FORBIDDEN', requiredScope: 'skykit' } });
    expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('skykit.device')).length).toBe(0);

    const allowed = await stack.gql<{ _entities: Array<Record<string, unknown> | null> }>(ENTITIES, { r: reps }, { 'x-api-key': NO_KFINANCE_KEY });
    expect(allowed.data?._entities[0]).toEqual({ __typename: 'SkykitDevice', id: device.id, serialNumber: device.serialNumber });
    expect(allowed.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 1], 'FORBIDDEN']]);
  });

  it('fields reached through an entity keep their own @upstream scope (Entity.company needs kFinance)', async () => {
    const reps = [{ __typename: 'Entity', knowledgeBase: 'CAPIQ', kbId: '21835' }];
    const ok = await stack.gql<{ _entities: unknown[] }>(ENTITIES, { r: reps }, { 'x-api-key': ALL_KEY });
    expect(ok.errors).toBeUndefined();
    expect(ok.data?._entities).toEqual([{ __typename: 'Entity', kbId: '21835', knowledgeBase: 'CAPIQ', label: null, wikidataId: null, company: { id: '21835', name: 'Microsoft' } }]);
    const refused = await stack.gql<{ _entities: Array<{ company: unknown }> }>(ENTITIES, { r: reps }, { 'x-api-key': NO_KFINANCE_KEY });
    expect(refused.data?._entities[0]?.company).toBeNull();
    expect(refused.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 0, 'company'], 'FORBIDDEN']]);
  });

  it('refuses malformed representations one by one (BAD_USER_INPUT, reason INVALID_REPRESENTATION), before any call, and resolves the rest', async () => {
    stack.sim.counters.reset();
    const reps = [
      'not an object',
      { __typename: 'Nope', id: '1' },
      { __typename: 'Company' },
      { __typename: 'Company', id: 'AAPL' },
      { __typename: 'Entity', knowledgeBase: 'WIKIPEDIA', kbId: '312' },
      { __typename: 'SkykitDevice', id: { nested: true } },
      [],
      { __typename: 'Company', id: 24937 },
    ];
    const r = await stack.gql<{ _entities: Array<Record<string, unknown> | null> }>(ENTITIES, { r: reps }, { 'x-api-key': ALL_KEY });
    expect(r.status).toBe(200);
    expect(r.data?._entities.slice(0, 7)).toEqual([null, null, null, null, null, null, null]);
    expect(r.data?._entities[7]).toEqual({ __typename: 'Company', id: '24937', name: 'Apple Inc.' });
    const byItem = [...(r.errors ?? [])].sort((a, b) => Number(a.path?.[1]) - Number(b.path?.[1]));
    expect(byItem.map((e) => [e.path?.[1], e.extensions?.code, e.extensions?.reason])).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => [i, 'BAD_USER_INPUT', 'INVALID_REPRESENTATION']));
    for (const e of r.errors ?? []) expect(e.message).toMatch(/^Invalid representation: /);
    expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('skykit.device')).length).toBe(0);
  });

  it('LIMIT_MAX_UPSTREAM_CALLS refuses _entities with more device representations than calls allowed, before any call; fewer are served with one call each', async () => {
    const ids = Array.from({ length: MAX_CALLS + 1 }, (_, i) => `no-such-device-${i}`);
    stack.sim.counters.reset();
    const refused = await stack.gql(ENTITIES, { r: ids.map((id) => ({ __typename: 'SkykitDevice', id })) }, { 'x-api-key': ALL_KEY });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_UPSTREAM_CALLS', upstreamCalls: MAX_CALLS + 1, max: MAX_CALLS });
    expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('skykit.')).length).toBe(0);
    const served = await stack.gql<{ _entities: unknown[] }>(ENTITIES, { r: ids.slice(0, MAX_CALLS).map((id) => ({ __typename: 'SkykitDevice', id })) }, { 'x-api-key': ALL_KEY });
    expect(served.errors).toBeUndefined();
    expect(served.data?._entities).toEqual(ids.slice(0, MAX_CALLS).map(() => null));
    expect(stack.sim.counters.log().filter((c) => c.endpoint === 'skykit.device.get').length).toBe(MAX_CALLS);
  });
});

describe('the cost model prices _entities as the reference loads run', () => {
  it('prices mixed representations with the calls the simulator counts (a fresh gateway: nothing cached), and never below them', async () => {
    const fresh = await startStack({ clientScopes: SCOPES, env: { ...FEDERATED_ENV, LIMIT_MAX_UPSTREAM_CALLS: '100' } });
    try {
      const priced = (query: string, variables: Record<string, unknown>) => {
        const document = parse(query);
        return upstreamCallBound(fresh.gateway.schema, document, document.definitions[0] as OperationDefinitionNode, variables, fresh.gateway.config);
      };
      const counted = () => fresh.sim.counters.log().filter((c) => /^(kfinance|skykit|nerd)\./.test(c.endpoint)).map((c) => c.endpoint).sort();
      const devices = fresh.sim.skykit.devices().slice(0, 2);
      const representations = [
        // Three companies: one /ids call for all, then a descriptions call each (after the permissions read).
        ...['24937', '248435', '29096'].map((id) => ({ __typename: 'Company', id })),
        // Two devices: one GET each.
        ...devices.map((d) => ({ __typename: 'SkykitDevice', id: d.id })),
        // Two entities: no NERD call (NERD has no lookup by id).
        ...['21835', '18749'].map((kbId) => ({ __typename: 'Entity', knowledgeBase: 'CAPIQ', kbId })),
      ];
      const query = `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Company { name summary }
        ... on SkykitDevice { serialNumber }
        ... on Entity { kbId url }
      } }`;
      fresh.sim.counters.reset();
      const r = await fresh.gql<{ _entities: Array<Record<string, unknown>> }>(query, { r: representations }, { 'x-api-key': ALL_KEY });
      expect(r.errors).toBeUndefined();
      expect(r.data?._entities).toHaveLength(7);
      expect(counted()).toEqual(['kfinance.descriptions', 'kfinance.descriptions', 'kfinance.descriptions', 'kfinance.ids', 'kfinance.permissions', 'skykit.device.get', 'skykit.device.get']);
      expect(priced(query, { r: representations })).toEqual({ calls: 7, open: false });

      // Entities' companies load once the references are in: priced as one more /ids call (the
      // run may fold them into the references' batch, never make more).
      const joined = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Company { name } ... on Entity { company { name } } } }`;
      const more = [
        { __typename: 'Company', id: '20087' },
        ...['32307', '27444752'].map((kbId) => ({ __typename: 'Entity', knowledgeBase: 'CAPIQ', kbId })),
      ];
      fresh.sim.counters.reset();
      const j = await fresh.gql<{ _entities: Array<Record<string, unknown>> }>(joined, { r: more }, { 'x-api-key': ALL_KEY });
      expect(j.errors).toBeUndefined();
      expect(priced(joined, { r: more })).toEqual({ calls: 3, open: false });
      expect(counted().length).toBeGreaterThanOrEqual(1);
      expect(counted().length).toBeLessThanOrEqual(3);
      expect(counted().every((e) => e === 'kfinance.ids')).toBe(true);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});

describe('compiled execution and _entities', () => {
  const QUERIES = [
    '{ _entities(representations: [{__typename: "Company", id: "24937"}, {__typename: "Entity", knowledgeBase: "WIKIMEDIA", kbId: "312"}, "bad"]) { __typename ... on Company { id name } ... on Entity { kbId url } } }',
    '{ _service { sdl } }',
  ];

  it('leaves _entities and _service to graphql-js, and answers them exactly as a gateway that compiles nothing', async () => {
    const gateway = createGateway(loadConfig({ GRAPHQL_FEDERATION: 'true' }), { logger: createLogger('silent') });
    for (const q of QUERIES) expect(compilable(parse(q), undefined, gateway.schema)).toBe(false);
    const compiled = await startStack({ clientScopes: SCOPES, env: { GRAPHQL_FEDERATION: 'true', GRAPHQL_JIT_AFTER: '1' } });
    const interpreted = await startStack({ clientScopes: SCOPES, env: { GRAPHQL_FEDERATION: 'true', GRAPHQL_JIT_AFTER: '0' } });
    try {
      const comparable = (raw: string) => JSON.parse(raw, (key, value: unknown) => (key === 'requestId' ? undefined : value)) as unknown;
      for (const q of QUERIES) {
        for (let i = 0; i < 2; i++) {
          const a = await compiled.gql(q);
          const b = await interpreted.gql(q);
          expect(a.status).toBe(b.status);
          expect(comparable(a.raw)).toEqual(comparable(b.raw));
        }
      }
      const sample = comparable((await compiled.gql(QUERIES[0]!)).raw) as { data: { _entities: unknown[] }; errors: unknown[] };
      expect(sample.data._entities).toHaveLength(3);
      expect(sample.errors).toHaveLength(1);
    } finally {
      await compiled.close();
      await interpreted.close();
    }
  }, 120_000);
});

describe('_service where introspection is off', () => {
  it('is refused like introspection (FORBIDDEN, naming the file to compose from) while _entities still serves', async () => {
    const stack = await startStack({ clientScopes: SCOPES, env: { ...FEDERATED_ENV, ENABLE_INTROSPECTION: 'false' } });
    try {
      const service = await stack.gql('{ _service { sdl } }', undefined, { 'x-api-key': ALL_KEY });
      expect(service.data ?? null).toBeNull();
      expect(service.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(service.errors?.[0]?.message).toMatch(/ENABLE_INTROSPECTION.*schema:print -- --federation/);
      const entities = await stack.gql<{ _entities: unknown[] }>('{ _entities(representations: [{__typename: "Company", id: "24937"}]) { ... on Company { name } } }', undefined, { 'x-api-key': ALL_KEY });
      expect(entities.errors).toBeUndefined();
      expect(entities.data?._entities).toEqual([{ name: 'Apple Inc.' }]);
    } finally {
      await stack.close();
    }
  }, 120_000);
});

describe('the entity types the apps declare', () => {
  it('are types of their own app\'s schema, keyed by fields of theirs, each with a reference resolver', () => {
    const schema = createGateway(loadConfig({ GRAPHQL_FEDERATION: 'true' }), { logger: createLogger('silent') }).schema;
    const declared = appEntityTypes();
    expect(declared.map((t) => `${t.app.key}:${t.typename}`)).toEqual(['nerd:Entity', 'skykit:SkykitDevice', 'kfinance:Company']);
    for (const { app, typename, entity } of declared) {
      expect(readFileSync(app.schema, 'utf8'), `${typename} in ${app.key}'s schema`).toMatch(new RegExp(`^type ${typename} \\{`, 'm'));
      const type = schema.getType(typename);
      expect(isObjectType(type), typename).toBe(true);
      for (const field of entity.key.split(' ')) expect(Object.keys((type as GraphQLObjectType).getFields()), `${typename}.${field}`).toContain(field);
      expect((type as GraphQLObjectType).extensions.apollo, typename).toMatchObject({ subgraph: { resolveReference: expect.any(Function) } });
    }
  });
});

describe('GRAPHQL_FEDERATION off (the default)', () => {
  it('serves exactly the public schema: no _service, no _entities, no @key, the same SDL as npm run schema:print', () => {
    const config = loadConfig({});
    expect(config.server.federation).toBe(false);
    const schema = createGateway(config, { logger: createLogger('silent') }).schema;
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(fields).not.toContain('_service');
    expect(fields).not.toContain('_entities');
    expect(schema.getType('_Any')).toBeUndefined();
    expect(`${printSchema(lexicographicSortSchema(schema))}\n`).toBe(printServedSchema());
  });

  it('with it on, the public types and fields are all still served as they are', () => {
    const off = createGateway(loadConfig({}), { logger: createLogger('silent') }).schema;
    const on = createGateway(loadConfig({ GRAPHQL_FEDERATION: 'true' }), { logger: createLogger('silent') }).schema;
    for (const [name, type] of Object.entries(off.getTypeMap())) {
      if (name.startsWith('__')) continue;
      const federated = on.getType(name);
      expect(federated?.toString(), name).toBe(type.toString());
      if ('getFields' in type && federated && 'getFields' in federated) {
        for (const [fieldName, field] of Object.entries(type.getFields())) expect(String(federated.getFields()[fieldName]?.type), `${name}.${fieldName}`).toBe(String(field.type));
      }
    }
  });
});
