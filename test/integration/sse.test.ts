import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, NetworkError, type Client } from 'graphql-sse';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, openStream, type StreamEvent } from '../helpers/event-stream.js';
import { manualClock } from '../helpers/manual-clock.js';
import { PATIENCE_MS } from '../helpers/patience.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { pdfFixture, uploadRequest } from '../helpers/upload.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const KEY_ALL = 'kgw_sse-all-0123456789abcdefghijkl';
const KEY_NERD = 'kgw_sse-nerd-0123456789abcdefghijk';
const API_KEYS = JSON.stringify([
  { name: 'sse-all', sha256: sha(KEY_ALL), scopes: ['*'] },
  { name: 'sse-nerd', sha256: sha(KEY_NERD), scopes: ['kensho:app:nerd'] },
]);
/** The longest delay between polls of the stack (EXTRACT_POLL_MAX_MS). */
const POLL_MAX_MS = 200;
/** Waits are priced by their polls (docs/security.md, "Upstream calls"): room for a subscription's. */
const FAST_POLLING_CALLS = '2000';

const SUBSCRIPTION = 'subscription Watch($id: ID!) { extractionUpdated(id: $id) { status document { text } } }';
const SSE_HEADERS = { 'content-type': 'application/json', accept: 'text/event-stream' };

type Result = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

/** One operation POSTed to /graphql/stream. */
function post(stack: Stack, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return openStream(`${stack.url}/graphql/stream`, { method: 'POST', headers: { ...SSE_HEADERS, ...headers }, body: JSON.stringify(body), signal });
}

async function submit(stack: Stack): Promise<string> {
  const r = await uploadRequest<{ submitExtraction: { id: string } }>(stack.url, 'mutation($file: Upload!) { submitExtraction(file: $file) { id } }', { bytes: pdfFixture('report.pdf'), name: 'report.pdf' }, {}, { 'apollo-require-preflight': 'true', 'x-api-key': KEY_ALL });
  expect(r.errors).toBeUndefined();
  return r.data!.submitExtraction.id;
}

function sseClient(stack: Stack, headers: Record<string, string>): Client {
  return createClient({ url: `${stack.url}/graphql/stream`, headers, retryAttempts: 0 });
}

const operationLine = (stack: Stack, requestId: string) =>
  stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'graphql operation' && l.requestId === requestId);

/** A request whose Host (and other headers) node:http sends as given; fetch sets Host itself. */
function rawRequest(stack: Stack, options: { method: string; headers: Record<string, string | number>; body?: string; end?: boolean }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { port } = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/graphql/stream', method: options.method, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    if (options.end !== false) req.end();
  });
}

describe('GraphQL over Server-Sent Events (graphql-sse) on /graphql/stream', () => {
  let stack: Stack;
  // Jobs take 600 ms of this clock and the gateway polls every 50-200 ms of it: a job stays
  // PENDING until the test moves time on, however slowly the machine runs.
  const clock = manualClock();
  beforeAll(async () => {
    stack = await startStack({
      clock,
      simulator: { extractJobDurationMs: 600 },
      env: {
        AUTH_MODE: 'api-key',
        API_KEYS,
        ALLOWED_HOSTS: 'gateway.example.com',
        CORS_ORIGINS: 'https://app.example.com',
        EXTRACT_POLL_INITIAL_MS: '50',
        EXTRACT_POLL_MAX_MS: String(POLL_MAX_MS),
        LIMIT_MAX_UPSTREAM_CALLS: FAST_POLLING_CALLS,
        LIMIT_MAX_DEPTH: '4',
        MAX_BODY_BYTES: '20000',
      },
    });
  }, 120_000);
  afterAll(async () => stack.close());

  it('streams extractionUpdated to graphql-sse\'s own client: PENDING, then SUCCESS, then the stream completes', async () => {
    const id = await submit(stack);
    const client = sseClient(stack, { 'x-api-key': KEY_ALL });
    try {
      const events = client.iterate<{ extractionUpdated: { status: string; document: { text: string } | null } }>({ query: SUBSCRIPTION, variables: { id } });
      const pending = (await events.next()).value!;
      expect(pending.errors).toBeUndefined();
      expect(pending.data!.extractionUpdated).toEqual({ status: 'PENDING', document: null });
      const success = (await clock.until(events.next(), POLL_MAX_MS)).value!;
      expect(success.data!.extractionUpdated.status).toBe('SUCCESS');
      expect(success.data!.extractionUpdated.document!.text).toContain('Kensho Quarterly Report');
      // The server's `complete` ends the client's iteration.
      expect((await events.next()).done).toBe(true);
    } finally {
      client.dispose();
    }
    expect(stack.gateway.services.extractWatcher!.active).toBe(0);
  });

  it('streams the same events to plain fetch: next events with the results, then complete, under the protocol\'s headers', async () => {
    const id = await submit(stack);
    const stream = await post(stack, { query: SUBSCRIPTION, variables: { id } }, { 'x-api-key': KEY_ALL, 'x-request-id': 'sse-sub-1' });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toBe('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('x-request-id')).toBe('sse-sub-1');
    const events = await clock.until(allEvents(stream), POLL_MAX_MS);
    const statuses = events.filter((e) => e.event === 'next').map((e) => (e.data as { data: { extractionUpdated: { status: string } } }).data.extractionUpdated.status);
    expect(statuses).toEqual(['PENDING', 'SUCCESS']);
    expect(events.at(-1)).toEqual({ event: 'complete', data: null });
    // One log line for the whole subscription, naming its transport.
    expect(operationLine(stack, 'sse-sub-1')).toMatchObject({ transport: 'sse', operation: 'Watch', caller: 'sse-all', outcome: 'ok' });
  });

  it('answers queries and mutations with one next event, then complete', async () => {
    const query = await post(stack, { query: 'query Version { gateway { version } }' }, { 'x-api-key': KEY_ALL });
    expect(await allEvents(query)).toEqual([
      { event: 'next', data: { data: { gateway: { version: expect.any(String) } } } },
      { event: 'complete', data: null },
    ]);
    const devices = (await stack.gql<{ skykitDevices: { edges: Array<{ node: { id: string } }> } }>('{ skykitDevices(first: 1) { edges { node { id } } } }', undefined, { 'x-api-key': KEY_ALL })).data!;
    const deviceId = devices.skykitDevices.edges[0]!.node.id;
    const calls = stack.sim.counters.log().length;
    const mutation = await post(stack, { query: 'mutation Zone($id: ID!) { updateSkykitDevice(input: { id: $id, timezone: "Europe/Zurich" }) { device { id timezone } } }', variables: { id: deviceId } }, { 'x-api-key': KEY_ALL });
    const events = await allEvents(mutation);
    expect(events).toEqual([
      { event: 'next', data: { data: { updateSkykitDevice: { device: { id: deviceId, timezone: 'Europe/Zurich' } } } } },
      { event: 'complete', data: null },
    ]);
    expect(stack.sim.counters.log().length).toBeGreaterThan(calls);
  });

  it('answers a GET (as EventSource sends): queries and subscriptions run, a mutation is refused with 405 as over HTTP', async () => {
    const get = (query: string) => openStream(`${stack.url}/graphql/stream?query=${encodeURIComponent(query)}`, { headers: { accept: 'text/event-stream', 'x-api-key': KEY_ALL } });
    const query = await get('{ gateway { version } }');
    expect(query.status).toBe(200);
    expect((await allEvents(query))[0]).toMatchObject({ event: 'next', data: { data: { gateway: { version: expect.any(String) } } } });
    const calls = stack.sim.counters.log().length;
    const mutation = await get('mutation { updateSkykitDevice(input: { id: "dev-0001", timezone: "Europe/Zurich" }) { device { id } } }');
    expect(mutation.status).toBe(405);
    expect(mutation.headers.get('allow')).toBe('POST');
    expect(JSON.parse(await mutation.text())).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect(stack.sim.counters.log().length).toBe(calls);
  });

  it('stops the upstream polling a subscription caused when its client goes away', async () => {
    stack.sim.knobs.extractJobDurationMs = 60_000;
    try {
      const id = await submit(stack);
      const polls = () => stack.sim.counters.calls('extract.get');
      const client = new AbortController();
      const stream = await post(stack, { query: SUBSCRIPTION, variables: { id } }, { 'x-api-key': KEY_ALL, 'x-request-id': 'sse-leaves' }, client.signal);
      expect(((await stream.events.next()).value as StreamEvent).data).toMatchObject({ data: { extractionUpdated: { status: 'PENDING' } } });
      // Polling while the client listens: each time the clock passes the poller's wait, one poll.
      for (let i = 0; i < 3; i++) {
        await clock.sleeping();
        const before = polls();
        await clock.advance(POLL_MAX_MS);
        await clock.sleeping();
        expect(polls()).toBe(before + 1);
      }
      client.abort();
      await expect.poll(() => stack.gateway.services.extractWatcher!.active, { timeout: PATIENCE_MS, interval: 10 }).toBe(0);
      // The poller's wait ended with its only subscriber: time passing makes no poll.
      expect(clock.waiting).toBe(0);
      const afterLeave = polls();
      await clock.advance(10 * POLL_MAX_MS);
      expect(polls()).toBe(afterLeave);
      // The caller ended it: logged as cancelled, not as an error.
      await expect.poll(() => operationLine(stack, 'sse-leaves')?.outcome, { timeout: PATIENCE_MS, interval: 10 }).toBe('cancelled');
    } finally {
      stack.sim.knobs.extractJobDurationMs = 600;
    }
  });

  it('refuses a caller without a valid key as /graphql does (401, WWW-Authenticate), before reading its body', async () => {
    const none = await post(stack, { query: '{ gateway { version } }' });
    const overHttp = await stack.gql('{ gateway { version } }');
    expect(none.status).toBe(401);
    expect(overHttp.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const body = JSON.parse(await none.text()) as Result;
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toBe(overHttp.errors?.[0]?.message);
    const wrong = await post(stack, { query: '{ gateway { version } }' }, { 'x-api-key': 'kgw_wrong-key' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('kgw_wrong-key');
    // The answer comes while the declared body has not arrived: it was never waited for.
    const early = await rawRequest(stack, { method: 'POST', headers: { ...SSE_HEADERS, host: '127.0.0.1', 'content-length': 5000 }, body: '{"query":', end: false });
    expect(early.status).toBe(401);
    // graphql-sse's client sees the refusal as a NetworkError carrying the response.
    const client = sseClient(stack, {});
    const failure = await client.iterate({ query: '{ gateway { version } }' }).next().then(
      () => undefined,
      (e: unknown) => e,
    );
    client.dispose();
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as NetworkError).response?.status).toBe(401);
  });

  it('applies the caller\'s field scopes: a NERD-only key gets FORBIDDEN for extractionUpdated, and Extract is never called', async () => {
    const id = await submit(stack);
    const calls = stack.sim.counters.calls('extract.get');
    const stream = await post(stack, { query: SUBSCRIPTION, variables: { id } }, { 'x-api-key': KEY_NERD });
    expect(stream.status).toBe(200);
    const events = await allEvents(stream);
    expect(events).toHaveLength(2);
    const result = events[0]!.data as Result;
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'kensho:app:extract' });
    expect(events[1]).toEqual({ event: 'complete', data: null });
    expect(stack.sim.counters.calls('extract.get')).toBe(calls);
    // The same key may use what its scopes allow.
    const ok = await allEvents(await post(stack, { query: '{ annotateText(text: "Apple") { knowledgeBase } }' }, { 'x-api-key': KEY_NERD }));
    expect((ok[0]!.data as Result).data).toMatchObject({ annotateText: [{ knowledgeBase: 'WIKIMEDIA' }] });
  });

  it('reports request errors (parse, validation, depth) in the stream, as the protocol asks; refusals with their status', async () => {
    const inStream = async (query: string) => {
      const stream = await post(stack, { query }, { 'x-api-key': KEY_ALL });
      expect(stream.status).toBe(200);
      const events = await allEvents(stream);
      expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
      const result = events[0]!.data as Result;
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));
      return result.errors?.[0]?.extensions?.code;
    };
    expect(await inStream('{ gateway { version }')).toBe('GRAPHQL_PARSE_FAILED');
    expect(await inStream('{ gateway { versio } }')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await inStream('{ skykitDevices(first: 1) { edges { node { tenant { devices(first: 1) { edges { node { id } } } } } } } }')).toBe('QUERY_TOO_DEEP');
    // Refused before any stream: the body's shape, its size, its media type, the method, the accept.
    const missing = await post(stack, { variables: {} }, { 'x-api-key': KEY_ALL, 'x-request-id': 'sse-missing' });
    expect(missing.status).toBe(400);
    expect(JSON.parse(await missing.text())).toMatchObject({ errors: [{ message: 'Missing query', extensions: { code: 'BAD_REQUEST', requestId: 'sse-missing' } }] });
    const notJson = await openStream(`${stack.url}/graphql/stream`, { method: 'POST', headers: { ...SSE_HEADERS, 'x-api-key': KEY_ALL }, body: '{"query":' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(await notJson.text())).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const large = await post(stack, { query: `{ gateway { version } } # ${'x'.repeat(30_000)}` }, { 'x-api-key': KEY_ALL });
    expect(large.status).toBe(413);
    expect(JSON.parse(await large.text())).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_TOO_LARGE' } }] });
    const text = await openStream(`${stack.url}/graphql/stream`, { method: 'POST', headers: { 'content-type': 'text/plain', accept: 'text/event-stream', 'x-api-key': KEY_ALL }, body: '{"query":"{ gateway { version } }"}' });
    expect(text.status).toBe(415);
    // The single connection mode's reservation (PUT) and cancel (DELETE) are not served.
    const put = await openStream(`${stack.url}/graphql/stream`, { method: 'PUT', headers: { 'x-api-key': KEY_ALL } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(JSON.parse(await put.text())).toMatchObject({ errors: [{ extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
  });

  it('negotiates Accept: text/event-stream (also among others, or no Accept at all); a JSON-only client gets 406', async () => {
    const run = (accept: string | undefined) =>
      openStream(`${stack.url}/graphql/stream`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY_ALL, ...(accept === undefined ? {} : { accept }) }, body: JSON.stringify({ query: '{ gateway { version } }' }) });
    for (const accept of ['text/event-stream', 'application/json;q=0.5, text/event-stream', '*/*']) {
      const stream = await run(accept);
      expect(stream.status, accept).toBe(200);
      expect((await allEvents(stream)).map((e) => e.event), accept).toEqual(['next', 'complete']);
    }
    // undici sends "accept: */*" when none is given: node:http sends none.
    const bare = await rawRequest(stack, { method: 'POST', headers: { 'content-type': 'application/json', host: '127.0.0.1', 'x-api-key': KEY_ALL }, body: JSON.stringify({ query: '{ gateway { version } }' }) });
    expect(bare.status).toBe(200);
    expect(bare.body).toContain('event: complete');
    const json = await run('application/json');
    expect(json.status).toBe(406);
    expect(JSON.parse(await json.text())).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers only hosts it serves (ALLOWED_HOSTS), CORS as /graphql does, and event streams only to allowed origins', async () => {
    const body = JSON.stringify({ query: '{ gateway { version } }' });
    const rebound = await rawRequest(stack, { method: 'POST', headers: { ...SSE_HEADERS, host: 'evil.example', 'x-api-key': KEY_ALL }, body });
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body)).toMatchObject({ errors: [{ extensions: { code: 'HOST_NOT_ALLOWED' } }] });
    const named = await rawRequest(stack, { method: 'POST', headers: { ...SSE_HEADERS, host: 'gateway.example.com', 'x-api-key': KEY_ALL }, body });
    expect(named.status).toBe(200);
    expect(named.body).toContain('event: complete');
    // A preflight from an allowed origin is answered; from another, refused.
    const preflight = (origin: string) => fetch(`${stack.url}/graphql/stream`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key' } });
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-api-key');
    expect((await preflight('https://evil.example')).status).toBe(403);
    // An EventSource from another site (a GET no preflight guards) is refused, as a WebSocket upgrade from it is.
    const get = (origin: string) => openStream(`${stack.url}/graphql/stream?query=${encodeURIComponent('{ gateway { version } }')}`, { headers: { accept: 'text/event-stream', origin, 'x-api-key': KEY_ALL } });
    const foreign = await get('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(JSON.parse(await foreign.text())).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const own = await get(stack.url);
    expect(own.status).toBe(200);
    await allEvents(own);
    const cors = await post(stack, { query: '{ gateway { version } }' }, { origin: 'https://app.example.com', 'x-api-key': KEY_ALL });
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(cors.headers.get('access-control-expose-headers')).toContain('x-request-id');
    await allEvents(cors);
  });

  it('echoes the request id, logs and counts each operation with transport sse', async () => {
    const stream = await post(stack, { query: 'query Counted { gateway { version } }' }, { 'x-api-key': KEY_ALL, 'x-request-id': 'sse-count-1' });
    expect(stream.headers.get('x-request-id')).toBe('sse-count-1');
    await allEvents(stream);
    const bad = await post(stack, { query: '{ gateway { versio } }' }, { 'x-api-key': KEY_ALL, 'x-request-id': 'sse-count-2' });
    expect(((await allEvents(bad))[0]!.data as Result).errors?.[0]?.extensions?.requestId).toBe('sse-count-2');
    expect(operationLine(stack, 'sse-count-1')).toMatchObject({ transport: 'sse', operation: 'Counted', caller: 'sse-all', outcome: 'ok', upstreamCalls: 0 });
    expect(operationLine(stack, 'sse-count-2')).toMatchObject({ transport: 'sse', outcome: 'error', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
    await stack.gql('query Counted { gateway { version } }', undefined, { 'x-api-key': KEY_ALL, 'x-request-id': 'http-count-1' });
    expect(operationLine(stack, 'http-count-1')).toMatchObject({ transport: 'http' });
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    const count = (labels: string) => Number(new RegExp(`^gateway_graphql_transport_operations_total\\{${labels}\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    const sseLines = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'graphql operation' && l.transport === 'sse');
    expect(count('transport="sse",outcome="ok"')).toBe(sseLines.filter((l) => l.outcome === 'ok').length);
    expect(count('transport="sse",outcome="error"')).toBe(sseLines.filter((l) => l.outcome === 'error').length);
    expect(count('transport="sse",outcome="ok"')).toBeGreaterThan(0);
    expect(count('transport="http",outcome="ok"')).toBeGreaterThan(0);
    expect(metrics).toMatch(/gateway_graphql_operations_total\{operation="Counted",outcome="ok",client="unknown",client_version="unknown"\} 2\n/);
  });
});

describe('GraphQL over SSE: limits and rate', () => {
  it('refuses an operation over its upstream-call budget (400) and a caller over its rate (429), as over HTTP', async () => {
    const clock = manualClock();
    const stack = await startStack({ clock, env: { AUTH_MODE: 'api-key', API_KEYS, LIMIT_MAX_UPSTREAM_CALLS: '2', LIMIT_MAX_COMPLEXITY: '60', RATE_LIMIT_PER_MINUTE: '6', RATE_LIMIT_BURST: '4' } });
    try {
      const headers = { 'x-api-key': KEY_ALL };
      const calls = stack.sim.counters.log().length;
      const three = await post(stack, { query: '{ a: annotateText(text: "A") { knowledgeBase } b: annotateText(text: "B") { knowledgeBase } c: annotateText(text: "C") { knowledgeBase } }' }, headers);
      expect(three.status).toBe(400);
      expect(JSON.parse(await three.text())).toMatchObject({ errors: [{ extensions: { code: 'TOO_MANY_UPSTREAM_CALLS', max: 2 } }] });
      const complex = await post(stack, { query: '{ skykitDevices(first: 50) { edges { node { id } } } }' }, headers);
      expect(complex.status).toBe(200);
      expect(((await allEvents(complex))[0]!.data as Result).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(stack.sim.counters.log().length).toBe(calls);
      // A burst of 4: two used above, two more, then refused until a token comes back.
      for (let i = 0; i < 2; i++) expect((await post(stack, { query: '{ gateway { version } }' }, headers)).status).toBe(200);
      const limited = await post(stack, { query: '{ gateway { version } }' }, headers);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('10');
      expect(JSON.parse(await limited.text())).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 10 } }] });
      // Per caller: another key still has its burst.
      expect((await post(stack, { query: '{ gateway { version } }' }, { 'x-api-key': KEY_NERD })).status).toBe(200);
      await clock.advance(10_000);
      expect((await post(stack, { query: '{ gateway { version } }' }, headers)).status).toBe(200);
    } finally {
      await stack.close();
    }
  }, 120_000);
});

describe('GraphQL over SSE: JWT callers', () => {
  it('admits a bearer token the key set verifies and refuses one it does not, with the status /graphql answers', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const dir = mkdtempSync(join(tmpdir(), 'gw-sse-jwks-'));
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] }));
    const stack = await startStack({ env: { AUTH_MODE: 'jwt', AUTH_JWKS_FILE: join(dir, 'jwks.json'), AUTH_JWT_ISSUER: 'https://idp.example.com/', AUTH_JWT_AUDIENCE: 'kensho-gateway' } });
    try {
      const token = await new SignJWT({ scope: 'kensho:app:nerd' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer('https://idp.example.com/').setAudience('kensho-gateway').setSubject('jwt-user').setIssuedAt().setExpirationTime('5m').sign(privateKey);
      const client = sseClient(stack, { authorization: `Bearer ${token}` });
      try {
        const first = await client.iterate<{ annotateText: Array<{ knowledgeBase: string }> }>({ query: '{ annotateText(text: "Apple") { knowledgeBase } }' }).next();
        expect(first.value?.data?.annotateText[0]?.knowledgeBase).toBe('WIKIMEDIA');
      } finally {
        client.dispose();
      }
      const forged = await post(stack, { query: '{ gateway { version } }' }, { authorization: `Bearer ${token.slice(0, -4)}AAAA` });
      const overHttp = await stack.gql('{ gateway { version } }', undefined, { authorization: `Bearer ${token.slice(0, -4)}AAAA` });
      expect(forged.status).toBe(overHttp.status);
      expect(forged.status).toBe(401);
      expect(JSON.parse(await forged.text())).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    } finally {
      await stack.close();
    }
  }, 120_000);
});

describe('GraphQL over SSE: shutdown', () => {
  it('ends open streams when the server closes: the subscription\'s last event is SHUTTING_DOWN, then complete', async () => {
    const clock = manualClock();
    const stack = await startStack({ clock, simulator: { extractJobDurationMs: 60_000 }, env: { AUTH_MODE: 'api-key', API_KEYS, EXTRACT_POLL_INITIAL_MS: '50', EXTRACT_POLL_MAX_MS: String(POLL_MAX_MS), LIMIT_MAX_UPSTREAM_CALLS: FAST_POLLING_CALLS } });
    let closed: Promise<void> | undefined;
    try {
      const id = await submit(stack);
      const stream = await post(stack, { query: SUBSCRIPTION, variables: { id } }, { 'x-api-key': KEY_ALL });
      const first = (await stream.events.next()).value as StreamEvent;
      expect(first.data).toMatchObject({ data: { extractionUpdated: { status: 'PENDING' } } });
      // A long grace period: the stream must end because the gateway drains, not because time ran out.
      closed = stack.server.close(PATIENCE_MS);
      const rest: StreamEvent[] = [];
      for await (const e of stream.events) rest.push(e);
      expect(rest).toHaveLength(2);
      expect((rest[0]!.data as Result).errors?.[0]?.extensions).toMatchObject({ code: 'SHUTTING_DOWN', retryAfterSeconds: 1 });
      expect(rest[1]).toEqual({ event: 'complete', data: null });
      await closed;
    } finally {
      await (closed ?? stack.server.close(1_000));
      await stack.sim.close();
    }
  }, 120_000);
});
