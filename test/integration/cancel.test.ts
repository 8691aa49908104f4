/**
 * A caller ending an operation early (closing the connection) is its choice, not a fault: the
 * gateway logs it as an ordinary operation with outcome "cancelled", counts it apart from errors,
 * and leaves nothing behind at the upstream (an async NERD job holds the caller's text until it
 * is deleted).
 */
import { describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { PATIENCE_MS } from '../helpers/patience.js';

const ANNOTATE = 'query Annotate($text: String!) { annotateText(text: $text) { annotations { text } } }';

/** Sends annotateText and aborts it once the simulator has seen `endpoint` called `times` times. */
async function cancelAfter(stack: Stack, text: string, endpoint: string, times: number): Promise<void> {
  const controller = new AbortController();
  const answered = fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: ANNOTATE, variables: { text } }),
    signal: controller.signal,
  }).catch((error: unknown) => error);
  await expect.poll(() => stack.sim.counters.calls(endpoint), { timeout: PATIENCE_MS, interval: 10 }).toBeGreaterThanOrEqual(times);
  controller.abort();
  expect(await answered).toBeInstanceOf(Error);
}

type LogLine = { level: number; msg: string; outcome?: string; operation?: string; err?: { stack?: string } };
const parsed = (stack: Stack): LogLine[] => stack.logs.flatMap((l) => l.split('\n')).filter(Boolean).map((l) => JSON.parse(l) as LogLine);
const operationLines = (stack: Stack) => parsed(stack).filter((l) => l.msg === 'graphql operation' && l.operation === 'Annotate');

describe('a client cancel', () => {
  it('is logged as an operation with outcome "cancelled" (no error line, no stack) and counted as cancelled, not error', async () => {
    const stack = await startStack({ simulator: { latencyMs: 600 } });
    try {
      const cancels = 3;
      for (let i = 0; i < cancels; i++) await cancelAfter(stack, `Apple and Tesla, cancel ${i}.`, 'nerd.annotations-sync', i + 1);
      await expect.poll(() => operationLines(stack).length, { timeout: PATIENCE_MS }).toBe(cancels);
      const lines = parsed(stack);
      // Error level is 50 in pino; a cancel must not produce one, nor a stack trace at any level.
      expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
      expect(lines.filter((l) => l.err?.stack !== undefined)).toEqual([]);
      expect(operationLines(stack).map((l) => [l.level, l.outcome])).toEqual(Array.from({ length: cancels }, () => [30, 'cancelled']));
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      expect(metrics).toContain(`gateway_graphql_operations_total{operation="Annotate",outcome="cancelled",client="unknown",client_version="unknown"} ${cancels}`);
      expect(metrics).not.toContain('gateway_graphql_operations_total{operation="Annotate",outcome="error",');
    } finally {
      await stack.close();
    }
  });
});

describe('an async annotateText that does not end with its result', () => {
  const text = 'Apple and Goldman Sachs met in London with Tesla.';

  it('deletes its NERD job when the caller cancels while the job is pending (NERD answers 409 until it ends)', async () => {
    const stack = await startStack({ env: { NERD_ASYNC_THRESHOLD_CHARS: '10', NERD_JOB_TIMEOUT_MS: '30000' }, simulator: { nerdJobDurationMs: 1_500 } });
    try {
      await cancelAfter(stack, text, 'nerd.annotations-async.poll', 1);
      expect(stack.sim.nerd.storedJobs()).toBe(1);
      // The job ends 1.5 s after it was created; the gateway deletes it then.
      await expect.poll(() => stack.sim.nerd.storedJobs(), { timeout: PATIENCE_MS, interval: 100 }).toBe(0);
      expect(stack.sim.counters.log().filter((c) => c.endpoint === 'nerd.annotations-async.delete').at(-1)?.status).toBe(200);
    } finally {
      await stack.close();
    }
  });

  it('deletes its NERD job after the job timeout gave up on it', async () => {
    const stack = await startStack({ env: { NERD_ASYNC_THRESHOLD_CHARS: '10', NERD_JOB_TIMEOUT_MS: '1000' }, simulator: { nerdJobDurationMs: 1_500 } });
    try {
      const late = await stack.gql(ANNOTATE, { text });
      expect(late.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      await expect.poll(() => stack.sim.nerd.storedJobs(), { timeout: PATIENCE_MS, interval: 100 }).toBe(0);
    } finally {
      await stack.close();
    }
  });

  it('deletes its NERD job when a poll fails', async () => {
    const stack = await startStack({ env: { NERD_ASYNC_THRESHOLD_CHARS: '10', NERD_JOB_TIMEOUT_MS: '30000' }, simulator: { nerdJobDurationMs: 300 } });
    try {
      stack.sim.inject({ target: 'nerd.annotations-async.poll', status: 400, body: { detail: 'bad job id' } });
      const failed = await stack.gql(ANNOTATE, { text });
      expect(failed.errors?.[0]?.extensions?.code).toBeDefined();
      await expect.poll(() => stack.sim.nerd.storedJobs(), { timeout: PATIENCE_MS, interval: 100 }).toBe(0);
    } finally {
      await stack.close();
    }
  });
});
