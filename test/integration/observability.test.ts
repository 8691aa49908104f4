import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';

describe('metrics and operation logs', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.close());

  it('exposes operations, upstream calls, token fetches, cache hits and token expiry at /metrics, without secrets', async () => {
    await stack.gql('query AnnotateSome { annotateText(text: "Apple and Tesla") { knowledgeBase } }');
    await stack.gql('query AnnotateSome { annotateText(text: "Nvidia") { knowledgeBase } }');
    await stack.gql('query Broken { annotateText(text: "") { knowledgeBase } }');
    stack.sim.revokeAllTokens();
    await stack.gql('query AfterRevoke { annotateText(text: "Amazon") { knowledgeBase } }');
    const res = await fetch(`${stack.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="AnnotateSome",outcome="ok",client="unknown",client_version="unknown"\} 2/);
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="Broken",outcome="error",client="unknown",client_version="unknown"\} 1/);
    expect(text).toMatch(/gateway_upstream_requests_total\{app="nerd",endpoint="nerd.annotations-sync",status="200"\} 3/);
    expect(text).toMatch(/gateway_upstream_requests_total\{app="nerd",endpoint="nerd.annotations-sync",status="401"\} 1/);
    expect(text).toMatch(/gateway_upstream_retries_total\{app="nerd",reason="401"\} 1/);
    expect(text).toMatch(/gateway_token_fetches_total\{credential="okta",outcome="ok",reason="missing"\} 2/);
    // Labels name the credential kind, never the Client ID.
    expect(text).not.toMatch(/0oa-test-/);
    expect(text).toMatch(/gateway_token_cache_total\{outcome="hit"\} \d+/);
    const expiry = /gateway_token_expiry_seconds\{credential="okta",scope="kensho:app:nerd"\} (\d+)/.exec(text);
    expect(Number(expiry?.[1])).toBeGreaterThan(3500);
    expect(text).toMatch(/gateway_process_resident_memory_bytes/);
    expect(findLeaks(text, stack.secrets)).toEqual([]);
  });

  it('bounds operation-name labels', async () => {
    await stack.gql('query Q { gateway { version } }');
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    expect(text).toMatch(/operation="anonymous"|operation="Q"/);
  });

  it('labels operations by the client the request names (Apollo or vendor-neutral headers), on /metrics and in the log line', async () => {
    stack.logs.length = 0;
    const web = { 'apollographql-client-name': 'web-app', 'apollographql-client-version': '1.2.3' };
    await stack.gql('query Clients { annotateText(text: "Apple") { knowledgeBase } }', undefined, web);
    await stack.gql('query Clients { annotateText(text: "Apple") { knowledgeBase } }', undefined, web);
    await stack.gql('query Clients { gateway { version } }', undefined, { 'graphql-client-name': 'ios', 'graphql-client-version': '7.0' });
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="Clients",outcome="ok",client="web-app",client_version="1.2.3"\} 2\n/);
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="Clients",outcome="ok",client="ios",client_version="7.0"\} 1\n/);
    expect(text).toMatch(/gateway_graphql_operation_duration_seconds_count\{operation="Clients",outcome="ok",client="web-app"\} 2\n/);
    const lines = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'graphql operation');
    expect(lines.map((l) => [l.client, l.clientVersion])).toEqual([
      ['web-app', '1.2.3'],
      ['web-app', '1.2.3'],
      ['ios', '7.0'],
    ]);
  });

  it('bounds client labels as operation names are bounded: a checked shape, a cap on distinct names and on (client, version) pairs', async () => {
    const fresh = await startStack();
    try {
      for (let i = 0; i < 40; i++) await fresh.gql('query Many { gateway { version } }', undefined, { 'apollographql-client-name': `client-${i}`, 'apollographql-client-version': '1.0' });
      for (let i = 0; i < 120; i++) await fresh.gql('query Many { gateway { version } }', undefined, { 'apollographql-client-name': 'client-0', 'apollographql-client-version': `1.${i}` });
      await fresh.gql('query Many { gateway { version } }', undefined, { 'apollographql-client-name': '<script>', 'apollographql-client-version': 'x'.repeat(500) });
      const text = await (await fetch(`${fresh.url}/metrics`)).text();
      const series = [...text.matchAll(/^gateway_graphql_operations_total\{operation="Many",outcome="ok",client="([^"]*)",client_version="([^"]*)"\} (\d+)$/gm)];
      const clients = new Set(series.map((m) => m[1]));
      // 30 names kept, the rest "other"; a name of the wrong shape "invalid".
      expect(clients.size).toBe(32);
      expect(clients).toContain('other');
      expect(clients).toContain('invalid');
      expect(series.length).toBeLessThanOrEqual(30 + 100 + 2);
      expect(series.some((m) => m[1] === 'client-0' && m[2] === 'other')).toBe(true);
      // Every operation is still counted, whatever its labels.
      expect(series.reduce((sum, m) => sum + Number(m[3]), 0)).toBe(161);
      expect(findLeaks(text, ['<script>'])).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('counts the schema fields each operation selects, by client, once per operation whatever the aliases and fragments', async () => {
    const client = { 'apollographql-client-name': 'fields-client' };
    const query = `query Fields {
      a: annotateText(text: "Apple") { ...Kb annotations { text entity { kbId } } }
      b: annotateText(text: "Tesla") { ...Kb __typename }
    }
    fragment Kb on KnowledgeBaseAnnotations { knowledgeBase }`;
    await stack.gql(query, undefined, client);
    await stack.gql(query, undefined, client);
    await stack.gql('query Other { gateway { version } }', undefined, client);
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    const usage = (type: string, field: string) => Number(new RegExp(`^gateway_graphql_field_usage_total\\{type="${type}",field="${field}",client="fields-client"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(usage('Query', 'annotateText')).toBe(2);
    expect(usage('KnowledgeBaseAnnotations', 'knowledgeBase')).toBe(2);
    expect(usage('KnowledgeBaseAnnotations', 'annotations')).toBe(2);
    expect(usage('EntityAnnotation', 'text')).toBe(2);
    expect(usage('Entity', 'kbId')).toBe(2);
    expect(usage('Query', 'gateway')).toBe(1);
    // Fields not selected are not counted; every schema field is listed as served.
    expect(usage('EntityAnnotation', 'nerScore')).toBe(0);
    expect(text).not.toMatch(/field="__typename"/);
    expect(text).toMatch(/^gateway_graphql_schema_fields\{type="EntityAnnotation",field="nerScore"\} 1$/m);
    // Only schema fields are ever labels: a refused query counts nothing.
    await stack.gql('query Bad { annotateText(text: "x") { nosuchfield } }', undefined, client);
    const after = await (await fetch(`${stack.url}/metrics`)).text();
    expect(after).not.toMatch(/nosuchfield/);
  });

  it('writes one log line per operation with request id, name, caller, duration and upstream calls', async () => {
    stack.logs.length = 0;
    await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-obs-1' }, body: JSON.stringify({ query: 'query Two { a: annotateText(text: "Apple") { knowledgeBase } b: annotateText(text: "Tesla") { knowledgeBase } }' }) });
    const lines = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'graphql operation');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: 'req-obs-1', operation: 'Two', caller: 'anonymous', upstreamCalls: 2, outcome: 'ok', durationMs: expect.any(Number) });
  });
});
