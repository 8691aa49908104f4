import { createHash } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStack, type Stack } from '../helpers/stack.js';

const KEY = 'kgw_ws-nerd-only-0123456789abcdefghij';

function connect(stack: Stack, connectionParams: Record<string, unknown>): Client {
  return createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

async function run(client: Client, query: string): Promise<{ data?: Record<string, unknown> | null; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }> {
  const iterator = client.iterate({ query });
  const first = await iterator.next();
  await iterator.return?.();
  return first.value as never;
}

describe('GraphQL over WebSocket (graphql-ws) on /graphql', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { AUTH_MODE: 'api-key', API_KEYS: JSON.stringify([{ name: 'ws-nerd', sha256: createHash('sha256').update(KEY).digest('hex'), scopes: ['kensho:app:nerd'] }]), LIMIT_MAX_DEPTH: '4' },
    });
  });
  afterAll(async () => stack.close());

  it('authenticates in connection_init and applies the same per-field authorization', async () => {
    const client = connect(stack, { 'x-api-key': KEY });
    try {
      const ok = await run(client, '{ annotateText(text: "Apple") { knowledgeBase annotations { text } } }');
      expect(ok.errors).toBeUndefined();
      expect(ok.data).toMatchObject({ annotateText: [{ knowledgeBase: 'WIKIMEDIA', annotations: [{ text: 'Apple' }] }] });
      const forbidden = await run(client, '{ skykitDevices(first: 1) { edges { node { id } } } }');
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await client.dispose();
    }
  });

  it('labels WebSocket operations by the client its connection params name, and counts their fields', async () => {
    const client = connect(stack, { 'x-api-key': KEY, 'apollographql-client-name': 'ws-app', 'apollographql-client-version': '3.1' });
    try {
      expect((await run(client, 'query WsClient { annotateText(text: "Apple") { knowledgeBase } }')).errors).toBeUndefined();
    } finally {
      await client.dispose();
    }
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="WsClient",outcome="ok",client="ws-app",client_version="3.1"\} 1\n/);
    expect(text).toMatch(/gateway_graphql_field_usage_total\{type="KnowledgeBaseAnnotations",field="knowledgeBase",client="ws-app"\} 1\n/);
  });

  it('refuses a connection without a valid key (close 4403), without echoing it', async () => {
    const client = connect(stack, { 'x-api-key': 'kgw_wrong' });
    const failure = await run(client, '{ gateway { version } }').then(
      () => undefined,
      (e: unknown) => e as { code?: number; reason?: string },
    );
    expect(failure?.code).toBe(4403);
    expect(String(failure?.reason)).not.toContain('kgw_wrong');
    await client.dispose();
  });

  it('applies the request limits to WebSocket operations', async () => {
    const client = connect(stack, { authorization: `Bearer ${KEY}` });
    try {
      const deep = await run(client, '{ skykitDevices(first: 1) { edges { node { tenant { devices(first: 1) { edges { node { id } } } } } } } }').catch((e: unknown) => ({ errors: e as ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }));
      expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    } finally {
      await client.dispose();
    }
  });
});
