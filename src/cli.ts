import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import Keyv from 'keyv';
import { CALLER_SCOPES, CREDENTIAL_VARIABLES, ConfigError, hasNoCredentials, isLoopback, loadConfig, simulatorRequested } from './config/load.js';
import { describeToken } from './cli/claims.js';
import { DOCTOR_APPS, renderJson, renderTable, runDoctor } from './doctor/index.js';
import type { UpstreamApp } from './apps/registry.js';
import { generateKeys } from './cli/keys.js';
import { VERSION, createGateway } from './gateway.js';
import { createLogger } from './logger.js';
import { serve } from './server/http.js';
import { serveStdio } from './server/mcp-stdio.js';
import { within } from './net/within.js';
import { createServices } from './services.js';
// The simulator package is loaded only when it runs (loadSimulator): its PDF library
// (pdfjs-dist) replaces JSON.stringify, JSON.parse and Array.prototype.push for the whole process
// on Node 20, and a production install (npm ci --omit=dev, the container image) does not have it.
import type { Simulator } from '@kensho-gateway/simulator';
import { UPSTREAM_APPS, appNames } from './apps/registry.js';

type Env = Record<string, string | undefined>;

/** The command line: the only place that reads the process environment and starts things. */
export async function main(argv: string[], env: Env): Promise<void> {
  const dataDirDefault = env.GATEWAY_DATA_DIR ?? '.data';
  const program = new Command('kensho-gateway').version(VERSION).description(`One GraphQL endpoint for ${appNames()}`);

  program
    .command('start', { isDefault: true })
    .description('Run the gateway. With no upstream credentials on a loopback HOST (NODE_ENV not production) it starts the built-in simulator.')
    .option('--data-dir <dir>', 'where the simulator keeps its demo keys', dataDirDefault)
    .option('--simulator', 'run against the built-in simulator even on a non-loopback HOST (same as GATEWAY_SIMULATOR=true)', false)
    .action(async (opts: { dataDir: string; simulator: boolean }) => startCommand(env, resolve(opts.dataDir), opts.simulator));

  program
    .command('mcp')
    .description('Serve the MCP tools over stdio for a local MCP client (the caller: MCP_CALLER_TOKEN, an API key or JWT as for /graphql). With no upstream credentials it starts the built-in simulator, as start does.')
    .option('--data-dir <dir>', 'where the simulator keeps its demo keys', dataDirDefault)
    .option('--simulator', 'run against the built-in simulator (same as GATEWAY_SIMULATOR=true)', false)
    .action(async (opts: { dataDir: string; simulator: boolean }) => mcpCommand(env, resolve(opts.dataDir), opts.simulator));

  program
    .command('simulator')
    .description('Run the upstream simulator alone and print its URLs and demo credentials')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free port)', parsePort, 4010)
    .option('--latency-ms <ms>', 'latency added to every answer', parsePort, 0)
    .option('--data-dir <dir>', 'where the demo keys are kept', dataDirDefault)
    .action(async (opts: { host: string; port: number; latencyMs: number; dataDir: string }) => {
      const { runSimulator } = await loadSimulator((missing) => `${missing}; install the development dependencies too (npm ci) to run it`);
      // Handled before the simulator prints its URLs (a caller may stop it as soon as it reads them).
      let sim: Awaited<ReturnType<typeof runSimulator>> | undefined;
      onShutdown(async () => sim?.close());
      sim = await runSimulator({ host: opts.host, port: opts.port, latencyMs: opts.latencyMs, dataDir: resolve(opts.dataDir) });
    });

  program
    .command('keys')
    .description('Generate an RSA key pair as Kensho (and Skykit) ask: PKCS#8 private key, SPKI public key')
    .option('--out <dir>', 'directory for the key files', 'keys')
    .option('--name <name>', 'file name prefix', 'kensho')
    .option('--force', 'replace existing key files', false)
    .action((opts: { out: string; name: string; force: boolean }) => {
      generateKeys({ outDir: opts.out, name: opts.name, force: opts.force, log: (l) => console.log(l) });
    });

  program
    .command('api-key <name>')
    .description('Generate an API key for AUTH_MODE=api-key: prints the key once, and the API_KEYS entry (its hash) to configure')
    .option('--scopes <scopes>', `comma-separated caller scopes: ${CALLER_SCOPES.slice(0, -1).join(', ')}, or *`, '*')
    .action((name: string, opts: { scopes: string }) => {
      const scopes = opts.scopes.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = scopes.filter((s) => !(CALLER_SCOPES as readonly string[]).includes(s));
      if (bad.length > 0) throw new Error(`unknown scope(s) ${bad.join(', ')}; use ${CALLER_SCOPES.join(', ')}`);
      const key = `kgw_${randomBytes(32).toString('base64url')}`;
      console.log(`API key for "${name}" (shown once; give it to the caller, keep only the hash):\n  ${key}\n`);
      console.log('Add this entry to the API_KEYS JSON array (or the API_KEYS_FILE):');
      console.log(`  ${JSON.stringify({ name, sha256: createHash('sha256').update(key).digest('hex'), scopes })}`);
    });

  program
    .command('claims [token]')
    .description("Print a token's header and claims (not the token itself unless --show-token)")
    .option('--stdin', 'read the token from standard input', false)
    .option('--obtain <app>', `obtain a token for ${SCOPED_KEYS} with the configured credentials, then describe it`)
    .option('--show-token', 'also print the token', false)
    .action(async (token: string | undefined, opts: { stdin: boolean; obtain?: string; showToken: boolean }) => {
      let value = token;
      if (opts.stdin) value = readFileSync(0, 'utf8').trim();
      if (opts.obtain) value = await obtainToken(env, opts.obtain);
      if (!value) throw new Error(`give a token, --stdin, or --obtain ${SCOPED_APPS.map((a) => a.key).join('|')}`);
      console.log(JSON.stringify(describeToken(value, Date.now(), opts.showToken), null, 2));
    });

  program
    .command('doctor')
    .description('Check the configured credentials against the real upstreams with harmless calls; exits 1 when something the gateway needs is broken')
    .option('--json', 'print the report as JSON', false)
    .option('--skip <apps>', `comma-separated apps not to check (${DOCTOR_APPS.join(', ')})`, parseApps, [] as UpstreamApp[])
    .action(async (opts: { json: boolean; skip: UpstreamApp[] }) => {
      const report = await runDoctor({ env, skip: opts.skip, version: VERSION });
      process.stdout.write(opts.json ? renderJson(report) : renderTable(report));
      process.exitCode = report.exitCode;
    });

  await program.parseAsync(argv);
}

/** The environment a command runs with: the process's, or with the built-in simulator's demo credentials where none are set. */
interface Upstreams {
  readonly effective: Env;
  readonly simulator: Simulator | undefined;
  readonly demoData: string;
  readonly requested: boolean;
}

/**
 * Starts the built-in simulator when no upstream credentials are set (outside production, on a
 * loopback `host` or when asked for), and returns the environment with its demo credentials.
 */
async function upstreamEnvironment(env: Env, dataDir: string, simulatorFlag: boolean, host: string): Promise<Upstreams> {
  let effective: Env = env;
  let simulator: Simulator | undefined;
  let demoData = '';
  const requested = simulatorFlag || simulatorRequested(env);
  if (requested && !hasNoCredentials(env)) {
    throw new ConfigError([`GATEWAY_SIMULATOR / --simulator: upstream credentials are set too; unset them to run the built-in simulator, or drop the simulator flag to use them`]);
  }
  if (hasNoCredentials(env)) {
    const set = `set at least one of: ${CREDENTIAL_VARIABLES.join(', ')}`;
    if (env.NODE_ENV === 'production' && !requested) {
      throw new ConfigError([`no upstream credentials are set and NODE_ENV is production; ${set} (the built-in simulator runs only outside production)`]);
    }
    // A deploy that forgot its secrets must not come up serving demo data to the network.
    if (!isLoopback(host) && !requested) {
      throw new ConfigError([
        `no upstream credentials are set and HOST ${host} is not loopback; ${set}. The built-in simulator starts by itself only on a loopback HOST (127.0.0.1); to run it here anyway, pass --simulator or set GATEWAY_SIMULATOR=true`,
      ]);
    }
    const { startSimulator, prepareDemo } = await loadSimulator((missing) => `no upstream credentials are set, and ${missing}; ${set}`);
    simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
    const demo = await prepareDemo(simulator, dataDir);
    const { tenantCode, serialNumber, contentName, samplePdf } = demo.summary.examples;
    demoData = `tenant ${tenantCode}, device ${serialNumber}, content "${contentName}", PDF ${samplePdf}`;
    effective = { ...env, ...demo.env };
    // A developer's corporate proxy cannot reach the simulator on this machine's loopback.
    const noProxy = effective.NO_PROXY ?? effective.no_proxy;
    // ("*" alone means "never proxy" to undici; in a list it would not.)
    if ((effective.HTTPS_PROXY || effective.https_proxy || effective.HTTP_PROXY || effective.http_proxy) && noProxy?.trim() !== '*') {
      effective.NO_PROXY = [noProxy, new URL(simulator.url).hostname].filter(Boolean).join(',');
    }
  }
  return { effective, simulator, demoData, requested };
}

/**
 * `kensho-gateway mcp`: the MCP server over stdio for a local client (docs/mcp.md). Standard
 * output carries only MCP messages: logs go to standard error.
 */
async function mcpCommand(env: Env, dataDir: string, simulatorFlag: boolean): Promise<void> {
  const { effective, simulator } = await upstreamEnvironment(env, dataDir, simulatorFlag, '127.0.0.1');
  const config = loadConfig(effective, { simulatorUrl: simulator?.url, simulatorFlag });
  const gateway = createGateway(config, { logger: createLogger(config.logLevel, process.stderr) });
  const stop = async () => {
    gateway.drain();
    await gateway.stop();
    await simulator?.close();
  };
  const running = await serveStdio(gateway).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  onShutdown(async () => {
    await running.close();
    await stop();
  });
  await running.closed;
  await stop();
}

async function startCommand(env: Env, dataDir: string, simulatorFlag: boolean): Promise<void> {
  const host = env.HOST?.trim() || '127.0.0.1';
  const { effective, simulator, demoData, requested } = await upstreamEnvironment(env, dataDir, simulatorFlag, host);
  const config = loadConfig(effective, { simulatorUrl: simulator?.url, simulatorFlag });
  const gateway = createGateway(config);
  // Loaded only when OTEL_* asks for it: a gateway without tracing settings loads no SDK.
  const traces = config.telemetry.traces;
  const tracing = traces ? (await import('./observability/tracing-sdk.js')).startTracing(traces, { logger: gateway.logger, version: VERSION }) : undefined;
  const running = await serve(gateway, { host: config.host, port: config.port }).catch(async (error: unknown) => {
    await simulator?.close();
    await tracing?.shutdown();
    throw listenError(error, config.host, config.port);
  });
  const shown = running.url.replace('//0.0.0.0:', '//localhost:').replace('//[::]:', '//localhost:');
  const lines = [
    '',
    `  Kensho Gateway ${VERSION}`,
    // A disabled playground is not advertised (it answers 404).
    ...(config.server.playground ? [`  Playground: ${shown}/graphiql`] : []),
    `  GraphQL:    ${shown}/graphql`,
    `  MCP:        ${shown}/mcp`,
    ...(simulator
      ? [
          '',
          `  Running against the BUILT-IN SIMULATOR (${requested ? 'asked for with --simulator / GATEWAY_SIMULATOR' : 'no upstream credentials were configured'}): demo data, not Kensho or Skykit.`,
          `  Simulator:  ${simulator.url}   demo keys in ${dataDir}`,
          // What the README's tour names, so the first queries find data.
          `  Demo data:  ${demoData}`,
          '  Set KENSHO_CLIENT_ID + KENSHO_PRIVATE_KEY_FILE (or per-app tokens) to use the real services.',
        ]
      : []),
    '',
  ];
  // Before the banner: whoever starts the gateway may stop it as soon as it reads the URL, and a
  // SIGTERM that came before the handler would kill the process without draining.
  onShutdown(async () => {
    await running.close(config.server.shutdownGraceSeconds * 1000);
    // The spans still queued (the last operations') are exported, within a bound.
    await within(tracing?.shutdown() ?? Promise.resolve(), 5_000, 'trace export').catch(() => undefined);
    await simulator?.close();
  });
  process.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * Loads the simulator package, a development dependency. Where it is not installed (a production
 * install) the command stops with one ConfigError line, `problem(what is missing)`, instead of
 * a stack trace.
 */
async function loadSimulator(problem: (missing: string) => string): Promise<typeof import('@kensho-gateway/simulator')> {
  try {
    return await import('@kensho-gateway/simulator');
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const missing = `the built-in simulator is not installed here (a production install leaves it out: npm ci --omit=dev, the container image) [${(error as Error).message}]`;
    throw new ConfigError([problem(missing)]);
  }
}

/**
 * The first thing a second `npm start` meets: a port already taken. One line naming PORT instead
 * of a stack trace.
 */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use (another gateway?); set PORT to a free port (PORT=${port + 1} npm start), or PORT=0 for any free port`);
  if (code === 'EACCES') return new Error(`not allowed to listen on port ${port} on ${host}; set PORT to a port above 1023`);
  if (code === 'EADDRNOTAVAIL') return new Error(`HOST ${host} is not an address of this machine; set HOST (127.0.0.1 for this machine only, 0.0.0.0 for every interface)`);
  return error;
}

/** The apps whose tokens `claims --obtain` can fetch: those with an OAuth scope (Kensho apps). */
const SCOPED_APPS = UPSTREAM_APPS.filter((app) => app.scope !== '');
const SCOPED_KEYS = SCOPED_APPS.map((app) => app.key).join(' or ');

async function obtainToken(env: Env, key: string): Promise<string> {
  const app = SCOPED_APPS.find((a) => a.key === key);
  if (!app) throw new Error(`--obtain takes ${SCOPED_KEYS}`);
  const config = loadConfig(env);
  const services = createServices(config, { cache: new Keyv(), logger: createLogger('silent') });
  const credential = services.credentials[app.key];
  if (!credential) throw new Error(`no credential is configured for ${app.key}`);
  return services.tokens.getToken(credential, app.scope);
}

function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: shutting down\n`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('expected a whole number 0..65535');
  return n;
}

function parseApps(value: string): UpstreamApp[] {
  const apps = value.split(',').map((a) => a.trim()).filter(Boolean);
  const bad = apps.filter((a) => !(DOCTOR_APPS as readonly string[]).includes(a));
  if (bad.length > 0) throw new InvalidArgumentError(`unknown app(s) ${bad.join(', ')}; use ${DOCTOR_APPS.join(', ')}`);
  return apps as UpstreamApp[];
}
