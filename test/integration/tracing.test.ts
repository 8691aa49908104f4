import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { registerSpanRecorder } from '../helpers/tracing.js';

describe('OpenTelemetry spans (with an SDK registered, as an operator would)', () => {
  let spans: ReturnType<typeof registerSpanRecorder>;
  let exporter: ReturnType<typeof registerSpanRecorder>['exporter'];
  let stack: Stack;
  beforeAll(async () => {
    spans = registerSpanRecorder();
    exporter = spans.exporter;
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
    spans.stop();
  });

  it('traces the operation, the token fetch and the upstream call as one tree, without secrets', async () => {
    await stack.gql('query Traced { annotateText(text: "Apple") { knowledgeBase } }');
    const spans = exporter.getFinishedSpans();
    const op = spans.find((s) => s.name === 'graphql.operation')!;
    const token = spans.find((s) => s.name === 'token.fetch')!;
    const upstream = spans.find((s) => s.name === 'upstream nerd.annotations-sync')!;
    expect(op.attributes).toMatchObject({ 'graphql.operation.name': 'Traced', 'gateway.outcome': 'ok', 'gateway.upstream_calls': 1 });
    expect(token.attributes).toMatchObject({ 'gateway.credential': 'key-pair', 'gateway.scope': 'kensho:app:nerd' });
    expect(upstream.attributes).toMatchObject({ 'gateway.upstream': 'nerd', 'http.response.status_code': 200 });
    for (const child of [token, upstream]) expect(child.spanContext().traceId).toBe(op.spanContext().traceId);
    expect(upstream.parentSpanContext?.spanId).toBe(op.spanContext().spanId);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toMatch(/eyJ/);
  });
});
