/**
 * What a newcomer (and an operator who forgot a secret) meets first: the simulator says what it
 * is and starts only where it cannot pass for production, and the first mistakes (a port in
 * use, a production start) answer in one clear line.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UPSTREAM_APPS } from '../../src/apps/registry.js';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { prepareDemo, startSimulator } from '@kensho-gateway/simulator';
import { runCli, spawnGateway } from '../helpers/spawn-gateway.js';
import { PATIENCE_MS } from '../helpers/patience.js';

const API_KEY = 'kgw_first-run-test-key-0123456789';
const API_KEYS = JSON.stringify([{ name: 'ops', sha256: createHash('sha256').update(API_KEY).digest('hex'), scopes: ['*'] }]);
/** A staging deploy that forgot its secrets: no credentials, every interface, API keys. */
const STAGING = { NODE_ENV: 'staging', HOST: '0.0.0.0', PORT: '0', AUTH_MODE: 'api-key', API_KEYS };

async function gql(url: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: { gateway: { upstreams: Array<{ app: string; configured: boolean; credential: string }> } }; errors?: unknown };
}

function dataDir(): string {
  return mkdtempSync(join(tmpdir(), 'gw-first-run-'));
}

describe('the built-in simulator is never mistaken for production', () => {
  it('npm start on loopback: gateway { upstreams } reads SIMULATOR, a JSON log line says so, /readyz says so', async () => {
    const gw = await spawnGateway(['start'], { PORT: '0', GATEWAY_DATA_DIR: dataDir(), NODE_ENV: 'development' });
    try {
      const body = await gql(gw.graphqlUrl, '{ gateway { upstreams { app configured credential } } }');
      expect(body.errors).toBeUndefined();
      expect(body.data!.gateway.upstreams).toEqual([
        { app: 'NERD', configured: true, credential: 'SIMULATOR' },
        { app: 'EXTRACT', configured: true, credential: 'SIMULATOR' },
        { app: 'SKYKIT', configured: true, credential: 'SIMULATOR' },
        { app: 'LINK', configured: true, credential: 'SIMULATOR' },
        { app: 'SCRIBE', configured: true, credential: 'SIMULATOR' },
        { app: 'KFINANCE', configured: true, credential: 'SIMULATOR' },
      ]);
      // Log lines are written in batches (LOG_FLUSH_MS): the line may follow the banner by a moment.
      const simulatorLine = () =>
        gw
          .output()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as { msg: string; simulator?: string })
          .find((l) => l.msg.includes('BUILT-IN SIMULATOR'));
      await expect.poll(() => simulatorLine()?.simulator, { timeout: PATIENCE_MS }).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ready = (await (await fetch(gw.graphqlUrl.replace('/graphql', '/readyz'))).json()) as { ready: boolean; checks: Record<string, { ok: boolean; detail?: string }> };
      expect(ready.ready).toBe(true);
      expect(ready.checks.simulator).toEqual({ ok: true, detail: expect.stringMatching(/built-in simulator/) });
      expect(ready.checks.credentials!.detail).toMatch(/built-in simulator/);
    } finally {
      expect(await gw.stop('SIGTERM')).toBe(0);
    }
  });

  it('a staging deploy without secrets on 0.0.0.0 refuses to start instead of serving demo data', async () => {
    const r = await runCli(['start'], { ...STAGING, GATEWAY_DATA_DIR: dataDir() });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/HOST 0\.0\.0\.0 is not loopback/);
    expect(r.output).toMatch(/GATEWAY_SIMULATOR=true/);
    expect(r.output).toMatch(/KENSHO_CLIENT_ID/);
    expect(r.output).not.toMatch(/BUILT-IN SIMULATOR|Playground:/);
    expect(r.output).not.toMatch(/\n\s+at /);
  });

  it('runs on 0.0.0.0 when asked for by GATEWAY_SIMULATOR=true or --simulator, and is ready', async () => {
    for (const [args, env] of [
      [['start'], { GATEWAY_SIMULATOR: 'true' }],
      [['start', '--simulator'], {}],
    ] as const) {
      const gw = await spawnGateway([...args], { ...STAGING, ...env, GATEWAY_DATA_DIR: dataDir() });
      try {
        expect(gw.output()).toMatch(/BUILT-IN SIMULATOR \(asked for/);
        const body = await gql(gw.graphqlUrl, '{ gateway { upstreams { credential } } }', { 'x-api-key': API_KEY });
        // Every upstream app the registry lists runs on the simulator.
        const credentials = body.data!.gateway.upstreams.map((u) => u.credential);
        expect(credentials.length).toBe(UPSTREAM_APPS.length);
        expect(new Set(credentials)).toEqual(new Set(['SIMULATOR']));
        const ready = await fetch(gw.graphqlUrl.replace('/graphql', '/readyz'));
        expect(ready.status).toBe(200);
      } finally {
        expect(await gw.stop('SIGTERM')).toBe(0);
      }
    }
  });

  it('refuses the simulator flag together with credentials', async () => {
    const r = await runCli(['start', '--simulator'], { PORT: '0', KENSHO_NERD_ACCESS_TOKEN: 'x' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/GATEWAY_SIMULATOR \/ --simulator: upstream credentials are set too/);
  });

  it('/readyz fails for a simulator on a non-loopback HOST that nobody asked for', async () => {
    const sim = await startSimulator();
    try {
      const demo = await prepareDemo(sim, dataDir());
      const env = { ...demo.env, HOST: '0.0.0.0', AUTH_ALLOW_NONE: 'true', LOG_LEVEL: 'silent' };
      const unasked = createGateway(loadConfig(env, { simulatorUrl: sim.url }), { logger: createLogger('silent') });
      await unasked.start();
      const readiness = await unasked.readiness();
      await unasked.stop();
      expect(readiness.ready).toBe(false);
      expect(readiness.checks.simulator).toEqual({ ok: false, detail: expect.stringMatching(/HOST 0\.0\.0\.0, which is not loopback.*GATEWAY_SIMULATOR=true/) });

      const asked = createGateway(loadConfig({ ...env, GATEWAY_SIMULATOR: 'true' }, { simulatorUrl: sim.url }), { logger: createLogger('silent') });
      await asked.start();
      const ok = await asked.readiness();
      await asked.stop();
      expect(ok.checks.simulator?.ok).toBe(true);
      expect(ok.ready).toBe(true);

      // Real credentials (not the built-in simulator): no simulator check at all.
      const real = createGateway(loadConfig({ ...env }), { logger: createLogger('silent') });
      await real.start();
      expect((await real.readiness()).checks.simulator).toBeUndefined();
      await real.stop();
    } finally {
      await sim.close();
    }
  });
});

describe('first mistakes answer in one line', () => {
  it('a port in use names PORT, without a stack trace', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await runCli(['start'], { PORT: String(port), GATEWAY_DATA_DIR: dataDir(), NODE_ENV: 'development' });
      expect(r.code).toBe(1);
      const lines = r.output.trim().split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
      expect(lines).toEqual([`kensho-gateway: port ${port} on 127.0.0.1 is already in use (another gateway?); set PORT to a free port (PORT=${port + 1} npm start), or PORT=0 for any free port`]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('the production banner does not advertise the disabled playground', async () => {
    const gw = await spawnGateway(['start'], { NODE_ENV: 'production', PORT: '0', KENSHO_NERD_ACCESS_TOKEN: 'pasted-token-for-the-banner-test' });
    try {
      expect(gw.output()).toMatch(/GraphQL: +http:\/\//);
      expect(gw.output()).not.toMatch(/Playground:|graphiql/);
      expect(gw.output()).not.toMatch(/SIMULATOR/);
    } finally {
      expect(await gw.stop('SIGTERM')).toBe(0);
    }
  });
});
