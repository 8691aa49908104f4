import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ERROR_CODES } from '../../src/errors.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { pdfFixture, uploadRequest } from '../helpers/upload.js';
import { earlyAnswer } from '../helpers/early-answer.js';
import { allEvents, openStream } from '../helpers/event-stream.js';
import { manualClock } from '../helpers/manual-clock.js';

type Result = { data?: unknown; errors?: Array<{ message: string; locations?: unknown; path?: unknown; extensions?: Record<string, unknown> }> };

function wsClient(stack: Stack, headers: Record<string, string> = {}): Client {
  return createClient({
    url: `${stack.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    },
    retryAttempts: 0,
    lazy: true,
    lazyCloseTimeout: 60_000,
  });
}

/** Runs one operation over WebSocket; errors graphql-ws reports as a rejection come back as `errors`. */
async function overWs(client: Client, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<Result> {
  const iterator = client.iterate({ query, variables, operationName });
  try {
    return ((await iterator.next()).value ?? {}) as Result;
  } catch (errors) {
    if (Array.isArray(errors)) return { errors } as Result;
    throw errors;
  } finally {
    await iterator.return?.();
  }
}

/** An upgrade attempt: the HTTP status the gateway refused it with, or 101. */
function upgradeStatus(stack: Stack, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', (e) => reject(e));
  });
}

const OPERATION_LINE = (logs: string[], requestId: string) =>
  logs
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.msg === 'graphql operation' && l.requestId === requestId);

describe('one pipeline for HTTP, WebSocket and SSE (production settings)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NODE_ENV: 'production', HOST: '127.0.0.1', CORS_ORIGINS: 'https://app.example.com', MAX_BODY_BYTES: '100000' } });
  });
  afterAll(async () => stack.close());

  it('produces the same log line, metrics and error shapes for the same query over HTTP, WebSocket and SSE', async () => {
    const query = 'query Both { gateway { version } annotateText(text: "Apple") { knowledgeBase } skykitDevice(id: "") { id } }';
    const http = await stack.gql<Record<string, unknown>>(query);
    const client = wsClient(stack);
    let ws: Result;
    try {
      ws = await overWs(client, query);
    } finally {
      await client.dispose();
    }
    const stream = await openStream(`${stack.url}/graphql/stream`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query }) });
    const events = await allEvents(stream);
    expect(events.map((e) => e.event)).toEqual(['next', 'complete']);
    const sse = events[0]!.data as Result;
    // Same data, same error shapes (codes, messages, paths); only the request ids differ.
    const strip = (r: Result) => ({ data: r.data, errors: r.errors?.map(({ extensions, ...rest }) => ({ ...rest, extensions: { ...extensions, requestId: typeof extensions?.requestId } })) });
    expect(http.errors?.length).toBeGreaterThan(0);
    expect(strip(ws)).toEqual(strip({ data: http.data, errors: http.errors }));
    expect(strip(sse)).toEqual(strip({ data: http.data, errors: http.errors }));
    // The same log line: fields, caller, outcome, error codes and upstream calls; only the transport differs.
    const line = (requestId: unknown, transport: string) => {
      const l = OPERATION_LINE(stack.logs, String(requestId))!;
      expect(l, `log line of ${String(requestId)}`).toBeDefined();
      const { requestId: _r, durationMs, time: _t, pid: _p, hostname: _h, transport: named, ...rest } = l;
      expect(typeof durationMs).toBe('number');
      expect(named).toBe(transport);
      return rest;
    };
    const overHttp = line(http.errors![0]!.extensions!.requestId, 'http');
    expect(line(ws.errors![0]!.extensions!.requestId, 'websocket')).toEqual(overHttp);
    expect(line(sse.errors![0]!.extensions!.requestId, 'sse')).toEqual(overHttp);
    expect(overHttp).toMatchObject({ operation: 'Both', outcome: 'error', upstreamCalls: 1, errorCodes: ['BAD_USER_INPUT'] });
    // One metrics sample each, and one per transport.
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_graphql_operations_total\{operation="Both",outcome="error",client="unknown",client_version="unknown"\} 3/);
    for (const transport of ['http', 'websocket', 'sse']) expect(metrics).toMatch(new RegExp(`gateway_graphql_transport_operations_total\\{transport="${transport}",outcome="error"\\} 1\n`));
  });

  it('refuses introspection over WebSocket where it is off, as over HTTP, and hides "Did you mean" hints on both', async () => {
    const client = wsClient(stack);
    try {
      const ws = await overWs(client, '{ __schema { types { name } } }');
      expect(ws.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await overWs(client, '{ gateway { versio } }');
      expect(typo.errors?.[0]?.message).toBe('Cannot query field "versio" on type "GatewayInfo".');
    } finally {
      await client.dispose();
    }
    const http = await stack.gql('{ __schema { types { name } } }');
    expect(http.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await stack.gql('{ gateway { versio } }');
    expect(typo.errors?.[0]?.message).toBe('Cannot query field "versio" on type "GatewayInfo".');
  });

  it('caps WebSocket messages at MAX_BODY_BYTES, connection_init included, before authentication', async () => {
    const closeCode = (payload: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
        ws.once('open', () => ws.send(payload));
        ws.once('close', (code) => resolve(code));
        ws.once('error', reject);
      });
    const big = 'x'.repeat(150_000);
    expect(await closeCode(JSON.stringify({ type: 'connection_init', payload: { pad: big } }))).toBe(1009);
    const client = wsClient(stack);
    try {
      const r = await overWs(client, `{ gateway { version } } # ${big}`).catch((e: unknown) => ({ closed: (e as { code?: number }).code }));
      expect(r).toEqual({ closed: 1009 });
    } finally {
      await client.dispose();
    }
  });

  it('accepts WebSocket upgrades only from allowed origins, the gateway itself, or non-browser clients', async () => {
    expect(await upgradeStatus(stack, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(stack, { origin: 'https://app.example.com' })).toBe(101);
    expect(await upgradeStatus(stack, { origin: stack.url })).toBe(101);
    expect(await upgradeStatus(stack, {})).toBe(101);
  });

  it('answers caller mistakes with 4xx codes, never INTERNAL_SERVER_ERROR (and logs no error for them)', async () => {
    const before = stack.logs.filter((l) => l.includes('"level":50')).length;
    const post = async (body: unknown) => {
      const res = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Result };
    };
    const mismatch = await post({ query: '{ gateway { version } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect([mismatch.status, mismatch.body.errors?.[0]?.extensions?.code]).toEqual([400, 'PERSISTED_QUERY_HASH_MISMATCH']);
    const version = await post({ query: '{ gateway { version } }', extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } });
    expect([version.status, version.body.errors?.[0]?.extensions?.code]).toEqual([400, 'PERSISTED_QUERY_NOT_SUPPORTED']);
    const subscription = await post({ query: 'subscription { extractionUpdated(id: "6f1c3a52-0d7e-4a9b-9d1e-2b7c8e9f0a11") { status } }' });
    expect([subscription.status, subscription.body.errors?.[0]?.extensions?.code]).toEqual([400, 'OPERATION_NOT_SUPPORTED']);
    // A JSON input nested 10 000 deep (built as text: JSON.stringify itself would overflow).
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const res = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"mutation($h: JSON) { updateSkykitDevice(input: {id: \\"d-1\\", hoursOfOperation: $h}) { device { id } } }","variables":{"h":${deep}}}`,
    });
    const deepBody = (await res.json()) as Result;
    expect(deepBody.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.logs.filter((l) => l.includes('"level":50')).length).toBe(before);
  });

  it('puts the request id on every refusal, transport errors included', async () => {
    const cases: Array<[string, RequestInit, number, string]> = [
      ['bad JSON', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' }, 400, 'BAD_REQUEST'],
      ['too large', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ gateway { version } } #${'x'.repeat(200_000)}` }) }, 413, 'REQUEST_TOO_LARGE'],
      ['a batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ gateway { version } }' }]) }, 400, 'BAD_REQUEST'],
      ['CSRF', { method: 'GET' }, 400, 'BAD_REQUEST'],
      ['a PUT', { method: 'PUT' }, 405, 'METHOD_NOT_ALLOWED'],
    ];
    for (const [name, init, status, code] of cases) {
      const res = await fetch(`${stack.url}/graphql${init.method === 'GET' ? '?query=%7Bgateway%7Bversion%7D%7D' : ''}`, init);
      const body = (await res.json()) as Result;
      expect([name, res.status, body.errors?.[0]?.extensions?.code]).toEqual([name, status, code]);
      expect(body.errors?.[0]?.extensions?.requestId, name).toBe(res.headers.get('x-request-id'));
    }
  });
});

describe('admission before the body', () => {
  it('refuses an unauthenticated request without reading its body', async () => {
    const key = 'kgw_pipeline-key-0123456789abcdefghijkl';
    const stack = await startStack({ env: { AUTH_MODE: 'api-key', API_KEYS: JSON.stringify([{ name: 'p', sha256: createHash('sha256').update(key).digest('hex'), scopes: ['*'] }]) } });
    try {
      // A body the gateway would refuse as too large if it read it: admission answers first,
      // while most of it has not even been sent.
      const res = await earlyAnswer(`${stack.url}/graphql`, { 'content-type': 'application/json' }, 2_000_000, '{"query": "{ gateway { version } } #xxxx');
      expect(res.status).toBe(401);
      const body = JSON.parse(res.body) as Result;
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', requestId: res.headers['x-request-id'] });
    } finally {
      await stack.close();
    }
  });
});

describe('shutdown with a long poll in flight', () => {
  it('answers the long poll with a retryable SHUTTING_DOWN instead of cutting its connection', async () => {
    // The job never finishes on this clock: only the shutdown can end the long poll.
    const clock = manualClock();
    const stack = await startStack({ clock, simulator: { extractJobDurationMs: 600_000 } });
    let closed: Promise<void> | undefined;
    try {
      const submitted = await uploadRequest<{ submitExtraction: { id: string } }>(stack.url, 'mutation($file: Upload!) { submitExtraction(file: $file) { id } }', { bytes: pdfFixture('report.pdf'), name: 'report.pdf' });
      const id = submitted.data!.submitExtraction.id;
      const poll = stack.gql<{ awaitExtraction: unknown }>('query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 50) { status } }', { id });
      // The long poll is waiting on the job: its poller has polled once and sleeps on the clock.
      await clock.sleeping();
      expect(stack.gateway.services.extractWatcher!.active).toBe(1);
      closed = stack.server.close(20_000);
      // Answered by the drain, not cut when the grace period ends (that would be a failed fetch).
      const answer = await poll;
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'SHUTTING_DOWN', retryAfterSeconds: 1 });
    } finally {
      await (closed ?? stack.server.close(1_000));
      await stack.sim.close();
    }
  });
});

describe('the error vocabulary', () => {
  it("docs/errors.md's error table lists exactly the codes in errors.ts", () => {
    const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const start = page.indexOf('# Error codes');
    expect(start).toBeGreaterThanOrEqual(0);
    const end = page.indexOf('\n## ', start + 5);
    const table = page.slice(start, end === -1 ? undefined : end);
    const documented = new Set([...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z_]+)`/g)].map((c) => c[1]!)));
    expect([...documented].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
