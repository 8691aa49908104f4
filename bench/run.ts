/**
 * `npm run bench`: measures the gateway against the simulator (no added latency) and prints a
 * table. Never part of the pass/fail tests: these machines are shared and noisy.
 *
 * Figures: warm annotateText throughput and p50/p99 through the gateway vs. the simulator's
 * NERD endpoint called directly with the same text (the ratio is the gateway's cost), token
 * requests made during the run, cold start to the first successful query, RSS before/after.
 */
import autocannon from 'autocannon';
import { startStack } from '../test/helpers/stack.js';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TEXT = 'Kensho Technologies, part of S&P Global, works with Apple and Microsoft from Cambridge and New York.';

interface Row {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, opts: autocannon.Options): Promise<Row> {
  const result = await autocannon({ duration: DURATION_SECONDS, connections: CONNECTIONS, ...opts });
  return {
    name,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const coldStart = performance.now();
  const stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  const query = JSON.stringify({ query: `{ annotateText(text: ${JSON.stringify(TEXT)}, knowledgeBases: [WIKIMEDIA, CAPIQ]) { knowledgeBase annotations { text startIndex endIndex entity { kbId } } } }` });
  const first = await stack.gql('{ annotateText(text: "Apple") { knowledgeBase } }');
  if (first.errors) throw new Error(`first query failed: ${JSON.stringify(first.errors)}`);
  const coldMs = performance.now() - coldStart;

  // A token for the direct calls, obtained the way the gateway does.
  const token = await stack.gateway.services.tokens.getToken(stack.gateway.services.credentials.nerd!, 'kensho:app:nerd');
  stack.sim.counters.reset();
  const rssBefore = process.memoryUsage().rss;

  const direct = await load('simulator NERD directly', {
    url: `${stack.sim.urls.nerd}/api/v1/annotations-sync`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text: TEXT, knowledge_bases: ['wikimedia', 'capiq'] }),
  });
  const gateway = await load('gateway annotateText (warm)', {
    url: `${stack.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: query,
  });
  const rssAfter = process.memoryUsage().rss;
  const tokenRequests = stack.sim.counters.tokenRequests();
  await stack.close();

  const rows = [direct, gateway];
  console.log(`\nKensho Gateway benchmark — ${DURATION_SECONDS} s per row, ${CONNECTIONS} connections, node ${process.version}\n`);
  console.log('| target | requests | req/s | p50 ms | p99 ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  console.log('');
  console.log(`gateway cost: ${(direct.rps / Math.max(1, gateway.rps)).toFixed(2)}x the direct throughput, +${(gateway.p50 - direct.p50).toFixed(1)} ms at p50`);
  console.log(`token requests during the load: ${tokenRequests}`);
  console.log(`cold start (simulator + gateway + first query, in process): ${coldMs.toFixed(0)} ms`);
  console.log(`RSS (gateway + simulator + load generator in one process): ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, ${(rssAfter / 2 ** 20).toFixed(0)} MiB after`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
