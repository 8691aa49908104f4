import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStack, type Stack } from '../helpers/stack.js';
import { registerSpanRecorder } from '../helpers/tracing.js';

/**
 * A caller decides the length of its operation names (GraphQL puts no limit on a name), aliases
 * and the headers it sends. None of it may make a log line, a span attribute or a metric label
 * as long as it is: 500 KB of name once wrote a 500 KB log line.
 */

const LONG = `Op${'x'.repeat(500_000)}`;
/** Generous: an operation line holds ids, a bounded name, numbers and codes. */
const MAX_LINE = 4_096;

describe('caller strings in logs, spans and metrics are bounded', () => {
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

  const longest = (from: number) => Math.max(0, ...stack.logs.slice(from).map((l) => l.length));
  const operationLines = (from: number) => stack.logs.slice(from).map((l) => JSON.parse(l) as { msg?: string; operation?: string | null }).filter((l) => l.msg === 'graphql operation');

  it('a 500 KB operation name over HTTP: short log line, span attribute and metric label', async () => {
    const from = stack.logs.length;
    exporter.reset();
    const r = await stack.gql(`query ${LONG} { __typename }`);
    expect(r.errors).toBeUndefined();
    // Also one that names no operation of its document.
    const missing = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query Short { __typename }', operationName: LONG }) });
    expect(missing.status).toBeGreaterThanOrEqual(200);
    const lines = operationLines(from);
    expect(lines.length).toBeGreaterThan(0);
    expect({ longestLine: longest(from), operation: lines[0]!.operation?.slice(0, 10) }).toEqual({ longestLine: expect.any(Number), operation: LONG.slice(0, 10) });
    expect(longest(from)).toBeLessThan(MAX_LINE);
    const attributes = exporter.getFinishedSpans().map((s) => s.attributes);
    expect(Math.max(...attributes.flatMap((a) => Object.values(a).map((v) => String(v).length)))).toBeLessThan(MAX_LINE);
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(Math.max(...metrics.split('\n').map((l) => l.length))).toBeLessThan(MAX_LINE);
  });

  it('operation names over WebSocket, including names that match no operation, give short lines', async () => {
    const from = stack.logs.length;
    const client = createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const run = (query: string, operationName?: string) =>
        new Promise<void>((resolve) => {
          client.subscribe({ query, operationName }, { next: () => undefined, error: () => resolve(), complete: () => resolve() });
        });
      await run(`query ${LONG.slice(0, 100_000)} { __typename }`);
      for (let i = 0; i < 6; i++) await run('query Short { __typename }', `${LONG.slice(0, 100_000)}${i}`);
    } finally {
      await client.dispose();
    }
    expect(operationLines(from).length).toBe(7);
    expect(longest(from)).toBeLessThan(MAX_LINE);
  });

  it('a long Origin refused by CORS gives a short line', async () => {
    const from = stack.logs.length;
    const origin = `http://${'o'.repeat(8_000)}.example`;
    const preflight = await fetch(`${stack.url}/graphql`, { method: 'OPTIONS', headers: { origin } });
    expect(preflight.status).toBe(403);
    expect(longest(from)).toBeLessThan(MAX_LINE);
  });
});
