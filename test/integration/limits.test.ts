import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const MODERN = { accept: 'application/graphql-response+json' };

describe('request limits', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { LIMIT_MAX_DEPTH: '6', LIMIT_MAX_ALIASES: '5', LIMIT_MAX_DIRECTIVES: '3', LIMIT_MAX_COMPLEXITY: '3000' } });
  });
  afterAll(async () => stack.close());

  it('refuses a query that is too deep, before any upstream call', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql('{ skykitDevices(first: 1) { edges { node { tenant { devices(first: 1) { edges { node { id } } } } } } } }', undefined, MODERN);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', max: 6 });
    expect(stack.sim.counters.log()).toHaveLength(0);
  });

  it('refuses too many aliases and too many directives', async () => {
    const aliases = `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: gateway { version }`).join(' ')} }`;
    expect((await stack.gql(aliases, undefined, MODERN)).errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const directives = '{ gateway { version @include(if: true) @skip(if: false) upstreams @include(if: true) { app @skip(if: false) } } }';
    expect((await stack.gql(directives, undefined, MODERN)).errors?.[0]?.extensions?.code).toBe('TOO_MANY_DIRECTIVES');
  });

  it('prices connections per item and upstream fields higher, using variables', async () => {
    const q = 'query($n: Int) { skykitDevices(first: $n) { edges { node { id serialNumber timezone model } } } }';
    stack.sim.counters.reset();
    const big = await stack.gql(q, { n: 500 }, MODERN);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', max: 3000 });
    expect(stack.sim.counters.log()).toHaveLength(0);
    const small = await stack.gql(q, { n: 50 }, MODERN);
    expect(small.errors).toBeUndefined();
  });

  it('measures a chain of fragments that each spread the previous one twice in linear time, and refuses it at once', async () => {
    // 30 links: 2^30 spreads of the first fragment if each spread is walked again (the old depth walk took 8.9 s for 21).
    const links = 30;
    const fragments = [`fragment F0 on SkykitDevice { tenant { devices(first: 1) { edges { node { id } } } } }`];
    for (let i = 1; i <= links; i++) fragments.push(`fragment F${i} on SkykitDevice { ...F${i - 1} ...F${i - 1} }`);
    const query = `{ skykitDevices(first: 1) { edges { node { ...F${links} } } } } ${fragments.join(' ')}`;
    stack.sim.counters.reset();
    const started = performance.now();
    const health = (async () => {
      // The event loop stays free: /healthz answers while the operation is being measured.
      const t = performance.now();
      const res = await fetch(`${stack.url}/healthz`);
      return { status: res.status, ms: performance.now() - t };
    })();
    const r = await stack.gql(query, undefined, MODERN);
    const elapsed = performance.now() - started;
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 8, max: 6 });
    expect((await health).status).toBe(200);
    console.log(`fragment-doubling query (${query.length} bytes, ${links} links): refused in ${elapsed.toFixed(1)} ms (HTTP round trip included)`);
    expect(stack.sim.counters.log()).toHaveLength(0);
  });

  it('refuses an expensive operation however it is padded (a cost it cannot compute is a refusal, not a pass)', async () => {
    // Cost over the limit, padded to more than 10 000 nodes once fragments are expanded (2^14 `id`s):
    // the complexity library used to give up past 10 000 nodes, and the check was then skipped.
    const pads = ['fragment P0 on SkykitDevice { id }', ...Array.from({ length: 14 }, (_, i) => `fragment P${i + 1} on SkykitDevice { ...P${i} ...P${i} }`)];
    const query = `{ skykitDevices(first: 500) { edges { node { id serialNumber ...P14 } } } } ${pads.join(' ')}`;
    stack.sim.counters.reset();
    const r = await stack.gql(query, undefined, MODERN);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(stack.sim.counters.log()).toHaveLength(0);
  });

  it("lets the standard introspection query through: introspection fields count against no limit (GraphiQL's Docs, graphql-codegen)", async () => {
    const r = await stack.gql(getIntrospectionQuery(), undefined, MODERN);
    expect(r.errors).toBeUndefined();
    expect((r.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(20);
  });

  it('refuses batched requests (off by default)', async () => {
    const res = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ gateway { version } }' }, { query: '{ gateway { version } }' }]) });
    expect(res.status).toBe(400);
  });
});
