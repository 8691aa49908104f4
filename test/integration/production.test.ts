import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src/logger.js';
import { createFormatError } from '../../src/graphql/format-error.js';
import { startStack } from '../helpers/stack.js';

describe('production switches', () => {
  it('turns introspection and the playground off in production, unless enabled', async () => {
    const prod = await startStack({ env: { NODE_ENV: 'production' } });
    try {
      const r = await prod.gql('{ __schema { queryType { name } } }', undefined, { accept: 'application/graphql-response+json' });
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors?.[0]?.message).toMatch(/introspection/i);
      // The operator's switch, not Apollo's constructor option.
      expect(r.errors?.[0]?.message).toMatch(/ENABLE_INTROSPECTION=true/);
      expect(r.errors?.[0]?.message).not.toMatch(/ApolloServer/);
      const ws = createClient({ url: `${prod.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      try {
        const refused = await new Promise<readonly GraphQLFormattedError[]>((resolve, reject) => {
          ws.subscribe({ query: '{ __type(name: "Query") { name } }' }, { next: () => reject(new Error('answered')), error: (e) => resolve(e as readonly GraphQLFormattedError[]), complete: () => reject(new Error('completed')) });
        });
        expect(refused[0]?.message).toMatch(/ENABLE_INTROSPECTION=true/);
      } finally {
        await ws.dispose();
      }
      expect((await fetch(`${prod.url}/graphiql`)).status).toBe(404);
      // / does not redirect to the disabled playground: it lists what is served.
      const index = await fetch(`${prod.url}/`, { redirect: 'manual' });
      expect(index.status).toBe(200);
      const listed = (await index.json()) as { paths: Record<string, string> };
      expect(Object.keys(listed.paths)).toEqual(expect.arrayContaining(['/graphql', '/healthz', '/readyz']));
      expect(listed.paths['/graphiql']).toMatch(/ENABLE_PLAYGROUND/);
      const browser = await fetch(`${prod.url}/graphql`, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(browser.status).not.toBe(302);
      expect((await prod.gql('{ gateway { version } }')).errors).toBeUndefined();
    } finally {
      await prod.close();
    }
    const enabled = await startStack({ env: { NODE_ENV: 'production', ENABLE_INTROSPECTION: 'true', ENABLE_PLAYGROUND: 'true' } });
    try {
      expect((await enabled.gql('{ __schema { queryType { name } } }')).errors).toBeUndefined();
      expect((await fetch(`${enabled.url}/graphiql`)).status).toBe(200);
      const index = await fetch(`${enabled.url}/`, { redirect: 'manual' });
      expect(index.status).toBe(302);
      expect(index.headers.get('location')).toBe('/graphiql');
    } finally {
      await enabled.close();
    }
  });

  it('serves /metrics only with METRICS_TOKEN when one is set', async () => {
    const token = 'metrics-0123456789abcdef0123456789';
    const stack = await startStack({ env: { METRICS_TOKEN: token } });
    try {
      expect((await fetch(`${stack.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${stack.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(`${stack.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('gateway_graphql_operations_total');
    } finally {
      await stack.close();
    }
  });

  it('answers CORS only for allowlisted origins', async () => {
    const stack = await startStack({ env: { CORS_ORIGINS: 'https://app.example.com' } });
    try {
      const preflight = await fetch(`${stack.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
      const evil = await fetch(`${stack.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
      expect(evil.status).toBe(403);
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      // A newcomer's first CORS failure says what to change, in the answer and in the log (once).
      const why = (await evil.json()) as { error: string };
      expect(why.error).toMatch(/https:\/\/evil\.example\.com/);
      expect(why.error).toMatch(/CORS_ORIGINS/);
      await fetch(`${stack.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
      const logged = stack.logs.filter((l) => l.includes('CORS preflight refused'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/origin https:\/\/evil\.example\.com is not in CORS_ORIGINS/);
      const post = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' }, body: '{"query":"{ gateway { version } }"}' });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await stack.close();
    }
  });

  it('puts the request id into every error and echoes it as x-request-id', async () => {
    const stack = await startStack();
    try {
      const res = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'support-ticket-42' }, body: JSON.stringify({ query: '{ annotateText(text: "") { knowledgeBase } }' }) });
      expect(res.headers.get('x-request-id')).toBe('support-ticket-42');
      const body = (await res.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: 'support-ticket-42' });
    } finally {
      await stack.close();
    }
  });
});

describe('error masking', () => {
  it('masks unexpected errors: no message, no stack, a stable code', () => {
    const format = createFormatError(createLogger('silent'));
    const original = new Error('ECONNREFUSED 10.0.0.5:6379 password=hunter2');
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['x'] });
    const out = format({ message: original.message, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, wrapped);
    expect(out).toEqual({ message: 'Internal server error', locations: undefined, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
