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

  it('refuses batched requests (off by default)', async () => {
    const res = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ gateway { version } }' }, { query: '{ gateway { version } }' }]) });
    expect(res.status).toBe(400);
  });
});
