import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@kensho-gateway/simulator';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { spawnGateway, type SpawnedGateway } from '../helpers/spawn-gateway.js';
import { makeKeyPair } from '../helpers/stack.js';

/**
 * Tracing by configuration alone: `kensho-gateway start` with OTEL_* variables exports its spans
 * over OTLP/HTTP to a receiver on loopback, continues a caller's W3C trace, and hands the trace
 * on to the upstreams TRACEPARENT_UPSTREAMS names (checked where the calls arrive: the simulator).
 */
async function startTracedGateway(sim: Simulator, receiver: OtlpReceiver, otel: Record<string, string>): Promise<SpawnedGateway> {
  const { pem, publicKey } = makeKeyPair();
  const clientId = `0oa-otel-${randomBytes(4).toString('hex')}`;
  sim.registerClient({ clientId, publicKey, scopes: ['kensho:app:nerd', 'kensho:app:link'] });
  // Started as `npm start` starts it (tsx): on a busy machine the banner may take a while.
  return spawnGateway(['start'], {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    NERD_CACHE_TTL_SECONDS: '0',
    GRAPHQL_JIT_AFTER: '1',
    KENSHO_CLIENT_ID: clientId,
    KENSHO_PRIVATE_KEY: pem,
    KENSHO_TOKEN_URL: sim.urls.tokenUrl,
    KENSHO_NERD_URL: sim.urls.nerd,
    KENSHO_EXTRACT_URL: sim.urls.extract,
    KENSHO_SCRIBE_URL: sim.urls.scribe,
    KENSHO_KFINANCE_URL: sim.urls.kfinance,
    KENSHO_LINK_URL: sim.urls.link,
    SKYKIT_URL: sim.urls.skykit,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    // Exported as they end, not after the SDK's default 5 s.
    OTEL_BSP_SCHEDULE_DELAY: '50',
    ...otel,
  });
}

async function post(gateway: SpawnedGateway, query: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const named = (spans: readonly ReceivedSpan[], traceId: string, name: string) => spans.filter((s) => s.traceId === traceId && s.name === name);

describe('OpenTelemetry by configuration (OTLP/HTTP JSON)', () => {
  let sim: Simulator;
  let receiver: OtlpReceiver;
  let gateway: SpawnedGateway;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    receiver = await startOtlpReceiver();
    gateway = await startTracedGateway(sim, receiver, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'gateway-under-test', TRACEPARENT_UPSTREAMS: 'nerd' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await receiver?.close();
    await sim?.close();
  });

  it("continues the caller's trace: the operation, the token fetch and the upstream call in it, and the upstream gets the trace", async () => {
    const traceId = hex(16);
    const callerSpan = hex(8);
    sim.counters.reset();
    await post(gateway, 'query Traced { annotateText(text: "Apple") { knowledgeBase } }', { traceparent: `00-${traceId}-${callerSpan}-01` });
    await receiver.until((spans) => named(spans, traceId, 'graphql.operation').length === 1 && named(spans, traceId, 'upstream nerd.annotations-sync').length === 1);
    const [op] = named(receiver.spans, traceId, 'graphql.operation');
    const [token] = named(receiver.spans, traceId, 'token.fetch');
    const [upstream] = named(receiver.spans, traceId, 'upstream nerd.annotations-sync');
    // The operation span is the child of the caller's span; the rest hang below it.
    expect(op!.parentSpanId).toBe(callerSpan);
    expect(op!.attributes).toMatchObject({ 'graphql.operation.name': 'Traced', 'gateway.outcome': 'ok', 'gateway.upstream_calls': 1 });
    expect(op!.serviceName).toBe('gateway-under-test');
    expect(token!.attributes).toMatchObject({ 'gateway.scope': 'kensho:app:nerd' });
    expect(token!.parentSpanId).toBe(op!.spanId);
    expect(upstream!.parentSpanId).toBe(op!.spanId);
    expect(upstream!.attributes).toMatchObject({ 'gateway.upstream': 'nerd', 'http.response.status_code': 200 });
    // NERD received the trace, as a child of the upstream call's span, sampled as the caller asked.
    const calls = sim.counters.log().filter((c) => c.endpoint === 'nerd.annotations-sync');
    expect(calls.map((c) => c.traceparent)).toEqual([`00-${traceId}-${upstream!.spanId}-01`]);
    // Nothing of the token or the key leaves in a span.
    expect(JSON.stringify(receiver.spans)).not.toMatch(/eyJ|PRIVATE KEY/);
  });

  it('starts a trace of its own without a caller trace; an app left out of TRACEPARENT_UPSTREAMS gets no traceparent', async () => {
    const before = new Set(receiver.spans.map((s) => s.traceId));
    sim.counters.reset();
    await post(gateway, 'query Both { annotateText(text: "Tesla") { knowledgeBase } linkCompanies(records: [{uid: "1", name: "Apple"}]) { uid } }');
    const fresh = () => receiver.spans.filter((s) => !before.has(s.traceId));
    await receiver.until(() => fresh().some((s) => s.name === 'graphql.operation') && fresh().some((s) => s.name.startsWith('upstream link.')));
    const op = fresh().find((s) => s.name === 'graphql.operation')!;
    expect(op.parentSpanId).toBe('');
    const upstreams = fresh().filter((s) => s.name.startsWith('upstream '));
    expect(upstreams.map((s) => s.attributes['gateway.upstream']).sort()).toEqual(['link', 'nerd']);
    for (const span of upstreams) expect([span.traceId, span.parentSpanId]).toEqual([op.traceId, op.spanId]);
    const log = sim.counters.log();
    const nerd = log.filter((c) => c.endpoint.startsWith('nerd.'));
    const link = log.filter((c) => c.endpoint.startsWith('link.'));
    expect(nerd.length).toBeGreaterThan(0);
    expect(link.length).toBeGreaterThan(0);
    for (const call of nerd) expect(call.traceparent).toMatch(new RegExp(`^00-${op.traceId}-[0-9a-f]{16}-01$`));
    for (const call of link) expect(call.traceparent).toBeUndefined();
  });
});

describe('OpenTelemetry by configuration (OTLP/HTTP protobuf, the default protocol)', () => {
  it('exports protobuf to OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, and flushes on shutdown', async () => {
    const sim = await startSimulator({ port: 0 });
    const receiver = await startOtlpReceiver();
    // The SDK's default delay (5 s) is kept: the spans arrive because shutdown exports them.
    const gateway = await startTracedGateway(sim, receiver, { OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`, OTEL_BSP_SCHEDULE_DELAY: '5000' });
    try {
      const traceId = hex(16);
      await post(gateway, 'query Proto { annotateText(text: "Nvidia") { knowledgeBase } }', { traceparent: `00-${traceId}-${hex(8)}-01` });
      expect(await gateway.stop()).toBe(0);
      const [op] = named(receiver.spans, traceId, 'graphql.operation');
      expect(op?.attributes['graphql.operation.name']).toBe('Proto');
      expect(op?.serviceName).toBe('kensho-gateway');
      expect(named(receiver.spans, traceId, 'upstream nerd.annotations-sync')[0]?.parentSpanId).toBe(op?.spanId);
      expect(receiver.contentTypes.every((t) => t === 'application/x-protobuf')).toBe(true);
    } finally {
      await gateway.stop();
      await receiver.close();
      await sim.close();
    }
  });
});
