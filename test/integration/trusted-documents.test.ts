import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lexer } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ERROR_CODES } from '../../src/errors.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * TRUSTED_DOCUMENTS over real HTTP and WebSocket against the simulator: each mode × GET, POST
 * and WebSocket × extensions.persistedQuery.sha256Hash (Apollo Client's persisted-queries link)
 * and documentId (GraphQL over HTTP's persisted documents, `sha256:<hex>` or the manifest's id);
 * what `require` refuses, with which code and status, and that it stores nothing; that `allow`
 * does not parse a manifest document; that limits, field scopes, logs and metrics still hold.
 */

type Result = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
type Answer = { status: number; body: Result };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const VERSION = 'query Version {\n  gateway {\n    version\n  }\n}';
const ANNOTATE = 'query Annotate($text: String!) {\n  annotateText(text: $text) {\n    knowledgeBase\n    annotations {\n      text\n    }\n  }\n}';
const DEVICES = 'query Devices($first: Int) {\n  skykitDevices(first: $first) {\n    edges {\n      node {\n        id\n      }\n    }\n  }\n}';
const EXTRACTION = 'query Extraction($id: ID!) {\n  extraction(id: $id) {\n    status\n  }\n}';
const CUSTOM = 'query VersionCustom {\n  gateway {\n    version\n  }\n}';
const SUBMIT = 'mutation Submit($file: Upload!) {\n  submitExtraction(file: $file) {\n    id\n  }\n}';
/** Sent by one test only: no earlier request can have left it in Apollo's document cache. */
const UNPARSED = 'query Unparsed {\n  gateway {\n    version\n  }\n}';
/** An id from a custom `createOperationId` (not a hash): reachable as documentId as it is. */
const CUSTOM_ID = 'version-custom-v1';

function writeManifest(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
  const file = join(dir, 'persisted-query-manifest.json');
  const entry = (body: string, name: string, id = sha256(body)) => ({ id, name, type: 'query', body });
  const manifest = {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [entry(VERSION, 'Version'), entry(ANNOTATE, 'Annotate'), entry(DEVICES, 'Devices'), entry(EXTRACTION, 'Extraction'), entry(CUSTOM, 'VersionCustom', CUSTOM_ID), entry(UNPARSED, 'Unparsed'), { ...entry(SUBMIT, 'Submit'), type: 'mutation' }],
  };
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return file;
}

const KEY = 'kgw_trusted-nerd-skykit-0123456789abcdef';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** What a request sends besides its transport: text, an APQ extension, a documentId, variables. */
interface Params {
  query?: string;
  documentId?: string;
  extensions?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  operationName?: string;
}

const byHash = (hash: string): Params => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

async function post(stack: Stack, params: Params, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers }, body: JSON.stringify(params) });
  return { status: res.status, body: (await res.json()) as Result };
}

async function get(stack: Stack, params: Params, headers: Record<string, string> = {}): Promise<Answer> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  const res = await fetch(`${stack.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true', accept: GRAPHQL_RESPONSE, ...headers } });
  return { status: res.status, body: (await res.json()) as Result };
}

/** One operation over graphql-ws; the protocol requires a string `query`, empty when an id names the document. */
async function overWs(client: Client, params: Params): Promise<Answer> {
  const iterator = client.iterate({ query: '', ...params } as { query: string });
  try {
    return { status: 0, body: ((await iterator.next()).value ?? {}) as Result };
  } catch (errors) {
    if (Array.isArray(errors)) return { status: 0, body: { errors } as Result };
    throw errors;
  } finally {
    await iterator.return?.();
  }
}

function wsClient(stack: Stack, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true, lazyCloseTimeout: 60_000 });
}

type Transport = 'GET' | 'POST' | 'WebSocket';
const TRANSPORTS: readonly Transport[] = ['GET', 'POST', 'WebSocket'];

/** Ways to name the Version document: Apollo's hash, the draft's prefixed documentId, the bare id. */
const NAMINGS: ReadonlyArray<readonly [string, Params]> = [
  ['extensions.persistedQuery.sha256Hash', byHash(sha256(VERSION))],
  ['documentId sha256:<hex>', { documentId: `sha256:${sha256(VERSION)}` }],
  ['documentId as the manifest id', { documentId: sha256(VERSION) }],
];

/**
 * Counts graphql-js lexer steps in this process: every parse (Apollo's, the WebSocket engine's)
 * lexes its text, and nothing else does. Apollo, the gateway and this file share one graphql
 * module (vitest.config.ts resolves it as Node does), so the prototype is theirs too.
 */
function countLexing(): { readonly count: number; reset(): void; restore(): void } {
  const original = Lexer.prototype.advance;
  let count = 0;
  Lexer.prototype.advance = function advance(this: Lexer) {
    count += 1;
    return original.call(this);
  };
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    restore() {
      Lexer.prototype.advance = original;
    },
  };
}

describe.each(['allow', 'require'] as const)('TRUSTED_DOCUMENTS=%s', (mode) => {
  let stack: Stack;
  let ws: Client;
  const auth: Record<string, string> = mode === 'require' ? { 'x-api-key': KEY } : {};
  const send = (transport: Transport, params: Params): Promise<Answer> => (transport === 'GET' ? get(stack, params, auth) : transport === 'POST' ? post(stack, params, auth) : overWs(ws, params));

  beforeAll(async () => {
    // require runs behind API keys whose scopes leave Extract out, to show field scopes hold.
    const apiKeys: Record<string, string> = mode === 'require' ? { AUTH_MODE: 'api-key', API_KEYS: JSON.stringify([{ name: 'web', sha256: sha256(KEY), scopes: ['kensho:app:nerd', 'skykit'] }]) } : {};
    stack = await startStack({ env: { TRUSTED_DOCUMENTS: mode, TRUSTED_DOCUMENTS_MANIFEST: writeManifest(), LIMIT_MAX_COMPLEXITY: '500', ...apiKeys } });
    ws = wsClient(stack, auth);
  });
  afterAll(async () => {
    await ws?.dispose();
    await stack?.close();
  });

  for (const transport of TRANSPORTS) {
    for (const [naming, params] of NAMINGS) {
      it(`answers a manifest document named by ${naming} over ${transport}`, async () => {
        const answer = await send(transport, params);
        expect(answer.body.errors).toBeUndefined();
        expect(answer.body.data).toEqual({ gateway: { version: expect.any(String) } });
        if (transport !== 'WebSocket') expect(answer.status).toBe(200);
      });
    }

    it(`answers a custom (non-hash) id as documentId, and passes variables, over ${transport}`, async () => {
      expect((await send(transport, { documentId: CUSTOM_ID })).body.data).toEqual({ gateway: { version: expect.any(String) } });
      const calls = stack.sim.counters.calls('nerd.annotations-sync');
      const annotated = await send(transport, { documentId: `sha256:${sha256(ANNOTATE)}`, variables: { text: 'Apple' } });
      expect(annotated.body.errors).toBeUndefined();
      expect(annotated.body.data).toMatchObject({ annotateText: [{ knowledgeBase: 'WIKIMEDIA', annotations: [{ text: 'Apple' }] }] });
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBeGreaterThan(calls);
    });

    it(`refuses an id the manifest does not list with PERSISTED_QUERY_NOT_IN_LIST over ${transport} (documentId${mode === 'require' ? ' and sha256Hash' : ''})`, async () => {
      const unknown = [{ documentId: `sha256:${'0'.repeat(64)}` }, { documentId: 'not-a-known-id' }, ...(mode === 'require' ? [byHash('1'.repeat(64))] : [])];
      for (const params of unknown) {
        const answer = await send(transport, params);
        expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
        expect(answer.body.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));
        if (transport !== 'WebSocket') expect(answer.status).toBe(400);
      }
    });

    it(`keeps the limits, which depend on the variables, for a manifest document over ${transport}`, async () => {
      // 500 devices a page cost more than LIMIT_MAX_COMPLEXITY=500; 5 do not.
      const id = { documentId: `sha256:${sha256(DEVICES)}` };
      const over = await send(transport, { ...id, variables: { first: 500 } });
      expect(over.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      if (transport !== 'WebSocket') expect(over.status).toBe(400);
      const within = await send(transport, { ...id, variables: { first: 5 } });
      expect(within.body.errors).toBeUndefined();
    });
  }

  it('refuses a manifest mutation over GET with 405, as GraphQL over HTTP asks, before it runs', async () => {
    const search = new URLSearchParams({ documentId: `sha256:${sha256(SUBMIT)}`, variables: JSON.stringify({ file: null }) });
    const res = await fetch(`${stack.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true', accept: GRAPHQL_RESPONSE, ...auth } });
    const body = (await res.json()) as Result;
    expect([res.status, res.headers.get('allow'), body.errors?.[0]?.extensions?.code]).toEqual([405, 'POST', 'BAD_REQUEST']);
    expect(stack.sim.counters.calls('extract.submit')).toBe(0);
  });

  it('logs and counts a manifest document under its name', async () => {
    const before = stack.logs.length;
    expect((await post(stack, byHash(sha256(VERSION)), auth)).status).toBe(200);
    const lines = stack.logs.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === 'graphql operation')).toMatchObject({ operation: 'Version', outcome: 'ok' });
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_graphql_operations_total\{operation="Version",outcome="ok"[^}]*\} \d+/);
  });

  if (mode === 'require') {
    for (const transport of TRANSPORTS) {
      it(`refuses free-form text before parsing with PERSISTED_QUERY_ID_REQUIRED over ${transport}, also text a manifest holds`, async () => {
        const lexing = countLexing();
        try {
          // (An empty POST body is the transport's own BAD_REQUEST, before the pipeline.)
          for (const params of [{ query: '{ gateway { version } }' }, { query: VERSION }, { query: 'not even GraphQL {' }, ...(transport === 'POST' ? [] : [{}])]) {
            const answer = await send(transport, params);
            expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
            if (transport !== 'WebSocket') expect(answer.status).toBe(400);
          }
          expect(lexing.count).toBe(0);
        } finally {
          lexing.restore();
        }
      });

      it(`refuses an automatic persisted query's registration (text and hash) and stores nothing, over ${transport}`, async () => {
        const query = `query Register${transport === 'WebSocket' ? 'Ws' : transport} { gateway { version } }`;
        const hash = sha256(query);
        const registration = await send(transport, { query, ...byHash(hash) });
        expect(registration.body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
        // Apollo keeps registrations in the shared store under apq:<hash>: nothing is there.
        expect(await stack.gateway.services.store.get(`apq:${hash}`)).toBeUndefined();
        // Not even a manifest document's own hash and text, which Apollo would store as a registration.
        const manifestText = await send(transport, { query: VERSION, ...byHash(sha256(VERSION)) });
        expect(manifestText.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
        expect(await stack.gateway.services.store.get(`apq:${sha256(VERSION)}`)).toBeUndefined();
      });
    }

    it('answers its refusals with their status from the error table, and 200 under the legacy application/json, as every GraphQL request error', async () => {
      const refusals = [
        ['PERSISTED_QUERY_ID_REQUIRED', { query: '{ gateway { version } }' }],
        ['PERSISTED_QUERY_NOT_IN_LIST', { documentId: 'unknown' }],
      ] as const;
      for (const [code, params] of refusals) {
        const strict = await post(stack, params, auth);
        expect([strict.status, strict.body.errors?.[0]?.extensions?.code]).toEqual([ERROR_CODES[code].status, code]);
        const legacy = await post(stack, params, { ...auth, accept: 'application/json' });
        expect([legacy.status, legacy.body.errors?.[0]?.extensions?.code]).toEqual([200, code]);
      }
    });

    it("keeps field scopes: a manifest document reaching an app outside the caller's scopes is FORBIDDEN there", async () => {
      const answer = await post(stack, { documentId: sha256(EXTRACTION), variables: { id: 'job-1' } }, auth);
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('still admits before anything else: a caller without a key is UNAUTHENTICATED, not told about documents', async () => {
      const answer = await post(stack, byHash(sha256(VERSION)));
      expect([answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    });
  } else {
    describe('what allow leaves as it was', () => {
      let lexing: ReturnType<typeof countLexing> | undefined;
      afterEach(() => lexing?.restore());

      it('does not parse a manifest document, over any transport, while free text is parsed', async () => {
        lexing = countLexing();
        const namings: Params[] = [byHash(sha256(UNPARSED)), { documentId: `sha256:${sha256(UNPARSED)}` }, { documentId: sha256(UNPARSED) }];
        for (const transport of TRANSPORTS) {
          for (const params of namings) expect((await send(transport, params)).body.data).toEqual({ gateway: { version: expect.any(String) } });
          expect((await send(transport, { documentId: sha256(ANNOTATE), variables: { text: 'Apple' } })).body.errors).toBeUndefined();
        }
        expect(lexing.count).toBe(0);
        // The control: the same counter sees a parse of text the gateway has not seen.
        for (const transport of TRANSPORTS) {
          const answer = await send(transport, { query: `query Free${transport === 'WebSocket' ? 'Ws' : transport} { gateway { version } }` });
          expect(answer.body.errors).toBeUndefined();
        }
        expect(lexing.count).toBeGreaterThan(0);
      });

      it('runs free-form text, and registers automatic persisted queries as before', async () => {
        expect((await post(stack, { query: '{ gateway { version } }' })).body.data).toEqual({ gateway: { version: expect.any(String) } });
        const query = 'query AllowApq { gateway { version } }';
        const hash = sha256(query);
        expect((await post(stack, byHash(hash))).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
        expect((await post(stack, { query, ...byHash(hash) })).body.errors).toBeUndefined();
        expect(await stack.gateway.services.store.get(`apq:${hash}`)).toBe(query);
        expect((await get(stack, byHash(hash))).body.data).toEqual({ gateway: { version: expect.any(String) } });
      });

      it('refuses documentId sent with query text (BAD_REQUEST, 400)', async () => {
        const answer = await post(stack, { documentId: sha256(VERSION), query: VERSION });
        expect([answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
      });
    });
  }
});

describe('TRUSTED_DOCUMENTS=off (the default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack?.close());

  it('knows no manifest: a documentId is not read, and a hash is an automatic persisted query', async () => {
    const byId = await post(stack, { documentId: `sha256:${sha256(VERSION)}` });
    expect([byId.status, byId.body.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_REQUEST']);
    expect((await post(stack, byHash(sha256(VERSION)))).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(stack, { query: VERSION, ...byHash(sha256(VERSION)) })).body.data).toEqual({ gateway: { version: expect.any(String) } });
    expect(await stack.gateway.services.store.get(`apq:${sha256(VERSION)}`)).toBe(VERSION);
  });
});
