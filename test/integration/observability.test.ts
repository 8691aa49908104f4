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
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="AnnotateSome",outcome="ok"\} 2/);
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="Broken",outcome="error"\} 1/);
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

  it('writes one log line per operation with request id, name, caller, duration and upstream calls', async () => {
    stack.logs.length = 0;
    await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-obs-1' }, body: JSON.stringify({ query: 'query Two { a: annotateText(text: "Apple") { knowledgeBase } b: annotateText(text: "Tesla") { knowledgeBase } }' }) });
    const lines = stack.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'graphql operation');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: 'req-obs-1', operation: 'Two', caller: 'anonymous', upstreamCalls: 2, outcome: 'ok', durationMs: expect.any(Number) });
  });
});
