import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ERROR_CODES, raisedBeforeExecution, type PublicErrorCode } from '../../src/errors.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The adapters answer every code raised before execution with its status from the error table
 * (errors.ts), taken from the pipeline, never re-derived from a body: over HTTP the status
 * itself (a GraphQL request error is 200 under the legacy application/json), over WebSocket the
 * same refusal as an `error` message. A code added to the table's `before` column without a
 * request here fails the coverage check.
 */
const KEY = 'kgw_statuses-0123456789abcdefghijklmnop';
const SPENDER = 'kgw_spender-0123456789abcdefghijklmnop';
const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const OK = '{ gateway { version } }';

/** Codes no cheap request raises here, each with the test that covers it. */
const ELSEWHERE: Partial<Record<PublicErrorCode, string>> = {
  REQUEST_TIMEOUT: 'body-timeouts.test.ts',
  AUTH_UNAVAILABLE: 'inbound-auth.test.ts',
  // They need a gateway with TRUSTED_DOCUMENTS and a manifest.
  PERSISTED_QUERY_ID_REQUIRED: 'trusted-documents.test.ts',
  PERSISTED_QUERY_NOT_IN_LIST: 'trusted-documents.test.ts',
  INTERNAL_SERVER_ERROR: 'test/unit/error-statuses.test.ts (masked refusals)',
};

type Init = { method?: string; headers?: Record<string, string>; body?: string; path?: string };

describe('statuses of refusals before execution, from the error table', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        AUTH_MODE: 'api-key',
        API_KEYS: JSON.stringify([{ name: 'statuses', sha256: sha(KEY), scopes: ['*'] }, { name: 'spender', sha256: sha(SPENDER), scopes: ['*'] }]),
        RATE_LIMIT_PER_MINUTE: '1',
        RATE_LIMIT_BURST: '1000',
        LIMIT_MAX_DEPTH: '4',
        LIMIT_MAX_ALIASES: '2',
        LIMIT_MAX_DIRECTIVES: '1',
        LIMIT_MAX_COMPLEXITY: '80',
        LIMIT_MAX_UPSTREAM_CALLS: '2',
        APQ_MAX_QUERY_BYTES: '256',
        ALLOWED_HOSTS: 'gateway.example.com',
      },
    });
  });
  afterAll(async () => stack.close());

  // node:http rather than fetch, which may not set Host.
  const send = (init: Init, accept = 'application/graphql-response+json') =>
    new Promise<{ status: number; code: string | undefined }>((resolve, reject) => {
      const url = new URL(`${stack.url}${init.path ?? '/graphql'}`);
      const req = request(url, { method: init.method ?? 'POST', headers: { 'content-type': 'application/json', accept, 'x-api-key': KEY, ...init.headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code }));
      });
      req.on('error', reject);
      req.end(init.body);
    });
  const post = (query: string, extra: Record<string, unknown> = {}): Init => ({ body: JSON.stringify({ query, ...extra }) });
  const apq = (query: string, hash = createHash('sha256').update(query).digest('hex'), version = 1): Init => ({ body: JSON.stringify({ query, extensions: { persistedQuery: { version, sha256Hash: hash } } }) });

  const requests: Partial<Record<PublicErrorCode, Init>> = {
    BAD_REQUEST: { body: '[]' },
    REQUEST_TOO_LARGE: { body: JSON.stringify({ query: OK, pad: 'x'.repeat(1_100_000) }) },
    HOST_NOT_ALLOWED: { ...post(OK), headers: { host: 'elsewhere.example.net' } },
    METHOD_NOT_ALLOWED: { method: 'PUT', ...post(OK) },
    GRAPHQL_PARSE_FAILED: post('{ gateway {'),
    GRAPHQL_VALIDATION_FAILED: post('{ nope }'),
    OPERATION_RESOLUTION_FAILURE: post('query A { gateway { version } }', { operationName: 'B' }),
    OPERATION_NOT_SUPPORTED: post('subscription { extractionUpdated(id: "x") { id } }'),
    PERSISTED_QUERY_NOT_FOUND: { body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }) },
    PERSISTED_QUERY_NOT_SUPPORTED: apq(OK, 'abc', 2),
    PERSISTED_QUERY_HASH_MISMATCH: apq(OK, 'abc'),
    PERSISTED_QUERY_TOO_LARGE: apq(`${OK} # ${'x'.repeat(300)}`),
    QUERY_TOO_DEEP: post('{ skykitDevices(first: 1) { edges { node { tenant { devices(first: 1) { edges { node { id } } } } } } } }'),
    QUERY_TOO_COMPLEX: post('{ skykitDevices(first: 100) { edges { node { id } } } }'),
    TOO_MANY_ALIASES: post('{ a: gateway { version } b: gateway { version } c: gateway { version } }'),
    TOO_MANY_DIRECTIVES: post('{ gateway @skip(if: false) { version @include(if: true) } }'),
    TOO_MANY_UPSTREAM_CALLS: post('{ annotateText(text: "A") { knowledgeBase } company(id: "1") { id } skykitDevices(first: 1) { edges { node { id } } } }'),
    BAD_USER_INPUT: post('query($t: String!) { annotateText(text: $t) { knowledgeBase } }', { variables: { t: 5 } }),
    UNAUTHENTICATED: { ...post(OK), headers: { 'x-api-key': 'kgw_not-a-key' } },
  };

  it('covers every code the table says can be raised before execution', () => {
    const covered = [...Object.keys(requests), 'RATE_LIMITED', ...Object.keys(ELSEWHERE)].sort();
    expect(covered).toEqual(Object.keys(ERROR_CODES).filter((c) => raisedBeforeExecution(c as PublicErrorCode)).sort());
  });

  it('answers each over HTTP with its status, and a request error with 200 under application/json', async () => {
    for (const [code, init] of Object.entries(requests) as Array<[PublicErrorCode, Init]>) {
      const strict = await send(init);
      expect({ code: strict.code, status: strict.status }, code).toEqual({ code, status: ERROR_CODES[code].status });
      const legacy = await send(init, 'application/json');
      expect({ code: legacy.code, status: legacy.status }, code).toEqual({ code, status: ERROR_CODES[code].before === 'request-error' ? 200 : ERROR_CODES[code].status });
    }
  });

  it('answers a GET that would mutate with 405 (a status more specific than BAD_REQUEST)', async () => {
    const r = await send({ method: 'GET', path: `/graphql?query=${encodeURIComponent('subscription { extractionUpdated(id: "x") { id } }')}`, headers: { 'apollo-require-preflight': 'true', 'content-type': 'application/json' } });
    expect(r).toEqual({ status: 405, code: 'BAD_REQUEST' });
  });

  it('answers RATE_LIMITED with its status over HTTP and as a refusal over WebSocket', async () => {
    let limited = { status: 0, code: undefined as string | undefined };
    for (let i = 0; i < 1_002 && limited.status !== 429; i++) limited = await send({ ...post(OK), headers: { 'x-api-key': SPENDER } });
    expect(limited).toEqual({ status: ERROR_CODES.RATE_LIMITED.status, code: 'RATE_LIMITED' });
    const client = createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { 'x-api-key': SPENDER }, retryAttempts: 0, lazy: true });
    try {
      const errors = await new Promise<ReadonlyArray<{ extensions?: Record<string, unknown> }>>((resolve, reject) => {
        client.subscribe({ query: OK }, { next: () => reject(new Error('answered')), error: (e) => resolve(e as never), complete: () => reject(new Error('completed')) });
      });
      expect(errors[0]?.extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });
});
