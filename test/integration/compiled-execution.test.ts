import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonical, compilable } from '../../src/graphql/compiled-execution.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * Compiled execution (graphql-jit, answering from Apollo's responseForOperation hook) answers exactly as graphql-js
 * does. Every other test runs with GRAPHQL_JIT_AFTER=1 (compiled from the first execution);
 * here the same operations run on a gateway that compiles nothing (GRAPHQL_JIT_AFTER=0) and on
 * one with the production setting (compiled from the second execution), and the answers are
 * compared byte for byte (status, data, errors, codes, paths, locations).
 */

const ANNOTATE = `query Annotate($text: String!, $kbs: [KnowledgeBase!], $withEntity: Boolean!) {
  __typename
  first: annotateText(text: $text, knowledgeBases: $kbs) { ...Annotations }
  second: annotateText(text: $text) { knowledgeBase annotations { text entity @include(if: $withEntity) { kbId label } } }
}
fragment Annotations on KnowledgeBaseAnnotations {
  __typename
  knowledgeBase
  annotations { text startIndex endIndex nerType entity { __typename kbId label type knowledgeBase wikidataId url } }
}`;

const WEB_ANNOTATE = `query AnnotateText($text: String!, $knowledgeBases: [KnowledgeBase!]) {
  annotateText(text: $text, knowledgeBases: $knowledgeBases) { knowledgeBase annotations { text startIndex endIndex entity { kbId label } } }
}`;

/** Operations and variables covering data, fragments, directives, and each kind of error. */
const CASES: ReadonlyArray<{ readonly name: string; readonly query: string; readonly variables?: Record<string, unknown> }> = [
  { name: 'fragments, aliases and @include', query: ANNOTATE, variables: { text: 'Apple works with Microsoft in Cambridge.', kbs: ['WIKIMEDIA', 'CAPIQ'], withEntity: true } },
  { name: '@include false', query: ANNOTATE, variables: { text: 'Kensho is part of S&P Global.', kbs: ['CAPIQ'], withEntity: false } },
  { name: 'an enum variable graphql-js refuses', query: ANNOTATE, variables: { text: 'Apple', kbs: ['WIKIPEDIA'], withEntity: true } },
  { name: 'a required variable missing', query: ANNOTATE, variables: { kbs: ['CAPIQ'], withEntity: true } },
  { name: 'a variable of the wrong type', query: ANNOTATE, variables: { text: 'Apple', kbs: ['CAPIQ'], withEntity: 'yes' } },
  { name: 'a resolver refusing its input (BAD_USER_INPUT)', query: '{ annotateText(text: "   ") { knowledgeBase } }' },
  { name: 'an upstream answering null, nested connections', query: '{ skykitDevice(id: "no-such-device") { id } skykitDevices(first: 2) { edges { cursor node { id serialNumber tenant { code } } } pageInfo { hasNextPage endCursor } } }' },
  { name: 'a refusal inside a list (first over its maximum)', query: '{ gateway { version upstreams { app configured } } skykitDevices(first: 501) { edges { node { id } } } }' },
  { name: 'literal arguments, lists of non-null items (the compiled subset)', query: '{ annotateText(text: "Apple works with Microsoft in Cambridge.", knowledgeBases: [WIKIMEDIA, CAPIQ]) { knowledgeBase annotations { text startIndex endIndex entity { kbId } } } }' },
  { name: 'variables as whole arguments (the web example AnnotateText)', query: WEB_ANNOTATE, variables: { text: 'Apple works with Microsoft in Cambridge.', knowledgeBases: ['WIKIMEDIA', 'CAPIQ'] } },
  { name: 'a list variable sent as a single value (graphql-js wraps it; answered by graphql-js)', query: WEB_ANNOTATE, variables: { text: 'Apple works with Microsoft.', knowledgeBases: 'CAPIQ' } },
  { name: 'a list variable left out (the argument default applies)', query: WEB_ANNOTATE, variables: { text: 'Apple works with Microsoft.' } },
  { name: 'introspection', query: '{ __type(name: "KnowledgeBase") { name kind enumValues { name } } __schema { queryType { name } } }' },
];

/** The answer without what differs per request (the request id in error extensions). */
function comparable(raw: string): unknown {
  return JSON.parse(raw, (key, value: unknown) => (key === 'requestId' ? undefined : value));
}

async function answers(stack: Stack, times: number): Promise<Array<{ name: string; status: number; body: unknown }>> {
  const out: Array<{ name: string; status: number; body: unknown }> = [];
  for (const c of CASES) {
    for (let i = 0; i < times; i++) {
      const r = await stack.gql(c.query, c.variables);
      out.push({ name: `${c.name} #${i + 1}`, status: r.status, body: comparable(r.raw) });
    }
  }
  return out;
}

/** `gateway_graphql_compilations_total{outcome}` at /metrics (0 when absent). */
async function compilations(stack: Stack, outcome: string): Promise<number> {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`gateway_graphql_compilations_total{outcome="${outcome}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

describe('compiled execution', () => {
  let interpreted: Stack;
  let compiled: Stack;
  beforeAll(async () => {
    const skykit = { skykit: true } as const;
    interpreted = await startStack({ ...skykit, env: { GRAPHQL_JIT_AFTER: '0' } });
    compiled = await startStack({ ...skykit, env: { GRAPHQL_JIT_AFTER: '2' } });
  });
  afterAll(async () => {
    await interpreted?.close();
    await compiled?.close();
  });

  it('answers every case exactly as graphql-js, before and after the query is compiled', async () => {
    const expected = await answers(interpreted, 1);
    // Three times each: the first on graphql-js, then compiled.
    const got = await answers(compiled, 3);
    for (const g of got) {
      const e = expected.find((x) => x.name === g.name.replace(/#\d+$/, '#1'))!;
      expect({ name: g.name, status: g.status, body: g.body }).toEqual({ name: g.name, status: e.status, body: e.body });
    }
    // The cases did reach data and every kind of error (a check that cannot pass vacuously).
    const codes = new Set(expected.flatMap((e) => ((e.body as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? []).map((x) => x.extensions?.code)));
    expect([...codes].sort()).toEqual(['BAD_USER_INPUT']);
    // Refused before execution (no data; with application/json the status is 200, see http.ts).
    expect(expected.filter((e) => !('data' in (e.body as object))).map((e) => e.name)).toEqual(['an enum variable graphql-js refuses #1', 'a required variable missing #1', 'a variable of the wrong type #1']);
    expect((expected[0]!.body as { data: { first: Array<{ annotations: unknown[] }> } }).data.first[0]!.annotations.length).toBeGreaterThan(0);
    // One compilation per distinct document in the subset (no variables, no directives), at its
    // second execution; the other documents stay on graphql-js; none compiled on graphql-js alone.
    const documents = [...new Set(CASES.map((c) => c.query))];
    const inSubset = documents.filter((q) => compilable(parse(q), undefined, compiled.gateway.schema)).length;
    // Everything but ANNOTATE, whose @include keeps it on graphql-js.
    expect(inSubset).toBe(documents.length - 1);
    expect(await compilations(compiled, 'compiled')).toBe(inSubset);
    expect(await compilations(compiled, 'outside_subset')).toBe(documents.length - inSubset);
    expect(await compilations(compiled, 'not_compilable')).toBe(0);
    expect(await compilations(interpreted, 'compiled')).toBe(0);
  });

  it('compiles a query at its second execution, once', async () => {
    const query = '{ gateway { version } }';
    const before = await compilations(compiled, 'compiled');
    await compiled.gql(query);
    expect(await compilations(compiled, 'compiled')).toBe(before);
    await compiled.gql(query);
    expect(await compilations(compiled, 'compiled')).toBe(before + 1);
    for (let i = 0; i < 3; i++) expect((await compiled.gql(query)).data).toEqual({ gateway: { version: expect.any(String) } });
    expect(await compilations(compiled, 'compiled')).toBe(before + 1);
  });
});

describe('compiled execution within the document cache budget', () => {
  it('leaves an operation too large for its share of DOCUMENT_CACHE_MB on graphql-js, with the same answer', async () => {
    // 1 MB budget: an entry may take 256 kB, about 250 fields counted at 1 000 bytes each.
    const stack = await startStack({ env: { DOCUMENT_CACHE_MB: '1', GRAPHQL_JIT_AFTER: '1' } });
    try {
      const small = '{ gateway { version upstreams { app configured } } }';
      // 300 fields: a fragment of 10 upstream entries spread under 30 aliases.
      const fields = Array.from({ length: 3 }, () => 'app configured credential').join(' ');
      const large = `{ ${Array.from({ length: 30 }, (_, i) => `g${i}: gateway { version upstreams { ...U } }`).join(' ')} } fragment U on UpstreamStatus { ${fields} }`;
      for (const q of [small, large, large]) expect((await stack.gql(q)).errors).toBeUndefined();
      expect(await compilations(stack, 'compiled')).toBe(1);
      expect(await compilations(stack, 'over_budget')).toBe(1);
    } finally {
      await stack.close();
    }
  });
});

describe('the shape of variables graphql-jit is given', () => {
  it('is the one both executors read alike: arrays for lists, built-in scalars of their own JSON type, enum names', async () => {
    const { buildSchema } = await import('graphql');
    const schema = buildSchema('enum E { A B } scalar JSON type Query { f(a: [E!], n: Int, s: String, j: JSON): Int }');
    const t = (name: string) => schema.getType(name) as Parameters<typeof canonical>[0];
    const { GraphQLList, GraphQLNonNull } = await import('graphql');
    const list = new GraphQLList(new GraphQLNonNull(t('E')!));
    expect(canonical(list, ['A', 'B'])).toBe(true);
    expect(canonical(list, 'A')).toBe(false);
    expect(canonical(list, null)).toBe(true);
    expect(canonical(t('E'), 'C')).toBe(false);
    expect(canonical(t('Int'), 3)).toBe(true);
    expect(canonical(t('Int'), '3')).toBe(false);
    expect(canonical(t('String'), 3)).toBe(false);
    expect(canonical(t('JSON'), { a: 1 })).toBe(false);
  });
});
