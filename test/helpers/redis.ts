import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { PATIENCE_MS, waitForOutput } from './patience.js';
import type { StoreTimeouts } from '../../src/store/timeouts.js';

/** Path of redis-server, or undefined where it is not installed (tests then skip with a reason). */
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => spawnSync(p, ['--version']).status === 0);

/**
 * Store budgets for tests whose verdict is the sharing itself (one token request for a fleet,
 * one bucket or one cache for every replica): each call to a healthy Redis may take as long as a
 * loaded machine needs. With the production budgets (250 ms a cache call, 1 s a token-store call,
 * a 10 s lease) a busy test process read Redis's answers late and its replicas fell back to their
 * own state as designed, fetching their own tokens ([1, 2, 1] token requests instead of
 * [1, 1, 1]). Not for tests that stop Redis: a dead Redis's client queues commands, and only the
 * budgets end them.
 */
export const SHARING_TIMEOUTS: StoreTimeouts = { cacheCallMs: PATIENCE_MS, tokenStoreMs: PATIENCE_MS, leaseMs: PATIENCE_MS };

export interface RedisProcess {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop). */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A private redis-server on an ephemeral loopback port, keeping nothing on disk. */
export async function startRedis(): Promise<RedisProcess> {
  if (!REDIS_SERVER) throw new Error('redis-server is not installed');
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(REDIS_SERVER!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await waitForOutput(child, /Ready to accept connections/, 'redis-server readiness', () => out);
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    restart: launch,
  };
}
