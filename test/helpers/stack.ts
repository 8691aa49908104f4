import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import type { Transport } from '../../src/net/transport.js';
import { serve, type RunningServer } from '../../src/server/http.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '@kensho-gateway/simulator';
import type { ManualClock } from './manual-clock.js';
import type { StoreTimeouts } from '../../src/store/timeouts.js';

export interface StackOptions {
  /** How the gateway authenticates to NERD. */
  readonly auth?: 'key-pair' | 'refresh-token' | 'access-token' | 'none';
  readonly keyFormat?: 'pkcs1' | 'pkcs8';
  /** Scopes the simulator registers for the key-pair client. */
  readonly clientScopes?: string[];
  readonly env?: Record<string, string>;
  /** More environment, computed once the simulator listens (e.g. settings naming its port). */
  readonly envFor?: (sim: Simulator) => Record<string, string> | Promise<Record<string, string>>;
  readonly simulator?: SimulatorOptions;
  /**
   * One clock the test moves by hand for the simulator and the gateway: token lifetimes, job
   * durations, rate windows, and every wait of the gateway's services (polling, back-off,
   * pacing) pass only as the test advances it (helpers/manual-clock.ts).
   */
  readonly clock?: ManualClock;
  /** The gateway's clock alone (the simulator keeps its own unless `simulator.clock` is set). */
  readonly gatewayClock?: () => number;
  /** Wraps the gateway's upstream transport (to watch every call it sends). */
  readonly wrapTransport?: (transport: Transport) => Transport;
  /** Budgets of the gateway's calls to a shared store (helpers/redis.ts: SHARING_TIMEOUTS). */
  readonly storeTimeouts?: Partial<StoreTimeouts>;
  /** Scopes for a pasted access token. */
  readonly accessTokenScopes?: string[];
  readonly accessTokenLifetimeSeconds?: number;
  /** Also give Extract its own refresh token (beside whatever `auth` configures). */
  readonly extractRefreshToken?: boolean;
  /** Configure the Skykit credential (default true); 'none' registers a user without permissions. */
  readonly skykit?: boolean | 'no-permission';
}

export interface Stack {
  readonly sim: Simulator;
  readonly gateway: Gateway;
  /** The clock the test moves, when the stack was started with one. */
  readonly clock: ManualClock | undefined;
  readonly server: RunningServer;
  readonly url: string;
  /** The environment the gateway was configured from. */
  readonly env: Readonly<Record<string, string>>;
  /** Secrets the simulator handed out in this stack, for leak checks. */
  readonly secrets: string[];
  readonly logs: string[];
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  readonly status: number;
  readonly data: T | null | undefined;
  readonly errors: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> | undefined;
  readonly raw: string;
}

const LOG_DIR = fileURLToPath(new URL('../../test-output/logs/', import.meta.url));
let stackCount = 0;

const keyPairs = new Map<string, { pem: string; publicKey: KeyObject }>();

/**
 * A keypair as Kensho's instructions produce it, in the requested PEM format: the same one for
 * the same `format` and `name` throughout a test file. An RSA key costs about 0.3 s of CPU to
 * make (ten seconds and more on a loaded machine), and every stack has its own simulator, so
 * stacks need no keys of their own; a test that needs a key nobody registered asks by `name`.
 */
export function makeKeyPair(format: 'pkcs1' | 'pkcs8' = 'pkcs8', name = 'kensho'): { pem: string; publicKey: KeyObject } {
  const key = `${format} ${name}`;
  let pair = keyPairs.get(key);
  if (!pair) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pair = { pem: privateKey.export({ type: format, format: 'pem' }) as string, publicKey };
    keyPairs.set(key, pair);
  }
  return pair;
}

/** Simulator + gateway over real HTTP on ephemeral loopback ports. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const clock = options.clock;
  const sim = await startSimulator({ ...options.simulator, ...(clock ? { clock: clock.now } : {}) });
  const secrets: string[] = [];
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    // Rate limiting has its own tests; elsewhere it would only make counts depend on timing.
    RATE_LIMIT_PER_MINUTE: '0',
    // Tests count upstream calls; the NERD result cache has its own tests.
    NERD_CACHE_TTL_SECONDS: '0',
    // Every operation runs compiled from its first execution (production compiles at the
    // second), so the whole suite checks compiled execution; compiled-execution.test.ts checks
    // the switch from graphql-js and graphql-js alone (GRAPHQL_JIT_AFTER=0).
    GRAPHQL_JIT_AFTER: '1',
    KENSHO_TOKEN_URL: sim.urls.tokenUrl,
    KENSHO_NERD_URL: sim.urls.nerd,
    KENSHO_EXTRACT_URL: sim.urls.extract,
    KENSHO_SCRIBE_URL: sim.urls.scribe,
    SKYKIT_URL: sim.urls.skykit,
    KENSHO_KFINANCE_URL: sim.urls.kfinance,
    // Every upstream points at the simulator: a test gateway never reaches a production URL.
    KENSHO_LINK_URL: sim.urls.link,
  };
  const auth = options.auth ?? 'key-pair';
  if (auth === 'key-pair') {
    const { pem, publicKey } = makeKeyPair(options.keyFormat);
    const clientId = `0oa-test-${Math.random().toString(36).slice(2, 10)}`;
    sim.registerClient({ clientId, publicKey, scopes: options.clientScopes ?? ['kensho:app:nerd', 'kensho:app:extract'] });
    env.KENSHO_CLIENT_ID = clientId;
    env.KENSHO_PRIVATE_KEY = pem;
    secrets.push(pem.split('\n')[1]!);
  } else if (auth === 'refresh-token') {
    const rt = sim.issueRefreshToken('nerd');
    env.KENSHO_NERD_REFRESH_TOKEN = rt;
    secrets.push(rt);
  } else if (auth === 'access-token') {
    const at = await sim.issueAccessToken({ scopes: options.accessTokenScopes ?? ['kensho:app:nerd'], lifetimeSeconds: options.accessTokenLifetimeSeconds });
    env.KENSHO_NERD_ACCESS_TOKEN = at;
    secrets.push(at);
  }
  if (options.extractRefreshToken) {
    const rt = sim.issueRefreshToken('extract');
    env.KENSHO_EXTRACT_REFRESH_TOKEN = rt;
    secrets.push(rt);
  }
  if (options.skykit !== false) {
    const { pem, publicKey } = makeKeyPair('pkcs8', 'skykit');
    const email = `gateway-${Math.random().toString(36).slice(2, 8)}@example.com`;
    sim.registerSkykitIssuer({ email, publicKey, permissions: options.skykit === 'no-permission' ? 'none' : 'all' });
    env.SKYKIT_ISSUER = email;
    env.SKYKIT_PRIVATE_KEY = pem;
    secrets.push(pem.split('\n')[1]!);
  }
  Object.assign(env, options.env, await options.envFor?.(sim));

  const logs: string[] = [];
  // Every stack's logs and secrets also go to test-output/logs, scanned after the whole suite.
  const logBase = join(LOG_DIR, `${process.pid}-${++stackCount}-${Date.now()}`);
  writeFileSync(`${logBase}.secrets`, `${secrets.join('\n')}\n`);
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      const line = chunk.toString('utf8');
      logs.push(line);
      appendFileSync(`${logBase}.log`, line);
      done();
    },
  });
  const config = loadConfig(env);
  const gateway = createGateway(config, { logger: createLogger(config.logLevel, sink), clock: options.gatewayClock ?? clock?.now, sleep: clock?.sleep, wrapTransport: options.wrapTransport, storeTimeouts: options.storeTimeouts });
  const server = await serve(gateway, { host: '127.0.0.1', port: 0 });
  const url = server.url;

  return {
    sim,
    gateway,
    clock,
    server,
    url,
    env,
    secrets,
    logs,
    async gql<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await res.text();
      const body = JSON.parse(raw) as { data?: T | null; errors?: GqlResult<T>['errors'] };
      return { status: res.status, data: body.data, errors: body.errors, raw };
    },
    async close() {
      await server.close(1_000);
      await sim.close();
    },
  };
}

export { findLeaks } from './leaks.js';
