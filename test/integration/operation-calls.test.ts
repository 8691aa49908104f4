import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * Every upstream call an operation makes is counted on its log line: calls made through its
 * DataLoaders, Skykit calls (which its client leaving does not abort) and the clean-up of a NERD
 * job (best effort, not aborted either).
 */
describe('upstream calls on the operation log line', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { NERD_ASYNC_THRESHOLD_CHARS: '10', NERD_CACHE_TTL_SECONDS: '0' } });
  });
  afterAll(async () => stack.close());

  const lineOf = (name: string) =>
    stack.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'graphql operation' && l.operation === name);

  it('counts the job create, its polls and its deletion for an async NERD annotation', async () => {
    const r = await stack.gql('query LongText { annotateText(text: "Apple and Microsoft met in Cupertino.") { knowledgeBase } }');
    expect(r.errors).toBeUndefined();
    const [line] = lineOf('LongText');
    // create + at least one poll + delete
    expect(line!.upstreamCalls).toBeGreaterThanOrEqual(3);
  });

  it('counts Skykit calls', async () => {
    const r = await stack.gql('query Tenants { skykitTenants(first: 1) { edges { node { code } } } }');
    expect(r.errors).toBeUndefined();
    const [line] = lineOf('Tenants');
    expect(line!.upstreamCalls).toBeGreaterThanOrEqual(1);
  });

  it('makes 24 upstream calls in one operation without a listener pile-up on its signal (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      // Distinct short texts: 24 synchronous NERD calls at once, all on the operation's signal.
      const fields = Array.from({ length: 24 }, (_, i) => `a${i}: annotateText(text: "Apple ${i}") { knowledgeBase }`).join(' ');
      stack.sim.counters.reset();
      const r = await stack.gql(`query Many { ${fields} }`);
      expect(r.errors).toBeUndefined();
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(24);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });
});
