/**
 * The side-by-side part of `npm run bench` (alone: `npm run bench:peers`): the gateway, with
 * every production feature on, against servers written by hand that serve the same
 * `annotateText` field over the same simulator (bench/peers: Apollo Server 5 + undici,
 * graphql-yoga 5 + the same resolver), and Hive Gateway 2 serving the supergraph Mesh composes
 * from an OpenAPI document of the same NERD call (its own field and NERD's field names).
 *
 * - Each server under test runs pinned to its own core (`taskset`), the simulator and this load
 *   generator to another, so they do not steal each other's time (shared, noisy machines).
 * - CPU per request is read from /proc/<pid>/stat (utime + stime of the whole server process,
 *   garbage collector and helper threads included) around a fixed number of requests.
 * - Rounds are interleaved (every target once per round, in a rotating order) and the figures
 *   are medians with their range; the gateway's ratio to each peer is taken within each round,
 *   so a machine slowing down for a while moves both sides of a ratio alike.
 * - Every answer is checked: the first against the data computed from NERD's own answer, every
 *   later one byte for byte against the first.
 * - Then one CPU profile of the gateway (`--cpu-prof`) summarised by package and by own file.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Pool } from 'undici';
import { ROOT } from '../test/helpers/spawn-gateway.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SERIAL_REQUESTS = Number(process.env.BENCH_SERIAL_REQUESTS ?? 1000);
const CONCURRENT_REQUESTS = Number(process.env.BENCH_CONCURRENT_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARMUP_REQUESTS = Number(process.env.BENCH_WARMUP_REQUESTS ?? 1500);
const PROFILE_REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 5000);
const TEXT = 'Kensho Technologies, part of S&P Global, works with Apple and Microsoft from Cambridge and New York.';
const QUERY = `{ annotateText(text: ${JSON.stringify(TEXT)}, knowledgeBases: [WIKIMEDIA, CAPIQ]) { knowledgeBase annotations { text startIndex endIndex entity { kbId } } } }`;
/** The same selection through Mesh's field for the OpenAPI operation, with NERD's own names. */
const HIVE_QUERY = `{ annotationsSync(input: {text: ${JSON.stringify(TEXT)}, knowledge_bases: [wikimedia, capiq]}) { results { knowledge_base annotations { text start_index end_index entity_kb_id } } } }`;
/** BENCH_HIVE=0 leaves Hive Gateway out of the rounds. */
const HIVE = process.env.BENCH_HIVE !== '0';
const PEERS_DIR = join(ROOT, 'bench/peers');
/** The API key the gateway is started with (AUTH_MODE=api-key); its SHA-256 is configured. */
const API_KEY = 'kgw_bench_0123456789abcdef0123456789abcdef';
const CLK_TCK = 100;
/**
 * More gateways measured in the same rounds, as `name=dir,name=dir`: each `dir` is a checkout of
 * the gateway (e.g. `git archive` of an earlier commit with node_modules linked), so an
 * optimisation is measured against the code before it side by side, not across runs.
 */
const EXTRA_GATEWAYS = (process.env.BENCH_EXTRA_GATEWAYS ?? '')
  .split(',')
  .filter(Boolean)
  .map((e) => {
    // name=dir, or name=dir|VAR=value;VAR=value to change the gateway's environment
    const [name, rest] = e.split(/=(.*)/s) as [string, string];
    const [dir, vars = ''] = rest.split('|') as [string, string?];
    return { name, dir, env: Object.fromEntries(vars.split(';').filter(Boolean).map((v) => v.split(/=(.*)/s).slice(0, 2) as [string, string])) };
  });
/**
 * The gateway is measured as deployed: compiled (`npm run build`, then `node dist/bin.js start`),
 * as the peers run plain JavaScript. BENCH_TSX_ROW=1 adds `npm start`'s way (through tsx), whose
 * module hooks also run for every `require` made while serving (Apollo requires `crypto` anew
 * for each query hash).
 */
const GATEWAY_ARGS = ['dist/bin.js', 'start'];
const TSX_ARGS = ['--import', 'tsx', 'src/bin.ts', 'start'];
const TSX_ROW = process.env.BENCH_TSX_ROW === '1';

/**
 * BENCH_SETTINGS=1 adds a row per optional setting of the platform features, each the same
 * gateway (this checkout) with one setting on, measured in the same rounds as the `gateway` row
 * (every such setting off): its ratio column is the cost of that setting per request. Rows whose
 * setting this checkout does not read are left out (a start-up refusal names the variable).
 * - `otel`: tracing exported over OTLP/HTTP to a sink in this process (it counts the spans, so
 *   a row that exported nothing is an error, not a cheap row);
 * - `client labels`: the same requests with `apollographql-client-name`/`-version` headers;
 * - `trusted allow` / `trusted require`: TRUSTED_DOCUMENTS with a manifest holding the query,
 *   requests naming it by `extensions.persistedQuery.sha256Hash` (no text);
 * - `federation`: GRAPHQL_FEDERATION=true (the subgraph schema served beside the API).
 */
const SETTINGS_ROWS = process.env.BENCH_SETTINGS === '1';

interface SettingRow {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** The rows of BENCH_SETTINGS, for an OTLP sink at `otlpUrl` and a manifest file in `dir`. */
function settingRows(otlpUrl: string, dir: string): SettingRow[] {
  // The same selection, named: a manifest holds named operations only.
  const body = `query Bench ${QUERY}`;
  const hash = sha256(body);
  const manifest = join(dir, 'trusted-documents.json');
  writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: hash, name: 'Bench', type: 'query', body }] }));
  const byHash = JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
  return [
    { name: 'otel', env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl, OTEL_SERVICE_NAME: 'bench' } },
    { name: 'client labels', env: {}, headers: { 'apollographql-client-name': 'bench-web', 'apollographql-client-version': '1.2.3' } },
    { name: 'trusted allow', env: { TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_MANIFEST: manifest }, body: byHash },
    { name: 'trusted require', env: { TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_MANIFEST: manifest }, body: byHash },
    { name: 'federation', env: { GRAPHQL_FEDERATION: 'true' } },
  ];
}

/** Whether this checkout's gateway reads `name`, by `documented` (docs/configuration.md lists exactly the variables it reads). */
function readsVariable(documented: string, name: string): boolean {
  return documented.includes(`\`${name}\``);
}

/** An OTLP/HTTP receiver that accepts every export and counts the requests (protobuf or JSON). */
async function otlpSink(): Promise<{ readonly url: string; readonly exports: () => number; close(): Promise<void> }> {
  let exports = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/v1/traces') exports++;
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, exports: () => exports, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Compiles the gateway in `dir` to `dir/dist` as `npm run build` does (tsc, then its assets): the simulator
 * package first where there is one, since the gateway's compiled types import its declarations.
 */
export function build(dir: string): void {
  const configs = [...(existsSync(join(dir, 'simulator/tsconfig.build.json')) ? ['simulator/tsconfig.build.json'] : []), 'tsconfig.build.json'];
  for (const config of configs) execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: dir, stdio: 'inherit' });
  // The schema files and other assets `npm run build` copies beside the compiled code.
  if (existsSync(join(dir, 'scripts/copy-assets.mjs'))) execFileSync(process.execPath, ['scripts/copy-assets.mjs'], { cwd: dir, stdio: 'inherit' });
}

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly match: RegExpExecArray;
}

/**
 * The Node that runs every server (the gateway, the peers, the simulator): BENCH_NODE, a path to
 * a node binary, else the one running the bench. The Docker image runs Node 24:
 * `BENCH_NODE=$(npx -y node@24 -p process.execPath) npm run bench:peers` measures as deployed.
 */
export const SERVER_NODE = process.env.BENCH_NODE || process.execPath;
export const SERVER_NODE_VERSION = execFileSync(SERVER_NODE, ['-v'], { encoding: 'utf8' }).trim();

/** Where processes run: the server under test alone on the last core, everything else on core 0. */
const CORE_COUNT = cpus().length;
const HAVE_TASKSET = CORE_COUNT > 1 && existsSync('/usr/bin/taskset');
const SERVER_CORE = String(CORE_COUNT - 1);
const LOAD_CORE = '0';

/**
 * Starts `node args` pinned to `core`. With `logFile`, standard output (the gateway's log lines)
 * goes to that file, as to a log collector that keeps up; a pipe this busy load generator reads
 * would fill up and make the logger wait.
 */
function spawnPinned(core: string | undefined, args: string[], env: Record<string, string>, ready: RegExp, cwd = ROOT, logFile?: string): Promise<Started> {
  const [cmd, argv] = HAVE_TASKSET && core !== undefined ? ['taskset', ['-c', core, SERVER_NODE, ...args]] : [SERVER_NODE, args];
  const stdout = logFile ? openSync(logFile, 'a') : 'pipe';
  const child = spawn(cmd as string, argv as string[], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', stdout, 'pipe'] });
  if (typeof stdout === 'number') closeSync(stdout);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 60 s:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      // Keep only the start of the output (the banner); the per-operation log lines are discarded.
      if (out.length < 20_000) out += d.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output: () => out, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}:\n${out}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** CPU seconds (user + system) of a process, or of its main thread alone. */
export function cpuSeconds(pid: number, mainThreadOnly = false): number {
  const stat = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is fields[0]: utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

interface Target {
  readonly name: string;
  readonly pid: number;
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** The request body it is sent (its query: Hive Gateway's field differs). */
  readonly body: string;
  /** The data its first answer must deep-equal, computed from NERD's own answer. */
  readonly expectedData: unknown;
  /** The exact body of its first (checked) answer: every later answer must equal it. */
  expected?: string;
  readonly pool: Pool;
}

interface Sample {
  readonly cpuSerialUs: number;
  readonly mainSerialUs: number;
  readonly cpuConcurrentUs: number;
  readonly p50Ms: number;
}

/** Sends `n` requests over `concurrency` connections, checks every answer, returns the latencies (ms). */
async function drive(target: Target, n: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  const body = target.body;
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const started = performance.now();
      const res = await target.pool.request({ path: target.url.pathname, method: 'POST', headers: target.headers, body });
      const text = await res.body.text();
      latencies.push(performance.now() - started);
      if (res.statusCode !== 200 || text !== target.expected) throw new Error(`${target.name}: wrong answer (HTTP ${res.statusCode}): ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function measure(target: Target): Promise<Sample> {
  const c0 = cpuSeconds(target.pid);
  const m0 = cpuSeconds(target.pid, true);
  const latencies = await drive(target, SERIAL_REQUESTS, 1);
  const c1 = cpuSeconds(target.pid);
  const m1 = cpuSeconds(target.pid, true);
  await drive(target, CONCURRENT_REQUESTS, CONCURRENCY);
  const c2 = cpuSeconds(target.pid);
  return {
    cpuSerialUs: ((c1 - c0) / SERIAL_REQUESTS) * 1e6,
    mainSerialUs: ((m1 - m0) / SERIAL_REQUESTS) * 1e6,
    cpuConcurrentUs: ((c2 - c1) / CONCURRENT_REQUESTS) * 1e6,
    p50Ms: percentile(latencies, 50),
  };
}

interface NerdAnswer {
  results: Array<{ knowledge_base: string; annotations: Array<{ text: string; start_index: number; end_index: number; entity_kb_id: unknown }> }>;
}

/** NERD's own answer to the text every server is asked about. */
async function nerdAnswer(nerdUrl: string, token: string): Promise<NerdAnswer> {
  const res = await fetch(`${nerdUrl}/api/v1/annotations-sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text: TEXT, knowledge_bases: ['wikimedia', 'capiq'] }),
  });
  if (res.status !== 200) throw new Error(`NERD answered ${res.status}`);
  return (await res.json()) as NerdAnswer;
}

/** The data the gateway and the hand-written peers must answer to QUERY. */
function expectedData(nerd: NerdAnswer): unknown {
  return {
    data: {
      annotateText: nerd.results.map((r) => ({
        knowledgeBase: r.knowledge_base.toUpperCase(),
        annotations: r.annotations.map((a) => ({ text: a.text, startIndex: a.start_index, endIndex: a.end_index, entity: a.entity_kb_id == null ? null : { kbId: String(a.entity_kb_id) } })),
      })),
    },
  };
}

/** The data Hive Gateway must answer to HIVE_QUERY: NERD's answer with the same selection, NERD's names. */
function expectedHiveData(nerd: NerdAnswer): unknown {
  return {
    data: {
      annotationsSync: {
        results: nerd.results.map((r) => ({
          knowledge_base: r.knowledge_base,
          // The OpenAPI document declares entity_kb_id a string: a number NERD may send is serialised as text.
          annotations: r.annotations.map((a) => ({ text: a.text, start_index: a.start_index, end_index: a.end_index, entity_kb_id: a.entity_kb_id == null ? null : String(a.entity_kb_id) })),
        })),
      },
    },
  };
}

async function checkFirst(target: Target): Promise<void> {
  const res = await target.pool.request({ path: target.url.pathname, method: 'POST', headers: target.headers, body: target.body });
  const text = await res.body.text();
  if (res.statusCode !== 200 || !isDeepStrictEqual(JSON.parse(text), target.expectedData)) throw new Error(`${target.name}: unexpected answer (HTTP ${res.statusCode}): ${text.slice(0, 500)}`);
  target.expected = text;
}

/** The gateway's environment: production, with every per-request feature on. */
function gatewayEnv(sim: Record<string, string>): Record<string, string> {
  return {
    ...sim,
    PORT: '0',
    NODE_ENV: 'production',
    // Inbound authentication with an API key, a rate limit (high enough never to refuse), one log
    // line per operation (LOG_LEVEL info), metrics, tracing hooks (no SDK: no-op spans, as
    // deployed without one), retries and the circuit breaker (their defaults).
    AUTH_MODE: 'api-key',
    API_KEYS: JSON.stringify([{ name: 'bench', sha256: sha256(API_KEY), scopes: ['*'] }]),
    RATE_LIMIT_PER_MINUTE: '10000000',
    RATE_LIMIT_BURST: '10000000',
    LOG_LEVEL: 'info',
    // Every request crosses the gateway to NERD, as in the peers.
    NERD_CACHE_TTL_SECONDS: '0',
  };
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/**
 * Installs bench/peers on first use (their own lockfile; the gateway's dependencies do not grow).
 * Hive Gateway and Mesh weigh about 500 MB of the install; `node server.mjs hive` composes its
 * supergraph (hive/supergraph.graphql) when it is missing or older than its inputs.
 */
function ensurePeers(): void {
  const needed = ['@apollo/server', 'graphql-yoga', ...(HIVE ? ['@graphql-hive/gateway', '@graphql-mesh/compose-cli', '@omnigraph/openapi', '@graphql-mesh/transport-rest'] : [])];
  if (needed.every((p) => existsSync(join(PEERS_DIR, 'node_modules', p, 'package.json')))) return;
  console.error('installing bench/peers (npm --prefix bench/peers ci; Hive Gateway and Mesh: about 500 MB) …');
  execFileSync('npm', ['--prefix', PEERS_DIR, 'ci', '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });
}

interface ProfileSummary {
  readonly requests: number;
  readonly sampledUs: number;
  readonly byPackage: Array<[string, number]>;
  readonly byFile: Array<[string, number]>;
  readonly byFunction: Array<[string, number]>;
}

interface CpuProfile {
  startTime: number;
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string } }>;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time of a .cpuprofile grouped by npm package, and the gateway's own files by name; only
 * samples within [fromUs, toUs] (CLOCK_MONOTONIC µs, the clock of both V8's profiler and
 * process.hrtime), so start-up and warm-up are left out.
 */
export function summariseProfile(profile: CpuProfile, requests: number, fromUs = -Infinity, toUs = Infinity): ProfileSummary {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const packages = new Map<string, number>();
  const files = new Map<string, number>();
  const functions = new Map<string, number>();
  let sampled = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const frame = byNode.get(profile.samples[i]!)!;
    // A sample's delta is the time since the previous one: charged to this sample.
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at < fromUs || at > toUs) continue;
    if (frame.functionName === '(idle)') continue;
    sampled += us;
    const url = frame.url;
    const fn = `${frame.functionName || '(anonymous)'} ${url ? url.replace(/^.*\/(node_modules|src|dist)\//, '$1/') : '(native)'}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    let group: string;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) group = pkg[1]!;
    else if (/\/(src|dist)\//.test(url)) {
      group = 'gateway (own code)';
      // Compiled files are named by their source (dist/x.js → src/x.ts).
      const file = url.slice(url.search(/\/(src|dist)\/[^/]/) + 1).replace(/^dist\/(.*)\.js$/, 'src/$1.ts');
      files.set(file, (files.get(file) ?? 0) + us);
    } else if (url.startsWith('node:')) group = 'node (built-in modules)';
    else if (url === '') group = frame.functionName.startsWith('(') ? frame.functionName : 'native / V8 builtins';
    else group = 'other';
    packages.set(group, (packages.get(group) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { requests, sampledUs: sampled, byPackage: sorted(packages), byFile: sorted(files), byFunction: sorted(functions) };
}

async function profileTarget(name: string, args: string[], env: Record<string, string>, cwd: string, ready: RegExp, headers: Record<string, string>, expectedData: unknown): Promise<ProfileSummary> {
  const dir = join(process.env.BENCH_PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'gw-prof-')), name);
  mkdirSync(dir, { recursive: true });
  const server = await spawnPinned(SERVER_CORE, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...args], env, ready, cwd, join(dir, 'stdout.log'));
  const url = new URL(server.match[1]!);
  let from = 0;
  let to = 0;
  const target: Target = { name: `${name} (profiled)`, pid: server.child.pid!, url, headers, body: JSON.stringify({ query: QUERY }), expectedData, pool: new Pool(url.origin, { connections: CONCURRENCY }) };
  try {
    await checkFirst(target);
    await drive(target, WARMUP_REQUESTS, CONCURRENCY);
    from = Number(process.hrtime.bigint() / 1000n);
    await drive(target, PROFILE_REQUESTS, CONCURRENCY);
    to = Number(process.hrtime.bigint() / 1000n);
  } finally {
    await target.pool.close();
    await stop(server.child);
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`${name} wrote no CPU profile`);
  return summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, PROFILE_REQUESTS, from, to);
}

function printProfile(name: string, p: ProfileSummary): void {
  const perReq = (us: number) => (us / p.requests).toFixed(0);
  const share = (us: number) => `${((100 * us) / p.sampledUs).toFixed(1)} %`;
  console.log(`\n${name} CPU profile (--cpu-prof, ${p.requests} requests at ${CONCURRENCY} connections after ${WARMUP_REQUESTS} warm-up requests; self time on the main thread, ${perReq(p.sampledUs)} µs/request sampled)\n`);
  console.log('| package | share | µs/request |');
  console.log('|---|---:|---:|');
  for (const [group, us] of p.byPackage.slice(0, 15)) console.log(`| ${group} | ${share(us)} | ${perReq(us)} |`);
  if (p.byFile.length > 0) {
    console.log('\n| own file | share | µs/request |');
    console.log('|---|---:|---:|');
    for (const [file, us] of p.byFile.slice(0, 15)) console.log(`| ${file} | ${share(us)} | ${perReq(us)} |`);
  }
  console.log('\n| function (self time) | share | µs/request |');
  console.log('|---|---:|---:|');
  for (const [fn, us] of p.byFunction.slice(0, 20)) console.log(`| ${fn.replace(/\|/g, '\\|')} | ${share(us)} | ${perReq(us)} |`);
}

function fmtRange(xs: readonly number[], digits = 0): string {
  return `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
}

export async function comparePeers(): Promise<void> {
  ensurePeers();
  if (HAVE_TASKSET) execFileSync('taskset', ['-pc', LOAD_CORE, String(process.pid)], { stdio: 'ignore' });
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-bench-peers-'));
  const sim = await spawnPinned(LOAD_CORE, ['--import', 'tsx', 'src/bin.ts', 'simulator', '--port', '0', '--data-dir', dataDir], {}, /KENSHO_NERD_ACCESS_TOKEN=(\S+)[\s\S]*Try it/);
  const simEnv: Record<string, string> = {};
  for (const m of sim.output().matchAll(/export (\w+)=(\S+)/g)) simEnv[m[1]!] = m[2]!;
  const nerdToken = sim.match[1]!;
  const nerdUrl = simEnv.KENSHO_NERD_URL!;
  const nerd = await nerdAnswer(nerdUrl, nerdToken);
  const expected = expectedData(nerd);
  const gatewayBody = JSON.stringify({ query: QUERY });
  console.error('building the gateway(s) (tsc -p tsconfig.build.json) …');
  build(ROOT);
  for (const dir of new Set(EXTRA_GATEWAYS.map((g) => g.dir))) if (dir !== ROOT) build(dir);
  const gatewayArgs = GATEWAY_ARGS;
  const env = gatewayEnv(simEnv);

  const children: ChildProcess[] = [sim.child];
  const targets: Target[] = [];
  const sink = SETTINGS_ROWS ? await otlpSink() : undefined;
  try {
    const gwLog = join(dataDir, 'gateway.log');
    const gw = await spawnPinned(SERVER_CORE, gatewayArgs, env, /GraphQL:\s+(http:\/\/\S+)/, ROOT, gwLog);
    children.push(gw.child);
    const gwUrl = new URL(gw.match[1]!);
    targets.push({ name: 'gateway', pid: gw.child.pid!, url: gwUrl, headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: gatewayBody, expectedData: expected, pool: new Pool(gwUrl.origin, { connections: CONCURRENCY }) });
    const documented = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
    const settings = SETTINGS_ROWS ? settingRows(sink!.url, dataDir).filter((row) => Object.keys(row.env).every((name) => readsVariable(documented, name))) : [];
    const others: Array<{ name: string; dir: string; env: Record<string, string>; args: string[]; headers?: Record<string, string>; body?: string }> = [
      ...EXTRA_GATEWAYS.map((g) => ({ ...g, args: GATEWAY_ARGS })),
      ...(TSX_ROW ? [{ name: 'gateway via tsx (npm start)', dir: ROOT, env: {}, args: TSX_ARGS }] : []),
      ...settings.map((row) => ({ ...row, dir: ROOT, args: GATEWAY_ARGS })),
    ];
    for (const { name, dir, args, env: extraEnv, headers, body } of others) {
      const g = await spawnPinned(SERVER_CORE, args, { ...env, ...extraEnv }, /GraphQL:\s+(http:\/\/\S+)/, dir, join(dataDir, `${name.replace(/\W+/g, '-')}.log`));
      children.push(g.child);
      const url = new URL(g.match[1]!);
      targets.push({ name, pid: g.child.pid!, url, headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...headers }, body: body ?? gatewayBody, expectedData: expected, pool: new Pool(url.origin, { connections: CONCURRENCY }) });
    }
    const peers = [
      { name: 'apollo-min', body: gatewayBody, expectedData: expected },
      { name: 'yoga', body: gatewayBody, expectedData: expected },
      ...(HIVE ? [{ name: 'hive', body: JSON.stringify({ query: HIVE_QUERY }), expectedData: expectedHiveData(nerd) }] : []),
    ];
    for (const peer of peers) {
      const p = await spawnPinned(SERVER_CORE, ['server.mjs', peer.name], { NERD_URL: nerdUrl, NERD_TOKEN: nerdToken, PORT: '0', NODE_ENV: 'production' }, /listening (\S+)/, PEERS_DIR);
      children.push(p.child);
      const url = new URL(p.match[1]!);
      targets.push({ ...peer, pid: p.child.pid!, url, headers: { 'content-type': 'application/json' }, pool: new Pool(url.origin, { connections: CONCURRENCY }) });
    }
    // NERD called directly with the same text: the latency every server adds to.
    const directUrl = new URL(`${nerdUrl}/api/v1/annotations-sync`);
    const directPool = new Pool(directUrl.origin, { connections: 1 });
    const directBody = JSON.stringify({ text: TEXT, knowledge_bases: ['wikimedia', 'capiq'] });
    const directP50 = async () => {
      const lat: number[] = [];
      for (let i = 0; i < SERIAL_REQUESTS; i++) {
        const t = performance.now();
        const r = await directPool.request({ path: directUrl.pathname, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${nerdToken}` }, body: directBody });
        await r.body.text();
        lat.push(performance.now() - t);
      }
      return percentile(lat, 50);
    };

    for (const t of targets) {
      await checkFirst(t);
      await drive(t, WARMUP_REQUESTS, CONCURRENCY);
    }
    const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
    const direct: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      direct.push(await directP50());
      // A rotating order, so no target always runs right after another.
      for (let k = 0; k < targets.length; k++) {
        const t = targets[(round + k) % targets.length]!;
        await drive(t, 200, CONCURRENCY);
        samples.get(t.name)!.push(await measure(t));
      }
      process.stderr.write(`round ${round + 1}/${ROUNDS}: ${targets.map((t) => `${t.name} ${samples.get(t.name)!.at(-1)!.cpuSerialUs.toFixed(0)} µs`).join(', ')}\n`);
    }
    await directPool.close();

    // Every production feature was on: one log line per operation (all but the last few, which
    // may still be on their way to the file).
    const sent = 1 + WARMUP_REQUESTS + ROUNDS * (200 + SERIAL_REQUESTS + CONCURRENT_REQUESTS);
    const logged = readFileSync(gwLog, 'utf8').split('\n').filter((l) => l.includes('"msg":"graphql operation"')).length;
    if (logged < sent - CONCURRENCY) throw new Error(`the gateway logged ${logged} operation lines for ${sent} operations`);
    const gwSamples = samples.get('gateway')!;
    console.log(`\nGateway vs hand-written servers${HIVE ? ' and Hive Gateway' : ''} — ${ROUNDS} interleaved rounds; per round ${SERIAL_REQUESTS} requests at 1 connection, then ${CONCURRENT_REQUESTS} at ${CONCURRENCY}; ${HAVE_TASKSET ? `servers pinned to core ${SERVER_CORE}, simulator and load to core ${LOAD_CORE}` : 'no taskset: processes not pinned'}; every answer checked; servers on node ${SERVER_NODE_VERSION}\n`);
    console.log('| server | CPU µs/request, 1 conn | main thread µs/request, 1 conn | CPU µs/request, ' + CONCURRENCY + ' conns | p50 ms, 1 conn | added p50 ms over NERD | gateway CPU ratio (1 conn) | gateway CPU ratio (' + CONCURRENCY + ' conns) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const t of targets) {
      const s = samples.get(t.name)!;
      const ratio1 = s.map((x, i) => gwSamples[i]!.cpuSerialUs / x.cpuSerialUs);
      const ratioC = s.map((x, i) => gwSamples[i]!.cpuConcurrentUs / x.cpuConcurrentUs);
      const added = s.map((x, i) => x.p50Ms - direct[i]!);
      console.log(
        `| ${t.name} | ${fmtRange(s.map((x) => x.cpuSerialUs))} | ${fmtRange(s.map((x) => x.mainSerialUs))} | ${fmtRange(s.map((x) => x.cpuConcurrentUs))} | ${fmtRange(s.map((x) => x.p50Ms), 2)} | ${fmtRange(added, 2)} | ${t.name === 'gateway' ? '—' : fmtRange(ratio1, 2)} | ${t.name === 'gateway' ? '—' : fmtRange(ratioC, 2)} |`,
      );
    }
    console.log(`\nNERD directly (simulator, 1 connection): p50 ${fmtRange(direct, 2)} ms. Medians with (min–max) over the rounds; ratios are the gateway's CPU over the peer's within each round.`);
    if (sink) {
      // The `otel` row exported its spans: a row that sent nothing measured nothing.
      if (targets.some((t) => t.name === 'otel') && sink.exports() === 0) throw new Error('the otel row exported no spans');
      console.log(`Settings rows: the \`gateway\` row has every optional setting off; a ratio below 1 is what the row's setting costs. The OTLP sink received ${sink.exports()} trace exports.`);
    }
    for (const t of targets) await t.pool.close();
  } finally {
    for (const c of children.slice(1)) await stop(c);
    await sink?.close();
    // The rest of `npm run bench` uses every core again.
    if (HAVE_TASKSET) execFileSync('taskset', ['-pc', `0-${CORE_COUNT - 1}`, String(process.pid)], { stdio: 'ignore' });
  }

  if (PROFILE_REQUESTS > 0) {
    try {
      printProfile('Gateway', await profileTarget('gateway', gatewayArgs, env, ROOT, /GraphQL:\s+(http:\/\/\S+)/, { 'content-type': 'application/json', 'x-api-key': API_KEY }, expected));
      // The hand-written Apollo Server, profiled the same way: what the gateway adds is the difference.
      printProfile('apollo-min', await profileTarget('apollo-min', ['server.mjs', 'apollo-min'], { NERD_URL: nerdUrl, NERD_TOKEN: nerdToken, PORT: '0', NODE_ENV: 'production' }, PEERS_DIR, /listening (\S+)/, { 'content-type': 'application/json' }, expected));
    } finally {
      await stop(sim.child);
    }
  } else {
    await stop(sim.child);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  comparePeers().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
