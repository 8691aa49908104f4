import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DOCTOR_APPS, renderJson, renderTable, runDoctor, type DoctorReport } from '../../src/doctor/index.js';
import { OFFSET_PROBE_TEXT, detectOffsetUnit } from '../../src/apps/nerd/offset-unit.js';
import { redactReport } from '../../src/doctor/redact.js';
import { createDoctorContext } from '../../src/doctor/context.js';
import { loadConfig } from '../../src/config/load.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '@kensho-gateway/simulator';
import { undiciTransport, type Transport } from '../../src/net/transport.js';
import { findLeaks, makeKeyPair } from '../helpers/stack.js';
import { UPSTREAM_APPS, type UpstreamApp } from '../../src/apps/registry.js';
import { runCli } from '../helpers/spawn-gateway.js';
import { startProxy } from '../helpers/proxy.js';
import { PATIENCE_MS } from '../helpers/patience.js';

/** Everything doctor printed in this file (tables and JSON, in-process and CLI), scanned at the end. */
const outputs: string[] = [];
/** Every secret configured or handed out by a simulator in this file. */
const secrets = new Set<string>();
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** The transport doctor uses, plus a tap that notes every secret that crosses it (for the leak scan). */
const tapping: Transport = async (req) => {
  const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (auth) secrets.add(auth);
  const url = new URL(req.url);
  const rt = url.searchParams.get('refresh_token');
  if (rt) secrets.add(rt);
  if (typeof req.body === 'string' && req.body.includes('client_assertion=')) secrets.add(new URLSearchParams(req.body).get('client_assertion')!);
  const res = await undiciTransport(req);
  if (!/\/v1\/token$|\/oauth2\/refresh$/.test(url.pathname)) return res;
  const chunks: Uint8Array[] = [];
  for await (const c of res.body) chunks.push(c);
  const raw = Buffer.concat(chunks);
  try {
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    for (const k of ['access_token', 'accessToken']) if (typeof body[k] === 'string') secrets.add(body[k]);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: (async function* () { yield raw; })(), discard: async () => undefined };
};

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator(options);
  cleanups.push(() => s.close());
  return s;
}

/** The environment a gateway would have: a key pair for NERD and Extract and a Skykit issuer. */
function envFor(s: Simulator, options: { scopes?: string[]; skykit?: 'all' | 'none' | 'unregistered' } = {}): Record<string, string> {
  const kensho = makeKeyPair('pkcs8');
  const clientId = `0oa-doctor-${Math.random().toString(36).slice(2, 10)}`;
  s.registerClient({ clientId, publicKey: kensho.publicKey, scopes: options.scopes ?? ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:link', 'kensho:app:scribe', 'kensho:app:kfinance'] });
  const skykit = makeKeyPair('pkcs1');
  const email = `doctor-${Math.random().toString(36).slice(2, 8)}@example.com`;
  if (options.skykit !== 'unregistered') s.registerSkykitIssuer({ email, publicKey: skykit.publicKey, permissions: options.skykit ?? 'all' });
  for (const pem of [kensho.pem, skykit.pem]) for (const line of pem.split('\n').slice(1, -2)) secrets.add(line);
  return {
    NODE_ENV: 'test',
    KENSHO_TOKEN_URL: s.urls.tokenUrl,
    KENSHO_NERD_URL: s.urls.nerd,
    KENSHO_EXTRACT_URL: s.urls.extract,
    KENSHO_SCRIBE_URL: s.urls.scribe,
    SKYKIT_URL: s.urls.skykit,
    KENSHO_KFINANCE_URL: s.urls.kfinance,
    KENSHO_LINK_URL: s.urls.link,
    KENSHO_CLIENT_ID: clientId,
    KENSHO_PRIVATE_KEY: kensho.pem,
    SKYKIT_ISSUER: email,
    SKYKIT_PRIVATE_KEY: skykit.pem,
    // Each check's timeout is a hang bound here (a loaded machine takes seconds per check); the
    // test of the timeout itself sets its own.
    UPSTREAM_TIMEOUT_MS: String(PATIENCE_MS),
  };
}

async function doctor(env: Record<string, string>, skip: UpstreamApp[] = []): Promise<DoctorReport> {
  for (const name of ['KENSHO_NERD_REFRESH_TOKEN', 'KENSHO_EXTRACT_REFRESH_TOKEN', 'KENSHO_NERD_ACCESS_TOKEN', 'KENSHO_EXTRACT_ACCESS_TOKEN']) if (env[name]) secrets.add(env[name]);
  const report = await runDoctor({ env, skip, transport: tapping, version: 'test' });
  outputs.push(renderTable(report), renderJson(report));
  return report;
}

function row(report: DoctorReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no row ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('doctor against the simulator', () => {
  it('passes with a key pair and a Skykit issuer, after really calling every upstream', async () => {
    const s = await sim();
    const report = await doctor(envFor(s));
    expect(report.checks.filter((c) => c.status !== 'ok').map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(row(report, 'nerd.credential').data).toMatchObject({ kind: 'key-pair' });
    expect(row(report, 'skykit.credential').data).toMatchObject({ kind: 'skykit-jwt' });
    expect(row(report, 'nerd.scopes').data).toMatchObject({ scopes: ['kensho:app:nerd'] });
    expect(row(report, 'extract.api-version').data).toMatchObject({ status: 404, version: 'v3' });
    expect(row(report, 'skykit.devices').data).toMatchObject({ devicesOnFirstPage: 100, morePages: true });
    expect(row(report, 'nerd.token-lifetime').data).toMatchObject({ lifetimeSeconds: expect.any(Number), assertionLifetimeSeconds: 3600 });
    // The checks are proved by real calls, one token request per Kensho app.
    expect(s.counters.tokenRequests('kensho:app:nerd')).toBe(1);
    expect(s.counters.tokenRequests('kensho:app:extract')).toBe(1);
    expect(s.counters.calls('nerd.me')).toBeGreaterThanOrEqual(1);
    expect(s.counters.calls('nerd.annotations-sync')).toBe(1);
    expect(s.counters.calls('extract.get')).toBeGreaterThanOrEqual(1);
    expect(s.counters.calls('skykit.devices')).toBe(1);
    expect(s.counters.calls('scribe.get')).toBe(1);
    expect(renderTable(report)).toMatch(/34 ok, 0 warnings, 0 failed, 0 skipped/);
  });

  it('runs as `kensho-gateway doctor --json` and exits 0', async () => {
    const s = await sim();
    const r = await runCli(['doctor', '--json'], envFor(s));
    outputs.push(r.output);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DoctorReport;
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.status)).toEqual(report.checks.map(() => 'ok'));
  });

  it('fails (exit 1 from the CLI) when the key pair is not granted a scope, naming the scope and the fix', async () => {
    const s = await sim();
    const env = envFor(s, { scopes: ['kensho:app:nerd', 'kensho:app:kfinance'] });
    const r = await runCli(['doctor', '--json'], env);
    outputs.push(r.output);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as DoctorReport;
    const extract = row(report, 'extract.token');
    expect(extract.status).toBe('fail');
    expect(extract.summary).toBe(`KENSHO_CLIENT_ID ${env.KENSHO_CLIENT_ID} is not granted kensho:app:extract`);
    expect(extract.fix).toMatch(/ask Kensho to add the scope kensho:app:extract/);
    expect(extract.fix).toMatch(/--skip extract/);
    expect(row(report, 'extract.api-version').status).toBe('skipped');
    expect(row(report, 'nerd.token').status).toBe('ok');
    // --skip extract,link,scribe: what a NERD-only user runs; then nothing fails.
    const skipped = await runCli(['doctor', '--skip', 'extract,link,scribe'], env);
    outputs.push(skipped.output);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/extract credential\s+not checked \(--skip extract\)/);
  });

  it('reports an unreachable token endpoint and skips what needs a token', async () => {
    const s = await sim();
    const port = await closedPort();
    const report = await doctor({ ...envFor(s), KENSHO_TOKEN_URL: `http://127.0.0.1:${port}/oauth2/default/v1/token` });
    const endpoint = row(report, 'nerd.token-endpoint');
    expect(endpoint.status).toBe('fail');
    expect(endpoint.summary).toMatch(/Okta token URL 127\.0\.0\.1:\d+\/oauth2\/default\/v1\/token could not be reached \(connection refused, ECONNREFUSED\)$/);
    expect(endpoint.fix).toMatch(/KENSHO_TOKEN_URL/);
    expect(row(report, 'nerd.token-lifetime').summary).toBe('skipped: nerd token endpoint failed');
    expect(row(report, 'nerd.token').status).toBe('skipped');
    expect(row(report, 'nerd.scopes').summary).toBe('skipped: nerd token endpoint failed');
    expect(row(report, 'skykit.devices').status).toBe('ok');
    expect(report.exitCode).toBe(1);
  });

  it('reports a key the token endpoint rejects, and a token endpoint that is down', async () => {
    const s = await sim();
    const env = envFor(s);
    // Kensho holds another public key for this Client ID.
    s.registerClient({ clientId: env.KENSHO_CLIENT_ID!, publicKey: makeKeyPair('pkcs8', 'another').publicKey, scopes: ['kensho:app:nerd', 'kensho:app:extract'] });
    const rejected = await doctor(env, ['skykit']);
    expect(row(rejected, 'nerd.token-endpoint')).toMatchObject({ status: 'ok', data: { status: 401 } });
    const token = row(rejected, 'nerd.token');
    expect(token.status).toBe('fail');
    expect(token.summary).toMatch(/rejected client .*invalid_client.*signature is invalid/);
    expect(token.fix).toMatch(/KENSHO_CLIENT_ID is the Client ID Kensho sent for the public key/);

    const s2 = await sim();
    s2.inject({ target: 'okta', status: 503, times: 10 });
    const down = await doctor(envFor(s2), ['skykit']);
    const endpoint = row(down, 'nerd.token-endpoint');
    expect(endpoint).toMatchObject({ status: 'fail', data: { status: 503 } });
    expect(endpoint.summary).toMatch(/answered HTTP 503: unavailable right now/);
    expect(row(down, 'nerd.token').status).toBe('skipped');
    expect(down.exitCode).toBe(1);
  });

  it('reports a rejected refresh token (and accepts a good one for the other app)', async () => {
    const s = await sim();
    const env = envFor(s);
    delete env.KENSHO_CLIENT_ID;
    delete env.KENSHO_PRIVATE_KEY;
    env.KENSHO_NERD_REFRESH_TOKEN = `rt_nerd_${Math.random().toString(36).slice(2)}notissued`;
    env.KENSHO_EXTRACT_REFRESH_TOKEN = s.issueRefreshToken('extract');
    const report = await doctor(env);
    expect(row(report, 'nerd.credential').data).toMatchObject({ kind: 'refresh-token' });
    expect(row(report, 'nerd.token-endpoint')).toMatchObject({ status: 'ok', data: { status: 401 } });
    const token = row(report, 'nerd.token');
    expect(token.status).toBe('fail');
    expect(token.summary).toMatch(/^Refresh token rejected for Kensho NERD \(HTTP 401\)$/);
    expect(token.fix).toMatch(/KENSHO_NERD_REFRESH_TOKEN/);
    expect(row(report, 'extract.token').status).toBe('ok');
    expect(row(report, 'extract.token-endpoint').summary).toMatch(/refresh endpoint/);
    expect(row(report, 'extract.api-version').status).toBe('ok');
    expect(report.exitCode).toBe(1);
  });

  it('reports an expired pasted access token, and warns that a valid one cannot be renewed', async () => {
    const s = await sim();
    const env = envFor(s);
    delete env.KENSHO_CLIENT_ID;
    delete env.KENSHO_PRIVATE_KEY;
    env.KENSHO_NERD_ACCESS_TOKEN = await s.issueAccessToken({ scopes: ['kensho:app:nerd'], lifetimeSeconds: -60 });
    env.KENSHO_EXTRACT_ACCESS_TOKEN = await s.issueAccessToken({ scopes: ['kensho:app:extract'], lifetimeSeconds: 1800 });
    const report = await doctor(env);
    expect(row(report, 'nerd.token-endpoint').status).toBe('skipped');
    const token = row(report, 'nerd.token');
    expect(token.status).toBe('fail');
    expect(token.summary).toMatch(/expired at \d{4}-\d\d-\d\dT/);
    expect(token.fix).toMatch(/KENSHO_NERD_ACCESS_TOKEN/);
    expect(row(report, 'nerd.offsets').status).toBe('skipped');
    expect(row(report, 'extract.token-lifetime')).toMatchObject({ status: 'warn', data: { credential: 'access-token' } });
    expect(row(report, 'extract.api-version').status).toBe('ok');
    expect(report.exitCode).toBe(1);
  });

  it('reports a base URL that redirects, with the Location host and the base URL to set', async () => {
    const s = await sim();
    const redirector = await listen((req, res) => {
      req.resume();
      res.writeHead(302, { location: `https://nerd.example.com/api${req.url ?? '/'}` }).end();
    });
    const report = await doctor({ ...envFor(s), KENSHO_NERD_URL: redirector.url });
    const base = row(report, 'nerd.base-url');
    expect(base.status).toBe('fail');
    expect(base.summary).toMatch(/redirects \(HTTP 302\) to nerd\.example\.com/);
    expect(base.data).toMatchObject({ locationHost: 'nerd.example.com', suggestedBaseUrl: 'https://nerd.example.com/api' });
    expect(base.fix).toMatch(/KENSHO_NERD_URL=https:\/\/nerd\.example\.com\/api/);
    expect(row(report, 'nerd.scopes').status).toBe('skipped');
    expect(row(report, 'nerd.offsets').status).toBe('skipped');
    expect(row(report, 'extract.base-url').status).toBe('ok');
    expect(report.exitCode).toBe(1);

    // The token endpoint too: the assertion must not follow a redirect either.
    const viaToken = await doctor({ ...envFor(s), KENSHO_TOKEN_URL: `${redirector.url}/oauth2/default/v1/token` }, ['skykit']);
    const endpoint = row(viaToken, 'nerd.token-endpoint');
    expect(endpoint.status).toBe('fail');
    expect(endpoint.summary).toMatch(/redirects \(HTTP 302\) to nerd\.example\.com/);
    expect(endpoint.fix).toMatch(/KENSHO_TOKEN_URL/);
    expect(row(viaToken, 'nerd.token').status).toBe('skipped');
  });

  it('reports Extract answering 405 (another API version)', async () => {
    const s = await sim();
    const report = await doctor({ ...envFor(s), KENSHO_EXTRACT_URL: `${s.urls.extract}/v2` });
    expect(row(report, 'extract.base-url').status).toBe('ok');
    const version = row(report, 'extract.api-version');
    expect(version).toMatchObject({ status: 'fail', data: { status: 405, version: 'other' } });
    expect(version.fix).toMatch(/KENSHO_EXTRACT_URL/);
    expect(report.exitCode).toBe(1);
  });

  it('reports a Skykit issuer that is not registered, and one without permission', async () => {
    const s = await sim();
    const unregistered = await doctor(envFor(s, { skykit: 'unregistered' }));
    const rejected = row(unregistered, 'skykit.devices');
    expect(rejected).toMatchObject({ status: 'fail', data: { status: 401 } });
    expect(rejected.fix).toMatch(/register the e-mail in SKYKIT_ISSUER/);
    const noPermission = await doctor(envFor(s, { skykit: 'none' }));
    const forbidden = row(noPermission, 'skykit.devices');
    expect(forbidden).toMatchObject({ status: 'fail', data: { status: 403 } });
    expect(forbidden.summary).toMatch(/no permission/);
    expect(noPermission.exitCode).toBe(1);
  });

  it('warns about clock skew from the Date header, and the offset clock shows in the token row', async () => {
    // The simulator's clock runs 10 minutes ahead; a front server dates its answers by that clock.
    const skewMs = 600_000;
    const s = await sim({ clock: () => Date.now() + skewMs });
    const front = await listen((req, res) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k)) headers[k] = v;
        const upstream = await fetch(`${s.url}${req.url ?? '/'}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined, redirect: 'manual' });
        const body = Buffer.from(await upstream.arrayBuffer());
        res.setHeader('date', new Date(Date.now() + skewMs).toUTCString());
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(body);
      })();
    });
    const env = envFor(s);
    // 5-minute assertions: signed now, already expired by the simulator's clock.
    const report = await doctor({ ...env, KENSHO_ASSERTION_LIFETIME_SECONDS: '300', KENSHO_NERD_URL: `${front.url}/nerd`, KENSHO_EXTRACT_URL: `${front.url}/extract`, SKYKIT_URL: `${front.url}/skykit` });
    const clock = row(report, 'clock');
    expect(clock.status).toBe('warn');
    expect(clock.summary).toMatch(/this machine's clock is (59\d|60\d) s behind 127\.0\.0\.1:\d+/);
    const hosts = (clock.data as { hosts: Array<{ host: string; skewSeconds: number }> }).hosts;
    const skewed = hosts.find((h) => h.host === new URL(front.url).host)!;
    expect(Math.abs(skewed.skewSeconds - 600)).toBeLessThanOrEqual(2);
    expect(clock.fix).toMatch(/NTP/);
    // A 5-minute assertion signed now has expired by the simulator's clock.
    const token = row(report, 'nerd.token');
    expect(token.status).toBe('fail');
    expect(token.summary).toMatch(/expired/);
    expect(token.fix).toMatch(/clock/);
    expect(row(report, 'skykit.devices').status).toBe('ok');
  });

  it('reports the offset unit NERD uses, from its own answer, for both units', async () => {
    for (const unit of ['codepoint', 'utf16'] as const) {
      const s = await sim({ nerdOffsetUnit: unit });
      const report = await doctor(envFor(s), ['extract', 'skykit']);
      expect(row(report, 'nerd.offsets')).toMatchObject({ status: 'ok', data: { unit, example: { text: 'Apple Inc.', start: unit === 'codepoint' ? 2 : 3 } } });
    }
  });

  it('names the unit only from consistent, telling spans', () => {
    const text = OFFSET_PROBE_TEXT;
    const at = (start: number) => [{ annotations: [{ start_index: start, end_index: start + 10, text: 'Apple Inc.' }] }];
    expect(detectOffsetUnit(text, at(3)).unit).toBe('utf16');
    expect(detectOffsetUnit(text, at(2)).unit).toBe('codepoint');
    expect(detectOffsetUnit(text, []).unit).toBe('unknown');
    expect(detectOffsetUnit(text, [...at(2), ...at(3)]).unit).toBe('unknown');
    // A span before the emoji reads the same both ways and tells nothing.
    expect(detectOffsetUnit(`Apple Inc. ${text}`, [{ annotations: [{ start_index: 0, end_index: 10, text: 'Apple Inc.' }] }]).unit).toBe('unknown');
  });

  it('warns when the access token follows a short assertion', async () => {
    const s = await sim({ tokenLifetimeSeconds: 300 });
    const report = await doctor({ ...envFor(s), KENSHO_ASSERTION_LIFETIME_SECONDS: '300' }, ['skykit']);
    const lifetime = row(report, 'nerd.token-lifetime');
    expect(lifetime.status).toBe('warn');
    expect(lifetime.summary).toMatch(/follows the assertion's lifetime/);
    expect(lifetime.fix).toMatch(/KENSHO_ASSERTION_LIFETIME_SECONDS=3600/);
    expect(report.exitCode).toBe(0);
  });

  it('gives each check its own timeout', async () => {
    const s = await sim();
    // Accepts connections and never answers; counts the requests the doctor gave up on.
    let asked = 0;
    let abandoned = 0;
    const silent = await listen((req) => {
      asked++;
      req.socket.once('close', () => abandoned++);
    });
    const report = await doctor({ ...envFor(s), SKYKIT_URL: silent.url, UPSTREAM_TIMEOUT_MS: '300' }, ['nerd', 'extract']);
    const base = row(report, 'skykit.base-url');
    expect(base.status).toBe('fail');
    expect(base.summary).toMatch(/did not finish within 300 ms/);
    expect(row(report, 'skykit.devices').status).toBe('skipped');
    // The report came back while the host still had not answered: the check's timeout ended it
    // (without one the report never comes), and the check's call was cancelled, not left open.
    expect(asked).toBeGreaterThan(0);
    await expect.poll(() => abandoned, { timeout: PATIENCE_MS }).toBe(asked);
  });

  it('sends its calls the way the gateway does: through the configured proxy, with the User-Agent', async () => {
    const s = await sim();
    const password = 'd0ctor-Pr0xy-Pass';
    secrets.add(password);
    const proxy = await startProxy({ auth: { user: 'corp', password } });
    cleanups.push(() => proxy.close());
    // No injected transport: doctor builds the gateway's own (proxy agent from the config).
    const env = { ...envFor(s), HTTP_PROXY: proxy.url, NO_PROXY: '' };
    const report = await runDoctor({ env, version: 'test' });
    outputs.push(renderTable(report), renderJson(report));
    expect(report.checks.filter((c) => c.status !== 'ok').map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
    expect(row(report, 'proxy').summary).toBe(`HTTP_PROXY http://***@127.0.0.1:${new URL(proxy.url).port} (HTTP_PROXY accepts connections)`);
    const calls = s.counters.log();
    expect(calls.length).toBeGreaterThanOrEqual(8);
    const proxyPorts = new Set(proxy.events.map((e) => e.localPort));
    expect(calls.filter((c) => !proxyPorts.has(c.remotePort)).map((c) => c.endpoint)).toEqual([]);
    expect(calls.filter((c) => c.userAgent !== 'kensho-gateway/test').map((c) => c.endpoint)).toEqual([]);
  });

  it('shows the proxy without its password, and a bad configuration as a failed row', async () => {
    const s = await sim();
    const password = 'pr0xyS3cretPass';
    secrets.add(password);
    const report = await doctor({ ...envFor(s), HTTPS_PROXY: `http://user:${password}@127.0.0.1:9`, NO_PROXY: '127.0.0.1,localhost' }, [...DOCTOR_APPS]);
    expect(row(report, 'proxy').summary).toBe('HTTPS_PROXY http://***@127.0.0.1:9, NO_PROXY 127.0.0.1,localhost (no configured upstream goes through it)');
    const bad = await doctor({ ...envFor(s), PORT: 'nope' });
    expect(bad.checks).toHaveLength(1);
    expect(row(bad, 'config')).toMatchObject({ status: 'fail' });
    expect(row(bad, 'config').summary).toMatch(/PORT: "nope" is not a whole number/);
    expect(bad.exitCode).toBe(1);
  });

  it('holds the configured token of every Kensho app in the registry for its last redaction pass, Scribe and kFinance included', async () => {
    const s = await sim();
    const env = envFor(s);
    const configured = new Map<UpstreamApp, string>();
    for (const app of UPSTREAM_APPS) {
      if (app.scope === '') continue;
      const rt = s.issueRefreshToken(app.key as Parameters<typeof s.issueRefreshToken>[0]);
      env[`KENSHO_${app.key.toUpperCase()}_REFRESH_TOKEN`] = rt;
      configured.set(app.key, rt);
      secrets.add(rt);
    }
    expect([...configured.keys()]).toEqual(UPSTREAM_APPS.filter((app) => app.scope !== '').map((app) => app.key));
    const ctx = createDoctorContext(loadConfig(env), { transport: tapping });
    try {
      // Each refresh token works: its app's refresh endpoint at the simulator grants a token.
      for (const app of configured.keys()) expect((await ctx.token(app)).ok, app).toBe(true);
      const held = ctx.secrets();
      const missing = [...configured].filter(([, rt]) => !held.includes(rt)).map(([app]) => app);
      console.log(`configured refresh tokens the redaction pass would miss: ${JSON.stringify(missing)}`);
      expect(missing).toEqual([]);
    } finally {
      ctx.close();
    }
  });

  it('names a dead proxy as the cause, with the variable to change, instead of blaming the upstream', async () => {
    const s = await sim();
    const password = 'd3ad-Pr0xy-Pass';
    secrets.add(password);
    // No injected transport: doctor builds the gateway's own (proxy agent from the config).
    const report = await runDoctor({ env: { ...envFor(s), HTTP_PROXY: `http://user:${password}@127.0.0.1:9`, NO_PROXY: '' }, skip: ['extract', 'scribe', 'skykit', 'link', 'kfinance'], version: 'test' });
    outputs.push(renderTable(report), renderJson(report));
    const proxy = row(report, 'proxy');
    expect(proxy.status).toBe('fail');
    expect(proxy.summary).toMatch(/^HTTP_PROXY http:\/\/\*\*\*@127\.0\.0\.1:9 cannot be reached \(connection refused, ECONNREFUSED\)/);
    expect(proxy.fix).toMatch(/set HTTP_PROXY to one that runs/);
    for (const id of ['nerd.token-endpoint', 'nerd.base-url']) {
      expect(row(report, id).status).toBe('fail');
      expect(row(report, id).summary).toMatch(/could not be reached through HTTP_PROXY http:\/\/\*\*\*@127\.0\.0\.1:9/);
      expect(row(report, id).fix).toMatch(/^see the proxy row/);
    }
    expect(s.counters.log()).toEqual([]);
  });

  it('fails the base URL row (not ok, then a warning) when the NERD base URL lacks its path, naming the variable', async () => {
    const s = await sim();
    const report = await doctor({ ...envFor(s), KENSHO_NERD_URL: s.url }, ['extract', 'scribe', 'skykit', 'link', 'kfinance']);
    const base = row(report, 'nerd.base-url');
    expect(base.status).toBe('fail');
    expect(base.summary).toMatch(/HTTP 404 to GET \/me and to POST \/api\/v1\/annotations-sync/);
    expect(base.fix).toMatch(/^set KENSHO_NERD_URL to/);
    // What depends on the base URL is skipped, saying why; no row says "nothing to change".
    expect(row(report, 'nerd.scopes')).toMatchObject({ status: 'skipped', summary: 'skipped: nerd base URL failed' });
    expect(report.checks.filter((c) => c.status === 'warn')).toEqual([]);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['nerd.base-url']);
  });

  it('redacts, as a last guard, known secrets, a bare JWT signature, anything JWT-shaped and PEM keys', () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.${'s'.repeat(43)}`;
    const pem = makeKeyPair('pkcs8').pem;
    const report = { checks: [{ summary: `token ${jwt} and rt_nerd_abcdefgh`, data: { list: [pem, 'sig ' + 's'.repeat(43)] } }] };
    const clean = JSON.stringify(redactReport(report, ['rt_nerd_abcdefgh', jwt]));
    expect(findLeaks(clean, ['rt_nerd_abcdefgh', 's'.repeat(43)])).toEqual([]);
    expect(clean).toContain('[redacted]');
  });

  // Keep last: it reads what every test above printed.
  it('never prints a secret: tokens, refresh tokens, assertions, private keys, proxy passwords', () => {
    expect(outputs.length).toBeGreaterThan(20);
    expect(secrets.size).toBeGreaterThan(20);
    const text = outputs.join('\n');
    // A JWT's signature alone is enough to be worth hiding: look for it too.
    const parts = [...secrets].flatMap((s) => (s.split('.').length === 3 ? [s.split('.')[2]!] : [])).filter((p) => p.length >= 20);
    expect(findLeaks(text, [...secrets, ...parts])).toEqual([]);
  });
});
