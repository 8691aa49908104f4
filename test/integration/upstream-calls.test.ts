/**
 * The amplifications and divergences found by measurement, as named regressions: each counts the
 * calls the simulator received, or compares with what graphql-js does.
 */
import { parse, type OperationDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { upstreamCallBound } from '../../src/graphql/limits.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:link', 'kensho:app:kfinance'] });
});

afterAll(async () => {
  await stack?.close();
});

const calls = (prefix: string) => stack.sim.counters.log().filter((c) => c.endpoint.startsWith(prefix)).length;

describe('the cost model prices what executes', () => {
  it('nested Skykit connections with first: null are priced at the default page of 20 and refused before any call (421 Skykit calls before)', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql(`{ skykitDevices(first: null) { edges { node { tenant { devices(first: null) { edges { node { tenant { devices(first: null) { edges { node { serialNumber } } } } } } } } } } } }`);
    // Both limits see the 20-item pages now; either refuses before anything is sent.
    expect(['TOO_MANY_UPSTREAM_CALLS', 'QUERY_TOO_COMPLEX']).toContain(r.errors?.[0]?.extensions?.code);
    expect(r.data ?? null).toBeNull();
    expect(calls('skykit')).toBe(0);
  });

  it('an omitted first variable is priced like the resolver reads it (the default page), not as one item', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql(`query($n: Int) { skykitDevices(first: $n) { edges { node { tenant { devices(first: $n) { edges { node { tenant { devices(first: $n) { edges { node { serialNumber } } } } } } } } } } } }`, {});
    expect(['TOO_MANY_UPSTREAM_CALLS', 'QUERY_TOO_COMPLEX']).toContain(r.errors?.[0]?.extensions?.code);
    expect(calls('skykit')).toBe(0);
  });

  it('LINK_MAX_RECORDS holds per request across aliases (30 aliases made 300 Link calls before)', async () => {
    stack.sim.counters.reset();
    const records = Array.from({ length: 600 }, (_, i) => ({ uid: `r${i}`, name: `Company ${i}` }));
    const r = await stack.gql(`query($r: [CompanyRecordInput!]!) { a: linkCompanies(records: $r) { uid } b: linkCompanies(records: $r) { uid } }`, { r: records });
    const refused = r.errors?.filter((e) => e.extensions?.code === 'BAD_USER_INPUT') ?? [];
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message).toMatch(/per request/);
    // One alias's 600 records: 6 calls of 100.
    expect(calls('link')).toBeLessThanOrEqual(6);
  });

  it('30 aliases of 500 identifiers are refused before any call (150 /ids calls before)', async () => {
    stack.sim.counters.reset();
    const ids = Array.from({ length: 500 }, (_, i) => `C_${1000 + i}`);
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: resolveCompanies(identifiers: $ids) { input }`).join(' ');
    const r = await stack.gql(`query($ids: [String!]!) { ${aliases} }`, { ids });
    expect(r.errors?.[0]?.extensions?.code).toBe('TOO_MANY_UPSTREAM_CALLS');
    expect(calls('kfinance')).toBe(0);
  });
});

describe('caller mistakes in variables are BAD_USER_INPUT, as graphql-js refuses them', () => {
  it('a null variable inside a list of non-null knowledge bases reaches no resolver and no NERD call', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql(`query($kb: KnowledgeBase = WIKIMEDIA) { annotateText(text: "Apple is in Cupertino", knowledgeBases: [$kb]) { knowledgeBase } }`, { kb: null });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(/^Argument "knowledgeBases" has invalid value/);
    expect(calls('nerd')).toBe(0);
  });

  it('an input object sent as a list is refused before the resolver runs', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql(`mutation($in: UpdateSkykitDeviceInput!) { updateSkykitDevice(input: $in) { device { serialNumber } } }`, { in: [] });
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(calls('skykit')).toBe(0);
  });

  it('an input-object field whose variable is not sent stays absent: the device keeps its opening hours', async () => {
    const serial = stack.sim.skykit.devices()[0]!.serialNumber;
    const before = await stack.gql<{ skykitDevice: { hoursOfOperation: unknown } }>(`{ skykitDevice(serialNumber: "${serial}") { hoursOfOperation } }`);
    const r = await stack.gql(`mutation($tz: String, $h: JSON) { updateSkykitDevice(input: {serialNumber: "${serial}", timezone: $tz, hoursOfOperation: $h}) { device { timezone } } }`, { tz: 'Europe/Zurich' });
    expect(r.errors).toBeUndefined();
    const after = await stack.gql<{ skykitDevice: { hoursOfOperation: unknown } }>(`{ skykitDevice(serialNumber: "${serial}") { hoursOfOperation } }`);
    expect(after.data?.skykitDevice.hoursOfOperation).toEqual(before.data?.skykitDevice.hoursOfOperation);
  });

  it('a fragment spread twice, once skipped, still selects its field', async () => {
    const r = await stack.gql(`{ gateway { ...F @skip(if: true) ...F } } fragment F on GatewayInfo { version }`);
    expect(r.data).toEqual({ gateway: { version: expect.any(String) } });
  });
});

describe('divergences the operation fuzzer found (seed 19), kept as named cases', () => {
  it('over WebSocket, variables graphql-js refuses answer BAD_USER_INPUT with its message, as over HTTP (INTERNAL_SERVER_ERROR before)', async () => {
    const client = createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      const query = 'query($v0: String!) { annotateText(text: $v0) { knowledgeBase } }';
      const overWs = await new Promise<{ errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>((resolve) => {
        client.subscribe({ query, variables: { v0: null } }, { next: (v) => resolve(v as never), error: (e) => resolve({ errors: Array.isArray(e) ? e : [{ message: String(e) }] }), complete: () => undefined });
      });
      const overHttp = await stack.gql(query, { v0: null });
      expect(overWs.errors?.[0]?.message).toBe('Variable "$v0" of non-null type "String!" must not be null.');
      expect(overWs.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(overHttp.errors?.[0]?.message).toBe(overWs.errors?.[0]?.message);
      expect(overHttp.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.dispose();
    }
  });

  it('a merger read is priced with the account permissions read kFinance makes before it (2 calls, priced 1 before)', async () => {
    const query = '{ merger(transactionId: "24937") { timeline { date } } }';
    // A fresh process: nothing cached yet, so the permissions read happens.
    const fresh = await startStack({ clientScopes: ['kensho:app:kfinance'] });
    try {
      fresh.sim.counters.reset();
      await fresh.gql(query);
      const calls = fresh.sim.counters.log().filter((c) => c.endpoint.startsWith('kfinance')).length;
      const document = parse(query);
      const bound = upstreamCallBound(fresh.gateway.schema, document, document.definitions[0] as OperationDefinitionNode, {}, fresh.gateway.config);
      expect(calls).toBe(2);
      expect(bound).toEqual({ calls: 2, open: false });
    } finally {
      await fresh.close();
    }
  });
});
