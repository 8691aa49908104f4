/**
 * WebSocket sockets at their edges, against the gateway as `npm start` runs it: sockets that
 * misbehave or drop leave only the logger's JSON lines on stdout/stderr, and on SIGTERM idle
 * sockets close at once with 1001 (going away) so the process exits when its work is done, not
 * when the grace period runs out.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSimulator, type Simulator } from '@kensho-gateway/simulator';
import { spawnGateway } from '../helpers/spawn-gateway.js';
import { makeKeyPair } from '../helpers/stack.js';
import { startGate } from '../helpers/gate.js';
import { PATIENCE_MS } from '../helpers/patience.js';

const QUERY = '{ annotateText(text: "Apple in Paris") { annotations { text } } }';

/** A simulator in this process (its counters and knobs at hand) and the environment that points a gateway at it. */
async function simulator(): Promise<{ sim: Simulator; env: Record<string, string> }> {
  const sim = await startSimulator();
  const { pem, publicKey } = makeKeyPair();
  sim.registerClient({ clientId: '0oa-ws-lifecycle', publicKey, scopes: ['kensho:app:nerd'] });
  // No result cache: every annotateText goes to the upstream.
  return { sim, env: { KENSHO_TOKEN_URL: sim.urls.tokenUrl, KENSHO_NERD_URL: sim.urls.nerd, KENSHO_CLIENT_ID: '0oa-ws-lifecycle', KENSHO_PRIVATE_KEY: pem, NERD_CACHE_TTL_SECONDS: '0' } };
}

type Message = { type: string; id?: string; payload?: unknown };

/** The exit code once the process has exited; fails with its output if it has not after PATIENCE_MS (an hour's grace would still be running). */
async function exitedWithin(exited: Promise<number | null>, output: () => string): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still running ${PATIENCE_MS / 1000} s after SIGTERM:\n${output()}`)), PATIENCE_MS)));
  try {
    return await Promise.race([exited, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** A graphql-ws client on a raw socket: every message and the close, kept in arrival order. */
async function openSocket(url: string, events: string[], name: string) {
  const ws = new WebSocket(url.replace('http', 'ws'), 'graphql-transport-ws');
  const messages: Message[] = [];
  const closed = new Promise<number>((resolve) =>
    ws.once('close', (code) => {
      events.push(`${name} closed ${code}`);
      resolve(code);
    }),
  );
  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as Message;
    messages.push(m);
    events.push(`${name} ${m.type}`);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await expect.poll(() => messages.some((m) => m.type === 'connection_ack'), { timeout: PATIENCE_MS, interval: 10 }).toBe(true);
  return { ws, messages, closed };
}

/** Lines after the banner (which ends with its first blank line) that are not one JSON object each; the signal line is the CLI's. */
function nonLoggerLines(output: string): string[] {
  const lines = output.split('\n');
  const bannerEnd = lines.findIndex((line, i) => line.trim() === '' && lines.slice(0, i).some((l) => l.includes('GraphQL:')));
  return lines
    .slice(bannerEnd + 1)
    .filter((line) => line.trim() !== '' && !/^(SIGTERM|SIGINT): shutting down$/.test(line))
    .filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
}

describe('WebSocket edges', () => {
  it('a socket that sends an oversized message, a broken frame, or drops mid-operation leaves only JSON log lines', async () => {
    const { sim, env } = await simulator();
    sim.knobs.latencyMs = 200;
    const gw = await spawnGateway(['start'], { ...env, PORT: '0', LOG_LEVEL: 'info', MAX_BODY_BYTES: '2000' });
    const events: string[] = [];
    try {
      // Too large (1009), then a frame with reserved bits set (1002): ws reports both as socket errors.
      const big = await openSocket(gw.graphqlUrl, events, 'big');
      big.ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY, variables: { pad: 'x'.repeat(5_000) } } }));
      expect(await big.closed).toBe(1009);
      const broken = await openSocket(gw.graphqlUrl, events, 'broken');
      (broken.ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(Buffer.from([0xf1, 0x80, 0, 0, 0, 0]));
      expect(await broken.closed).toBe(1002);
      // Dropped without a close frame while their operations wait on the upstream (200 ms each).
      const syncCalls = () => sim.counters.calls('nerd.annotations-sync');
      for (let i = 0; i < 10; i++) {
        const dropped = await openSocket(gw.graphqlUrl, events, `dropped${i}`);
        const before = syncCalls();
        for (let j = 0; j < 5; j++) dropped.ws.send(JSON.stringify({ id: String(j), type: 'subscribe', payload: { query: QUERY } }));
        await expect.poll(syncCalls, { timeout: PATIENCE_MS, interval: 10 }).toBeGreaterThanOrEqual(before + 5);
        (dropped.ws as unknown as { _socket: { resetAndDestroy(): void } })._socket.resetAndDestroy();
      }
      // A last operation's log line shows the gateway got past all of the above.
      const last = await openSocket(gw.graphqlUrl, events, 'last');
      last.ws.send(JSON.stringify({ id: 'z', type: 'subscribe', payload: { query: QUERY } }));
      await expect.poll(() => last.messages.some((m) => m.type === 'complete'), { timeout: PATIENCE_MS }).toBe(true);
      last.ws.close();
      // Everything the process had to say is out once it has exited.
      expect(await gw.stop('SIGTERM')).toBe(0);
      expect(nonLoggerLines(gw.output())).toEqual([]);
    } finally {
      await gw.stop('SIGKILL');
      await sim.close();
    }
  });

  it('SIGTERM closes idle sockets at once with 1001, lets a running operation answer first, and exits when the work is done', async () => {
    const { sim, env } = await simulator();
    // NERD answers when the test opens the gate, so the signal surely comes while both
    // operations wait on it, however slowly the gateway handles the signal.
    const gate = await startGate(sim.urls.nerd);
    // An hour's grace: the process can only leave before it because its work is done, however
    // slowly a loaded machine does that work (a 10 s grace is a budget the machine must beat).
    const gw = await spawnGateway(['start'], { ...env, KENSHO_NERD_URL: gate.url, PORT: '0', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_SECONDS: '3600' });
    const events: string[] = [];
    try {
      const ask = () => fetch(gw.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
      expect((await ask()).status).toBe(200); // warm: token obtained
      gate.hold();
      const idle = await openSocket(gw.graphqlUrl, events, 'idle');
      const busy = await openSocket(gw.graphqlUrl, events, 'busy');
      busy.ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
      const http = ask().then(async (r) => {
        await r.text();
        events.push(`http ${r.status}`);
      });
      await gate.holding(2);
      const exited = gw.stop('SIGTERM');
      // The idle socket goes at once, while both operations still wait on NERD.
      expect(await idle.closed).toBe(1001);
      gate.release();
      const [busyCode, code] = await Promise.all([busy.closed, exitedWithin(exited, gw.output), http]);
      expect(code).toBe(0);
      expect(busyCode).toBe(1001);
      // The idle socket went first, before the in-flight operations answered; the busy one got its answer.
      expect(events.indexOf('idle closed 1001'), events.join(', ')).toBeLessThan(events.indexOf('http 200'));
      expect(events.indexOf('idle closed 1001')).toBeLessThan(events.indexOf('busy next'));
      expect(events.slice(events.indexOf('busy next'))).toEqual(expect.arrayContaining(['busy next', 'busy complete', 'busy closed 1001']));
      expect(busy.messages.find((m) => m.type === 'next')?.payload).toMatchObject({ data: { annotateText: [{ annotations: [{ text: 'Apple' }, { text: 'Paris' }] }] } });
    } finally {
      await gw.stop('SIGKILL');
      await gate.close();
      await sim.close();
    }
  });
});
