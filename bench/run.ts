/**
 * `npm run bench`: measures the gateway against the simulator (no added latency) and prints a
 * table. Never part of the pass/fail tests: these machines are shared and noisy.
 *
 * Three processes, as deployed: the simulator (`kensho-gateway simulator`), the gateway
 * (`kensho-gateway start` pointed at it with the demo key pair) and the load generator
 * (autocannon, in this process). Figures: warm annotateText throughput and p50/p99 through the
 * gateway vs. the simulator's NERD endpoint called directly with the same text (the ratio is the
 * gateway's cost), the same spread over 3 replicas sharing Redis, the gateway processes' CPU per
 * request in both gateway rows (utime + stime from /proc), token requests made (cold start of the
 * replicas, and under warm load: any there fails the run), the gateway's RSS after the first
 * tenth of BENCH_LEAK_REQUESTS (10k) and after all of them (100k) with their ratio (leak check),
 * and cold start from spawning the gateway to its first successful query. The NERD result cache
 * is off so every request really crosses the gateway to the upstream.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ROOT } from '../test/helpers/spawn-gateway.js';
import { SERVER_NODE, SERVER_NODE_VERSION, build, comparePeers, cpuSeconds } from './compare.js';
import { REDIS_SERVER, startRedis } from '../test/helpers/redis.js';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const LEAK_REQUESTS = Number(process.env.BENCH_LEAK_REQUESTS ?? 100_000);
const UPLOAD_MB = Number(process.env.BENCH_UPLOAD_MB ?? 50);
const TEXT = 'Kensho Technologies, part of S&P Global, works with Apple and Microsoft from Cambridge and New York.';
/** Goal of the leak check: RSS after all of BENCH_LEAK_REQUESTS at most this times RSS after the first tenth. */
const LEAK_RSS_GOAL = 1.2;

interface Row {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU (utime + stime) of the gateway process(es) during the row, per request answered. */
  cpuUs?: number;
}

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; output: () => string; match: RegExpExecArray }> {
  // Gateways compiled, as deployed (and as the side-by-side comparison runs them), on BENCH_NODE
  // if given; the simulator from source, as the comparison starts it.
  const entry = args[0] === 'simulator' ? ['--import', 'tsx', 'src/bin.ts'] : ['dist/bin.js'];
  const child = spawn(SERVER_NODE, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), ...entry, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** The same load spread evenly over several gateways at once (one generator each). */
async function loadSpread(name: string, urls: string[], opts: Omit<autocannon.Options, 'url'>): Promise<Row> {
  const per = Math.max(1, Math.round(CONNECTIONS / urls.length));
  const results = await Promise.all(urls.map((url) => autocannon({ duration: DURATION_SECONDS, connections: per, ...opts, url })));
  return {
    name,
    requests: results.reduce((n, r) => n + r.requests.total, 0),
    rps: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
    // Percentiles cannot be merged exactly; the worst replica's are shown.
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
  };
}

/** Runs a timed row and adds the CPU the `pids` (summed) spent during it, per request answered. */
async function withCpu(pids: number[], row: () => Promise<Row>): Promise<Row> {
  const cpu = () => pids.reduce((s, pid) => s + cpuSeconds(pid), 0);
  const before = cpu();
  const r = await row();
  return { ...r, cpuUs: ((cpu() - before) / Math.max(1, r.requests)) * 1e6 };
}

async function counters(simUrl: string): Promise<{ tokenRequests: number; calls: Record<string, number> }> {
  return (await (await fetch(`${simUrl}/__sim/counters`)).json()) as { tokenRequests: number; calls: Record<string, number> };
}

/** A real PDF of about `bytes`: one page of text plus an unreferenced, uncompressed stream of random bytes. */
async function bigPdf(path: string, bytes: number): Promise<void> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  page.drawText('Kensho Gateway upload benchmark', { x: 72, y: 700, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.context.register(doc.context.stream(randomBytes(bytes)));
  writeFileSync(path, await doc.save({ useObjectStreams: false }));
}

const SUBMIT = 'mutation($file: Upload!) { submitExtraction(file: $file) { id status } }';

/**
 * Uploads `file` through the gateway as a multipart client does, sampling the gateway's RSS
 * every 10 ms: the peak minus the idle RSS is what holding the upload costs (streamed: a few
 * MiB; buffered: at least the file's size).
 */
async function uploadMemory(graphqlUrl: string, pid: number, file: string): Promise<{ idle: number; peak: number; ms: number; ok: boolean }> {
  // One small upload first, so the figure is the big file's cost, not a fresh process warming up.
  await upload(graphqlUrl, join(ROOT, 'test/fixtures/pdf/report.pdf'));
  const idle = rssMiB(pid);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 10);
  const started = performance.now();
  try {
    const r = await upload(graphqlUrl, file);
    return { idle, peak, ms: performance.now() - started, ok: !r.errors && r.data !== undefined };
  } finally {
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB(pid));
  }
}

/** submitExtraction with `file` streamed from disk, as a multipart client sends it. */
async function upload(graphqlUrl: string, file: string): Promise<{ data?: { submitExtraction: { id: string } }; errors?: unknown }> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: SUBMIT, variables: { file: null } }));
  form.append('map', JSON.stringify({ 1: ['variables.file'] }));
  form.append('1', await openAsBlob(file, { type: 'application/pdf' }), file.split('/').pop());
  const r = await fetch(graphqlUrl, { method: 'POST', body: form, headers: { 'apollo-require-preflight': 'true' } });
  return (await r.json()) as { data?: { submitExtraction: { id: string } }; errors?: unknown };
}

/** Submits a 200-paragraph PDF, waits for it, then asks entities for every node: NERD calls made. */
async function entitiesCalls(graphqlUrl: string, simUrl: string): Promise<{ nodes: number; nerdCalls: number; extractCalls: number; ms: number }> {
  const submitted = await upload(graphqlUrl, join(ROOT, 'test/fixtures/pdf/many-paragraphs.pdf'));
  const id = submitted.data!.submitExtraction.id;
  const gql = async (query: string) =>
    (await (await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { id } }) })).json()) as {
      data: { extraction: { document: { nodes: unknown[] } } };
      errors?: unknown;
    };
  await gql('query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 30) { status } }');
  const before = await counters(simUrl);
  const started = performance.now();
  const r = await gql('query($id: ID!) { extraction(id: $id) { document { nodes(types: [TEXT]) { entities(knowledgeBases: [WIKIMEDIA, CAPIQ]) { annotations { text } } } } } }');
  const ms = performance.now() - started;
  if (r.errors) throw new Error(`entities query failed: ${JSON.stringify(r.errors)}`);
  const after = await counters(simUrl);
  const diff = (prefix: string) => Object.entries(after.calls).filter(([k]) => k.startsWith(prefix) && !k.endsWith('.refresh')).reduce((n, [k, v]) => n + v - (before.calls[k] ?? 0), 0);
  return { nodes: r.data.extraction.document.nodes.length, nerdCalls: diff('nerd.'), extractCalls: diff('extract.'), ms };
}

async function main(): Promise<void> {
  // First, alone on the machine: CPU per request side by side with hand-written servers.
  if (process.env.BENCH_PEERS !== '0') await comparePeers();
  if (process.env.BENCH_ONLY_PEERS === '1') return;
  // The processes below run compiled (dist/bin.js); the comparison above built it too.
  if (process.env.BENCH_PEERS === '0') build(ROOT);
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  const sim = await start(['simulator', '--port', '0', '--data-dir', dataDir], {}, /KENSHO_NERD_ACCESS_TOKEN=(\S+)[\s\S]*Try it/);
  const env: Record<string, string> = {};
  for (const m of sim.output().matchAll(/export (\w+)=(\S+)/g)) env[m[1]!] = m[2]!;
  const simUrl = /listening on (\S+)/.exec(sim.output())![1]!;
  const accessToken = sim.match[1]!;

  const gatewayQuery = JSON.stringify({ query: `{ annotateText(text: ${JSON.stringify(TEXT)}, knowledgeBases: [WIKIMEDIA, CAPIQ]) { knowledgeBase annotations { text startIndex endIndex entity { kbId } } } }` });
  const spawnedAt = performance.now();
  const gw = await start(['start'], { ...env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', NERD_CACHE_TTL_SECONDS: '0' }, /GraphQL:\s+(http:\/\/\S+)/);
  const graphqlUrl = gw.match[1]!;
  for (;;) {
    const r = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewayQuery });
    const body = (await r.json()) as { errors?: unknown };
    if (r.ok && !body.errors) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  const coldMs = performance.now() - spawnedAt;

  const stopAll: Array<() => void> = [() => gw.child.kill('SIGTERM'), () => sim.child.kill('SIGTERM')];
  try {
    const direct = await load('simulator NERD directly', {
      url: `${env.KENSHO_NERD_URL}/api/v1/annotations-sync`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ text: TEXT, knowledge_bases: ['wikimedia', 'capiq'] }),
    });
    const before = await counters(simUrl);
    const gateway = await withCpu([gw.child.pid!], () => load('gateway annotateText (warm, 1 replica)', { url: graphqlUrl, method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewayQuery }));
    const after = await counters(simUrl);
    const rows = [direct, gateway];
    const gatewayTokens = after.tokenRequests - before.tokenRequests;
    /** Broken expectations: printed with the figures, then the run exits non-zero. */
    const failures: string[] = [];
    if (gatewayTokens > 0) failures.push(`the warm 1-replica load made ${gatewayTokens} token request(s); a warm gateway must make none`);

    let replicas3: { row: Row; coldTokens: number; loadTokens: number } | undefined;
    if (REDIS_SERVER) {
      const redis = await startRedis();
      stopAll.push(() => void redis.stop());
      const replicaEnv = { ...env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', NERD_CACHE_TTL_SECONDS: '0', CACHE_URL: redis.url, CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
      const replicas = await Promise.all([0, 1, 2].map(() => start(['start'], replicaEnv, /GraphQL:\s+(http:\/\/\S+)/)));
      for (const r of replicas) stopAll.push(() => r.child.kill('SIGTERM'));
      const urls = replicas.map((r) => r.match[1]!);
      // Warm each replica once (the first cold start shares one token through Redis): token
      // requests up to here are the cold start's, any during the load a warm replica's.
      await Promise.all(
        urls.map(async (u) => {
          const r = await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewayQuery });
          const body = (await r.json()) as { errors?: unknown };
          if (!r.ok || body.errors) throw new Error(`replica ${u} failed its warm-up query (HTTP ${r.status}): ${JSON.stringify(body).slice(0, 300)}`);
        }),
      );
      const warm = await counters(simUrl);
      const row = await withCpu(
        replicas.map((r) => r.child.pid!),
        () => loadSpread('gateway annotateText (3 replicas, Redis)', urls, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewayQuery }),
      );
      const loaded = await counters(simUrl);
      rows.push(row);
      replicas3 = { row, coldTokens: warm.tokenRequests - after.tokenRequests, loadTokens: loaded.tokenRequests - warm.tokenRequests };
      if (replicas3.loadTokens > 0) failures.push(`the 3 warm replicas made ${replicas3.loadTokens} token request(s) under load; warm replicas must make none`);
    }

    // Leak check: RSS after the first tenth (10k) and after all (100k) of BENCH_LEAK_REQUESTS. A
    // heap settling into its working set has reached it by the first point; a leak keeps climbing.
    // Every answer is checked (transport errors, timeouts and non-2xx statuses count as failed).
    let leakRequests = 0;
    let leakFailures = 0;
    const leakLoad = async (amount: number): Promise<number> => {
      const part = await autocannon({ url: graphqlUrl, method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewayQuery, connections: CONNECTIONS, amount });
      leakRequests += part.requests.total;
      leakFailures += part.errors + part.timeouts + part.non2xx;
      return rssMiB(gw.child.pid!);
    };
    const rssStart = rssMiB(gw.child.pid!);
    const tenth = Math.round(LEAK_REQUESTS / 10);
    const rssTenth = await leakLoad(tenth);
    const requestsTenth = leakRequests;
    const rssAll = await leakLoad(LEAK_REQUESTS - tenth);
    const rssRatio = rssAll / rssTenth;

    // Uploads: 50 MB through the default gateway (above EXTRACT_UPLOAD_URL_THRESHOLD_BYTES, so the
    // pre-signed flow) and through one that sends every file directly.
    const pdf = join(dataDir, 'big.pdf');
    await bigPdf(pdf, UPLOAD_MB * 1024 * 1024);
    const presigned = await uploadMemory(graphqlUrl, gw.child.pid!, pdf);
    const directGw = await start(['start'], { ...env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', EXTRACT_UPLOAD_URL_THRESHOLD_BYTES: String(1024 * 1024 * 1024) }, /GraphQL:\s+(http:\/\/\S+)/);
    stopAll.push(() => directGw.child.kill('SIGTERM'));
    const directUpload = await uploadMemory(directGw.match[1]!, directGw.child.pid!, pdf);
    const entities = await entitiesCalls(graphqlUrl, simUrl);

    console.log(`\nKensho Gateway benchmark — ${DURATION_SECONDS} s per row, ${CONNECTIONS} connections, gateways on node ${SERVER_NODE_VERSION}, ${(await import('node:os')).cpus().length} cores shared by every process\n`);
    console.log('| target | requests | req/s | p50 ms | p99 ms | errors | non-2xx | gateway CPU µs/request |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.name} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.cpuUs === undefined ? '—' : r.cpuUs.toFixed(0)} |`);
    console.log('');
    console.log(`gateway cost: direct/gateway throughput ${(direct.rps / Math.max(1, gateway.rps)).toFixed(2)}x, +${(gateway.p50 - direct.p50).toFixed(1)} ms at p50`);
    console.log(`token requests during the 1-replica load: ${gatewayTokens} (NERD calls: ${(after.calls['nerd.annotations-sync'] ?? 0) - (before.calls['nerd.annotations-sync'] ?? 0)})`);
    if (replicas3) {
      console.log(`CPU per request (utime + stime from /proc, per request answered): 3 replicas ${replicas3.row.cpuUs!.toFixed(0)} µs (the three processes summed) vs 1 replica ${gateway.cpuUs!.toFixed(0)} µs (${(replicas3.row.cpuUs! / gateway.cpuUs!).toFixed(2)}×)`);
      console.log(`token requests by the 3 replicas: ${replicas3.coldTokens} at cold start (spawn + one query each), ${replicas3.loadTokens} under load (after the warm-up; goal 0)`);
    } else console.log('3-replica row skipped: redis-server is not installed');
    console.log(`gateway cold start (spawn → first successful annotateText): ${coldMs.toFixed(0)} ms`);
    const fileMiB = (readFileSync(pdf).length / 1024 / 1024).toFixed(1);
    for (const [name, u] of [['pre-signed upload-url flow', presigned], ['direct multipart', directUpload]] as const) {
      console.log(`upload ${fileMiB} MiB PDF (${name}): ${u.ok ? 'ok' : 'FAILED'} in ${u.ms.toFixed(0)} ms, gateway RSS ${u.idle.toFixed(0)} → peak ${u.peak.toFixed(0)} MiB (+${(u.peak - u.idle).toFixed(0)} MiB)`);
    }
    console.log(`entities for ${entities.nodes} document nodes (WIKIMEDIA+CAPIQ): ${entities.nerdCalls} NERD call(s), ${entities.extractCalls} Extract call(s), ${entities.ms.toFixed(0)} ms`);
    console.log(
      `leak check: gateway RSS ${rssStart.toFixed(0)} MiB before, ${rssTenth.toFixed(0)} MiB after ${requestsTenth} requests, ${rssAll.toFixed(0)} MiB after ${leakRequests} (${leakFailures} failed): ` +
        `${rssRatio.toFixed(2)}× (goal ≤ ${LEAK_RSS_GOAL}×: ${rssRatio <= LEAK_RSS_GOAL ? 'met' : 'NOT met'}; reported, not a failure: RSS follows the garbage collector)`,
    );
    for (const f of failures) console.error(`FAILED: ${f}`);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    for (const stop of stopAll) stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
