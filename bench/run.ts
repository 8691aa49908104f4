/**
 * `npm run bench`: measures the gateway against the simulator (no added latency) and prints a
 * table. Never part of the pass/fail tests: these machines are shared and noisy.
 *
 * Three processes, as deployed: the simulator (`kensho-gateway simulator`), the gateway
 * (`kensho-gateway start` pointed at it with the demo key pair) and the load generator
 * (autocannon, in this process). Figures: warm annotateText throughput and p50/p99 through the
 * gateway vs. the simulator's NERD endpoint called directly with the same text (the ratio is the
 * gateway's cost), token requests made during the run, the gateway's RSS before and after, and
 * cold start from spawning the gateway to its first successful query.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ROOT } from '../test/helpers/spawn-gateway.js';

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

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; output: () => string; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'src/bin.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 30 s:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output: () => out, match });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

async function load(name: string, opts: autocannon.Options): Promise<Row> {
  const result = await autocannon({ duration: DURATION_SECONDS, connections: CONNECTIONS, ...opts });
  return { name, requests: result.requests.total, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

async function counters(simUrl: string): Promise<{ tokenRequests: number; calls: Record<string, number> }> {
  return (await (await fetch(`${simUrl}/__sim/counters`)).json()) as { tokenRequests: number; calls: Record<string, number> };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  const sim = await start(['simulator', '--port', '0', '--data-dir', dataDir], {}, /KENSHO_NERD_ACCESS_TOKEN=(\S+)[\s\S]*Try it/);
  const env: Record<string, string> = {};
  for (const m of sim.output().matchAll(/export (\w+)=(\S+)/g)) env[m[1]!] = m[2]!;
  const simUrl = /listening on (\S+)/.exec(sim.output())![1]!;
  const accessToken = sim.match[1]!;

  const gatewayQuery = JSON.stringify({ query: `{ annotateText(text: ${JSON.stringify(TEXT)}, knowledgeBases: [WIKIMEDIA, CAPIQ]) { knowledgeBase annotations { text startIndex endIndex entity { kbId } } } }` });
  const spawnedAt = performance.now();
  const gw = await start(['start'], { ...env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0' }, /GraphQL:\s+(http:\/\/\S+)/);
  const graphqlUrl = gw.match[1]!;
  for (;;) {
    const r = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewayQuery });
    const body = (await r.json()) as { errors?: unknown };
    if (r.ok && !body.errors) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  const coldMs = performance.now() - spawnedAt;

  try {
    const direct = await load('simulator NERD directly', {
      url: `${env.KENSHO_NERD_URL}/api/v1/annotations-sync`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ text: TEXT, knowledge_bases: ['wikimedia', 'capiq'] }),
    });
    const before = await counters(simUrl);
    const rssBefore = rssMiB(gw.child.pid!);
    const gateway = await load('gateway annotateText (warm)', { url: graphqlUrl, method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewayQuery });
    const rssAfter = rssMiB(gw.child.pid!);
    const after = await counters(simUrl);

    console.log(`\nKensho Gateway benchmark — ${DURATION_SECONDS} s per row, ${CONNECTIONS} connections, node ${process.version}, 3 processes on ${(await import('node:os')).cpus().length} cores\n`);
    console.log('| target | requests | req/s | p50 ms | p99 ms | errors | non-2xx |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const r of [direct, gateway]) console.log(`| ${r.name} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
    console.log('');
    console.log(`gateway cost: direct/gateway throughput ${(direct.rps / Math.max(1, gateway.rps)).toFixed(2)}x, +${(gateway.p50 - direct.p50).toFixed(1)} ms at p50`);
    console.log(`token requests during the gateway load: ${after.tokenRequests - before.tokenRequests} (NERD calls: ${(after.calls['nerd.annotations-sync'] ?? 0) - (before.calls['nerd.annotations-sync'] ?? 0)})`);
    console.log(`gateway cold start (spawn → first successful annotateText): ${coldMs.toFixed(0)} ms`);
    console.log(`gateway RSS: ${rssBefore.toFixed(0)} MiB before the load, ${rssAfter.toFixed(0)} MiB after ${gateway.requests} requests`);
  } finally {
    gw.child.kill('SIGTERM');
    sim.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
