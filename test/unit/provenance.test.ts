import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, parse, type FormattedExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyProvenance, MAX_PROVENANCE_ENTRIES, provenanceEntries, startProvenance, withProvenance } from '../../src/graphql/provenance.js';
import { linkedLoader, noteSource, sourcedLoader, type SignalFor } from '../../src/upstreams/provenance-scope.js';

/**
 * Attribution through DataLoader batching, on a schema whose field names are in the pricing
 * tables (`Query.company`, `Company.status`, `Company.employees`, `Company.summary`): only such
 * fields are followed. The "upstream" is a fake that notes its sources as the clients do.
 */
const typeDefs = /* GraphQL */ `
  type Query {
    company(id: ID!): Company
  }
  type Company {
    id: ID!
    status: String
    employees: Int
    summary: String
  }
`;

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
/** Company 2's facts were cached 300 s ago; the others are fetched now. */
const CACHED_AT: Record<string, number> = { '2': NOW - 300_000 };

interface Ctx {
  readonly signal: AbortSignal;
  readonly loaders: ReturnType<typeof makeLoaders>;
  readonly provenance?: ReturnType<typeof startProvenance>;
}

/** What the fake upstream was asked: each batch's keys. */
let batches: string[][] = [];

function makeLoaders(signal: AbortSignal) {
  // /ids: one call for the whole batch, as kFinance's identification is.
  const ids = sourcedLoader<string, string>(signal, async (keys, signalFor: SignalFor) => {
    batches.push(['ids', ...keys]);
    noteSource(signalFor(), 'kfinance', 'kfinance.ids', NOW, NOW);
    return keys;
  });
  return {
    ids,
    company: sourcedLoader<string, { id: string }>(signal, async (keys, signalFor) =>
      Promise.all(keys.map(async (id, i) => ({ id: await linkedLoader(ids, signalFor(i)).load(id) }))),
    ),
    // /info: one call per company (or its cached copy), each credited to its own key.
    info: sourcedLoader<string, { status: string; employees: number }>(signal, async (keys, signalFor) => {
      batches.push(['info', ...keys]);
      return keys.map((id, i) => {
        noteSource(signalFor(i), 'kfinance', 'kfinance.info', CACHED_AT[id] ?? NOW, NOW);
        return { status: 'Operating', employees: Number(id) * 10 };
      });
    }),
  };
}

const resolvers = {
  Query: { company: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.loaders.company.load(args.id) },
  Company: {
    status: async (c: { id: string }, _a: unknown, ctx: Ctx) => (await ctx.loaders.info.load(c.id)).status,
    employees: async (c: { id: string }, _a: unknown, ctx: Ctx) => (await ctx.loaders.info.load(c.id)).employees,
    // A direct call with the field's own signal.
    summary: (c: { id: string }, _a: unknown, ctx: Ctx) => {
      noteSource(ctx.signal, 'kfinance', 'kfinance.descriptions', NOW, NOW);
      return `about ${c.id}`;
    },
  },
};

const schema = applyProvenance(makeExecutableSchema({ typeDefs, resolvers }));

async function run(query: string, provenance: boolean) {
  batches = [];
  const signal = new AbortController().signal;
  const collector = provenance ? startProvenance(signal) : undefined;
  const context: Ctx = { signal, loaders: makeLoaders(signal), ...(collector ? { provenance: collector } : {}) };
  const result = await execute({ schema, document: parse(query), contextValue: context });
  return { result, collector };
}

describe('provenance attribution with DataLoader batching', () => {
  const QUERY = `{ a: company(id: "1") { status employees summary } b: company(id: "2") { status } c: company(id: "1") { employees } }`;

  it('cites one batched call at every field it served, and each key its own copy', async () => {
    const { result, collector } = await run(QUERY, true);
    expect(result.errors).toBeUndefined();
    // One batch per loader: the fields shared the calls.
    expect(batches).toEqual([
      ['ids', '1', '2'],
      ['info', '1', '2'],
    ]);
    const { entries, truncated } = provenanceEntries(collector!);
    expect(truncated).toBe(false);
    const cited = entries.map((e) => `${e.path.join('.')} ${e.endpoint} ${e.ageSeconds}`);
    expect(cited.sort()).toEqual(
      [
        // The /ids call served both companies (and the repeated alias c, through DataLoader's cache).
        'a kfinance.ids 0',
        'b kfinance.ids 0',
        'c kfinance.ids 0',
        // /info: company 1 fetched now, company 2 from a copy 300 s old, each at its own fields.
        'a.status kfinance.info 0',
        'a.employees kfinance.info 0',
        'c.employees kfinance.info 0',
        'b.status kfinance.info 300',
        'a.summary kfinance.descriptions 0',
      ].sort(),
    );
    const b = entries.find((e) => e.path.join('.') === 'b.status')!;
    expect(b).toEqual({ path: ['b', 'status'], app: 'kfinance', endpoint: 'kfinance.info', fetchedAt: new Date(NOW - 300_000).toISOString(), ageSeconds: 300 });
  });

  it('keeps one entry per field and endpoint, at the oldest copy', async () => {
    // A field whose batch both hit a cache and called: the conservative age is the oldest.
    const signal = new AbortController().signal;
    const collector = startProvenance(signal);
    const node = collector.field(['x'])!;
    node.sources.push({ app: 'nerd', endpoint: 'nerd.annotations-sync', fetchedAtMs: NOW, ageSeconds: 0 });
    node.sources.push({ app: 'nerd', endpoint: 'nerd.annotations-sync', fetchedAtMs: NOW - 60_000, ageSeconds: 60 });
    node.sources.push({ app: 'nerd', endpoint: 'nerd.annotations-sync', fetchedAtMs: NOW, ageSeconds: 0 });
    expect(provenanceEntries(collector).entries).toEqual([{ path: ['x'], app: 'nerd', endpoint: 'nerd.annotations-sync', fetchedAt: new Date(NOW - 60_000).toISOString(), ageSeconds: 60 }]);
  });

  it('stops at MAX_PROVENANCE_ENTRIES and says so', async () => {
    const ids = Array.from({ length: MAX_PROVENANCE_ENTRIES }, (_, i) => i + 1);
    const query = `{ ${ids.map((i) => `c${i}: company(id: "${i}") { summary }`).join(' ')} }`;
    const { collector } = await run(query, true);
    const body = withProvenance<FormattedExecutionResult>({ data: {} }, collector!);
    // Each company cites /ids and its summary: twice the cap's worth of entries.
    expect(body.extensions!.provenance).toHaveLength(MAX_PROVENANCE_ENTRIES);
    expect(body.extensions!.provenanceTruncated).toBe(true);
  });

  it('without opt-in, answers the same and records nothing', async () => {
    const on = await run(QUERY, true);
    const off = await run(QUERY, false);
    expect(off.result).toEqual(on.result);
    expect(off.collector).toBeUndefined();
  });

  it('cites nothing noted after the answer was made (clean-up calls)', async () => {
    const signal = new AbortController().signal;
    const collector = startProvenance(signal);
    const node = collector.field(['late'])!;
    expect(provenanceEntries(collector).entries).toEqual([]);
    const { scopedSignal } = await import('../../src/upstreams/provenance-scope.js');
    noteSource(scopedSignal(signal, node), 'nerd', 'nerd.annotations-async.delete', NOW, NOW);
    expect(node.sources).toEqual([]);
  });
});
