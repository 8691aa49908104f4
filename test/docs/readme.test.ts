/**
 * The README runs as written: every GraphQL and shell block marked `run` in its info string
 * (```graphql run, ```sh run) is executed, in order, against a gateway started with `npm start`
 * and no configuration (the built-in simulator), exactly as a newcomer would. A block must
 * succeed, and its answer must not hold an empty list unless it is marked `allow-empty`.
 * Shell blocks run with bash in a scratch copy of the checkout, with the test's gateway URL in
 * place of http://127.0.0.1:4000; those marked `with-simulator-env` get the `export` lines that
 * `npm run simulator` prints (the README says to paste them). Every graphql/sh block is either
 * `run` or marked `no-run` on purpose (long-running commands: the test starts those itself).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Kind, parse, print, type DefinitionNode, type OperationDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { codeBlocks, relativeLinks, type CodeBlock } from '../helpers/markdown.js';
import { PATIENCE_MS, waitForOutput } from '../helpers/patience.js';
import { ROOT } from '../helpers/spawn-gateway.js';
import { CONTENTS, DEMO_EXAMPLES, SAMPLE_PDF, createSkykitFleet } from '@kensho-gateway/simulator';

const README = join(ROOT, 'README.md');
/** The address the README's examples use; the test substitutes its gateway's. */
const DOC_URL = 'http://127.0.0.1:4000';

const blocks = codeBlocks(README);
const runnable = blocks.filter((b) => b.flags.includes('run') && (b.lang === 'graphql' || b.lang === 'sh'));

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/** `npm start` in the repository, on a free port, with no credentials: what the README tells a newcomer to run. */
async function npmStart(dataDir: string): Promise<Running> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    // Its own process group, so the test can stop npm and the gateway under it together.
    detached: true,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', GATEWAY_DATA_DIR: dataDir, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = (await waitForOutput(child, /GraphQL: +(http:\/\/\S+)\/graphql/, 'npm start banner', () => out))[1]!;
  return { child, url, output: () => out };
}

async function stop(running: Running | undefined): Promise<void> {
  const child = running?.child;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

/**
 * A scratch directory that looks like a checkout (symlinks to the repository's parts), so shell
 * blocks can run `npm run …` and read the sample PDF while the files they write (keys/) land in
 * the scratch directory, not in the repository.
 */
function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-readme-'));
  for (const entry of ['package.json', 'node_modules', 'src', 'schema', 'tsconfig.json']) symlinkSync(join(ROOT, entry), join(dir, entry));
  mkdirSync(join(dir, dirname(SAMPLE_PDF)), { recursive: true });
  symlinkSync(join(ROOT, SAMPLE_PDF), join(dir, SAMPLE_PDF));
  return dir;
}

/** Paths in `value` whose list is empty (the README implies data wherever it shows a selection). */
function emptyLists(value: unknown, path = 'data'): string[] {
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((v, i) => emptyLists(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => emptyLists(v, `${path}.${k}`));
  return [];
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

function expectGood(answer: Answer, block: CodeBlock, what: string): void {
  const where = `README.md:${block.line} (${block.heading}) ${what}`;
  expect(answer.errors, `${where}: errors ${JSON.stringify(answer.errors)}`).toBeUndefined();
  expect(answer.data, `${where}: no data`).toBeTruthy();
  if (!block.flags.includes('allow-empty')) expect(emptyLists(answer.data), `${where}: empty lists in ${JSON.stringify(answer.data)}`).toEqual([]);
}

/** Variables a later block may use, taken from earlier answers (the id submitExtraction returned). */
const known: Record<string, unknown> = {};
function learn(answer: Answer): void {
  const submitted = (answer.data as { submitExtraction?: { id?: string } } | null | undefined)?.submitExtraction;
  if (submitted?.id) known.id = submitted.id;
}

async function runGraphql(block: CodeBlock, url: string): Promise<number> {
  const document = parse(block.code);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  for (const operation of operations) {
    const query = [operation, ...fragments].map((d: DefinitionNode) => print(d)).join('\n');
    const declared = (operation.variableDefinitions ?? []).map((v) => v.variable.name.value);
    const variables = Object.fromEntries(declared.filter((name) => name in known).map((name) => [name, known[name]]));
    const missing = declared.filter((name) => name !== 'file' && !(name in known) && !operation.variableDefinitions!.find((v) => v.variable.name.value === name)!.defaultValue);
    expect(missing, `README.md:${block.line}: no earlier block gave ${missing.join(', ')}`).toEqual([]);
    let answer: Answer;
    if (operation.operation === 'subscription') {
      answer = await subscribe(url, query, variables);
    } else if (declared.includes('file')) {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
      form.append('map', JSON.stringify({ 0: ['variables.file'] }));
      form.append('0', new Blob([readFileSync(join(ROOT, SAMPLE_PDF))], { type: 'application/pdf' }), 'report.pdf');
      answer = (await (await fetch(`${url}/graphql`, { method: 'POST', body: form, headers: { 'apollo-require-preflight': 'true' } })).json()) as Answer;
    } else {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      answer = (await res.json()) as Answer;
    }
    expectGood(answer, block, `${operation.operation} ${operation.name?.value ?? ''}`);
    learn(answer);
  }
  return operations.length;
}

/** Runs a subscription to its end over WebSocket; the answer holds every event's data, in order. */
async function subscribe(url: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const client = createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const events: unknown[] = [];
  try {
    for await (const event of client.iterate({ query, variables })) {
      if (event.errors) return { errors: [...event.errors] };
      events.push(event.data);
    }
  } finally {
    await client.dispose();
  }
  return { data: events.length > 0 ? { events } : null };
}

/**
 * `npm run simulator` on a free port, as the README's "Other commands" starts it in another
 * terminal; returns the `export NAME=value` lines it printed, as an environment.
 */
async function npmSimulator(dataDir: string): Promise<{ running: Running; env: Record<string, string> }> {
  const child = spawn('npm', ['run', 'simulator', '--', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await waitForOutput(child, /Try it:[\s\S]*v3\/extractions/, 'curl example from npm run simulator', () => out);
  const env = Object.fromEntries([...out.matchAll(/^ +export ([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  return { running: { child, url: '', output: () => out }, env };
}

/** Runs a shell block with bash against the test's gateway; JSON lines it prints are checked like GraphQL answers. */
function runShell(block: CodeBlock, url: string, cwd: string, extraEnv: Record<string, string> = {}): void {
  const script = `set -euo pipefail\n${block.code.replaceAll(DOC_URL, url)}`;
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', timeout: PATIENCE_MS, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...extraEnv } });
  const where = `README.md:${block.line} (${block.heading})`;
  expect(r.status, `${where} exited ${r.status}:\n${r.stdout}\n${r.stderr}`).toBe(0);
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{"data"') && !line.startsWith('{"errors"')) continue;
    const answer = JSON.parse(line) as Answer;
    expectGood(answer, block, 'output');
    learn(answer);
  }
}

describe('README.md, run as written', () => {
  let gateway: Running | undefined;
  let simulator: { running: Running; env: Record<string, string> } | undefined;
  let cwd = '';
  beforeAll(async () => {
    const data = mkdtempSync(join(tmpdir(), 'gw-readme-data-'));
    [gateway, simulator] = await Promise.all([npmStart(join(data, 'start')), npmSimulator(join(data, 'simulator'))]);
    cwd = sandbox();
  });
  afterAll(async () => {
    await stop(gateway);
    await stop(simulator?.running);
  });

  it('marks every GraphQL and shell block run or no-run', () => {
    const unmarked = blocks.filter((b) => (b.lang === 'graphql' || b.lang === 'sh') && !b.flags.includes('run') && !b.flags.includes('no-run'));
    expect(unmarked.map((b) => `README.md:${b.line} ${b.lang}`)).toEqual([]);
    expect(runnable.length).toBeGreaterThanOrEqual(8);
  });

  it('leaves out only long-running commands, which this test starts itself', () => {
    // npm start (with or without settings) and npm run simulator run until stopped; npm ci and
    // npm test are how this test itself got here; npm run example:web serves the example that
    // test/browser/web-example.test.ts builds and drives. Anything else marked no-run would be untested.
    const allowed = /^(npm ci && npm start|npm start|npm test|npm run simulator|npm run example:web|([A-Z_]+=\S+ )+npm start)$/;
    const lines = blocks
      .filter((b) => b.flags.includes('no-run'))
      .flatMap((b) => b.code.split('\n').map((l) => ({ line: l.replace(/\s+#.*$/, '').trim(), at: b.line })))
      .filter((l) => l.line !== '');
    expect(lines.filter((l) => !allowed.test(l.line)).map((l) => `README.md:${l.at} ${l.line}`)).toEqual([]);
  });

  it('runs every runnable block in order against npm start with no configuration', async () => {
    expect(gateway!.output()).toMatch(/BUILT-IN SIMULATOR/);
    let operations = 0;
    for (const block of runnable) {
      if (block.lang === 'graphql') operations += await runGraphql(block, gateway!.url);
      else runShell(block, gateway!.url, cwd, block.flags.includes('with-simulator-env') ? simulator!.env : {});
    }
    // A clean first run: nothing the gateway logged at error level or above.
    const errors = gateway!
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{') && (JSON.parse(l) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
    // The banner's demo data line names what the README's tour uses.
    const demo = /Demo data: +(.*)/.exec(gateway!.output())?.[1] ?? '';
    for (const name of demo.match(/T-[A-Z-]+|SK-[0-9A-F]{4}-\d{4}|"[^"]+"|\S+\.pdf/g) ?? []) expect(readFileSync(README, 'utf8')).toContain(name);
    console.log(`README: ${runnable.length} blocks run (${operations} GraphQL operations, ${runnable.filter((b) => b.lang === 'sh').length} shell blocks)`);
    // A hang bound per block, not the suite's per-test one: the blocks run one after another, and
    // on a 2-core machine at a load of 30 the whole tour took 400 s.
  }, runnable.length * PATIENCE_MS);

  it("npm run simulator's curl examples run as pasted (no variable the reader has not set)", () => {
    const banner = simulator!.running.output();
    const tryIt = banner.slice(banner.indexOf('Try it:') + 'Try it:'.length).split('\n');
    // Continuation lines (ending in a backslash) belong to the command above them.
    const commands = tryIt.join('\n').replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('curl '));
    // One per app with a curl example: NERD (refresh and annotate), Extract, Link, kFinance.
    expect(commands.length).toBe(5);
    for (const command of commands) {
      expect(command, 'an unset shell variable').not.toMatch(/\$[A-Z_]/);
      // -f: an HTTP error (the 401 an undefined $TOKEN gave) fails the command.
      const r = spawnSync('bash', ['-c', command.replace(/^curl /, 'curl -sSf ')], { cwd, encoding: 'utf8', timeout: PATIENCE_MS });
      expect(r.status, `${command}\n${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^\{/);
    }
  });

  it("the demo data the README names is the simulator's", () => {
    const readme = readFileSync(README, 'utf8');
    const table = readme.slice(readme.indexOf('## Demo data'), readme.indexOf('\n## ', readme.indexOf('## Demo data') + 5));
    const fleet = createSkykitFleet();
    for (const tenant of fleet.tenants) expect(table).toMatch(new RegExp(`\`${tenant.tenantCode}\` \\((${tenant.tenantName as string}, )?${tenant.numberOfDisplays as number}( devices)?\\)`));
    for (const [, id, serial] of table.matchAll(/`(dev-\d{4})` = `(SK-[0-9A-F]{4}-\d{4})`/g)) {
      expect(fleet.devices.find((d) => d.id === id)?.serialNumber).toBe(serial);
    }
    expect(table).toContain(`\`${fleet.devices.length === 350 ? 'dev-0350' : 'count changed'}\``);
    for (const content of CONTENTS) expect(table).toContain(`\`${content.name}\``);
    expect(table).toContain(`\`${SAMPLE_PDF}\``);
    // The start banner's examples are real demo data too.
    expect(fleet.devices.find((d) => d.serialNumber === DEMO_EXAMPLES.serialNumber)?.tenantCode).toBe(DEMO_EXAMPLES.tenantCode);
    expect(CONTENTS.map((c) => c.name)).toContain(DEMO_EXAMPLES.contentName);
    expect(existsSync(join(ROOT, DEMO_EXAMPLES.samplePdf))).toBe(true);
  });

  it('links only to files that exist in the repository', () => {
    const docs = [README, ...['configuration', 'errors', 'security', 'upstreams', 'deploy'].map((d) => join(ROOT, 'docs', `${d}.md`))];
    const broken: string[] = [];
    for (const file of docs.filter(existsSync)) {
      for (const target of relativeLinks(file)) {
        const path = resolve(dirname(file), target);
        if (!path.startsWith(ROOT) || !existsSync(path)) broken.push(`${file.slice(ROOT.length)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
