/**
 * The production entry: the compiled `node dist/bin.js` (the package bin and the image's
 * ENTRYPOINT) finds its non-TypeScript assets from dist/ (schema/*.graphql, package.json, the
 * bundled GraphiQL page), starts zero-config against the built-in simulator, and starts in
 * production against a separately running simulator, then stops on SIGTERM with exit 0; where
 * the simulator package is not installed (a production install) it refuses to start without
 * credentials, naming what to set. Needs `npm run build` first (.ci/run builds before testing);
 * skipped with a reason when dist/ (or simulator/dist/) is missing or older than its source.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopChild, waitForOutput } from '../helpers/patience.js';
import { ROOT } from '../helpers/spawn-gateway.js';

const BIN = join(ROOT, 'dist', 'bin.js');
/** The compiled simulator package, which dist/ loads to start without credentials. */
const SIMULATOR = join(ROOT, 'simulator', 'dist', 'index.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const skipReason = !existsSync(BIN)
  ? 'dist/bin.js is missing: run `npm run build` first'
  : statSync(BIN).mtimeMs < newestMtime(join(ROOT, 'src'))
    ? 'dist/ is older than src/: run `npm run build` first'
    : !existsSync(SIMULATOR) || statSync(SIMULATOR).mtimeMs < newestMtime(join(ROOT, 'simulator', 'src'))
      ? 'simulator/dist/ is missing or older than simulator/src/: run `npm run build` first'
      : undefined;
if (skipReason) console.log(`dist test skipped: ${skipReason}`);

interface Running {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/** Runs `node dist/bin.js …` from a directory outside the repository and waits for `ready` in its output. */
async function run(args: string[], env: Record<string, string>, ready: RegExp, cwd: string): Promise<Running & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const match = await waitForOutput(child, ready, String(ready), () => out);
  return {
    child,
    match,
    output: () => out,
    stop: () => stopChild(child),
  };
}

const started: Running[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((r) => r.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dist-test-'));
  dirs.push(dir);
  return dir;
}

const ANNOTATE = JSON.stringify({ query: '{ gateway { version } annotateText(text: "Apple and Microsoft met in Zurich.", knowledgeBases: [WIKIMEDIA]) { annotations { text } } }' });

describe.skipIf(skipReason !== undefined)('node dist/bin.js', () => {
  it('--version prints the package version (package.json found from dist/)', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [BIN, '--version'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out.trim()).toBe(process.env.npm_package_version ?? out.trim());
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('start with no configuration runs the built-in simulator and serves GraphQL and the bundled playground', async () => {
    const cwd = tempDir();
    const gw = await run(['start', '--data-dir', join(cwd, 'data')], { PORT: '0' }, /Playground: (http:\/\/\S+)\/graphiql/, cwd);
    started.push(gw);
    const base = gw.match[1]!;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const playground = await fetch(`${base}/graphiql`);
    expect(playground.status).toBe(200);
    expect(await playground.text()).toContain('Kensho Gateway');
    const answer = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ANNOTATE });
    const body = (await answer.json()) as { data?: { annotateText: { annotations: { text: string }[] }[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.annotateText[0]!.annotations.map((a) => a.text)).toContain('Apple');
    // The MCP tools' documents were copied beside the compiled apps (scripts/copy-assets.mjs).
    const tools = await fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    const listed = (await tools.json()) as { result: { tools: Array<{ name: string }> } };
    expect(listed.result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['annotate_text', 'company_prices', 'skykit_devices']));
    expect(await gw.stop()).toBe(0);
  });

  it('start in production against a separately run simulator: API keys, /readyz ready, SIGTERM exits 0', async () => {
    const cwd = tempDir();
    const sim = await run(['simulator', '--port', '0', '--data-dir', join(cwd, 'data')], {}, /export SKYKIT_PRIVATE_KEY_FILE=\S+/, cwd);
    started.push(sim);
    const simEnv = Object.fromEntries([...sim.output().matchAll(/export ([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(simEnv)).toContain('KENSHO_CLIENT_ID');
    const apiKey = `kgw_${randomBytes(16).toString('hex')}`;
    const env = {
      ...simEnv,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      AUTH_MODE: 'api-key',
      API_KEYS: JSON.stringify([{ name: 'dist-test', sha256: createHash('sha256').update(apiKey).digest('hex'), scopes: ['*'] }]),
    };
    const gw = await run(['start'], env, /GraphQL: +(http:\/\/\S+)\/graphql/, cwd);
    started.push(gw);
    const base = gw.match[1]!;
    expect(gw.output()).not.toContain('SIMULATOR');
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { ready: boolean };
    expect(ready.ready).toBe(true);
    expect((await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ANNOTATE })).status).toBe(401);
    const answer = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: ANNOTATE });
    const body = (await answer.json()) as { data?: { gateway: { version: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.gateway.version).toMatch(/^\d+\.\d+\.\d+/);
    // Production turns the playground off.
    expect((await fetch(`${base}/graphiql`)).status).not.toBe(200);
    expect(await gw.stop()).toBe(0);
    expect(await sim.stop()).toBe(0);
  });

  it('start with no credentials where the simulator is not installed (a production install) refuses, naming what to set', async () => {
    // The compiled gateway beside every installed package but the simulator's, as
    // `npm ci --omit=dev` leaves them (the simulator's own dependencies are harmless extras).
    const app = tempDir();
    cpSync(join(ROOT, 'dist'), join(app, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'schema'), join(app, 'schema'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    mkdirSync(join(app, 'node_modules'));
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      if (entry !== '@kensho-gateway') symlinkSync(join(ROOT, 'node_modules', entry), join(app, 'node_modules', entry));
    }
    const cwd = tempDir();
    const child = spawn(process.execPath, [join(app, 'dist', 'bin.js'), 'start', '--data-dir', join(cwd, 'data')], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code, out).toBe(1);
    expect(out).toContain('the built-in simulator is not installed here');
    expect(out).toMatch(/set at least one of: KENSHO_CLIENT_ID\b/);
    expect(out).not.toMatch(/\n\s+at /);
  });
});
