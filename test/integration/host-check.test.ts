import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config/load.js';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1 talks to the
 * gateway as its own origin (Host and Origin both evil.example), so neither CORS nor the
 * WebSocket origin check stops it. With AUTH_MODE=none that page could spend the gateway's
 * credentials; the Host allowlist refuses it before anything runs.
 */

const QUERY = '{ skykitTenants(first: 1) { edges { node { code } } } }';

/** A POST to /graphql with the Host and Origin a rebound page would send. */
function post(url: string, host: string, path = '/graphql'): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: QUERY });
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { host, origin: `http://${host}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens a WebSocket with the Host and Origin a rebound page would send: the upgrade status, or 101 and the first answer. */
function socket(url: string, host: string): Promise<{ status: number; answer?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers: { host, origin: `http://${host}` } });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('error', () => resolve({ status: 0 }));
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
    ws.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { type: string };
      if (message.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
      else {
        resolve({ status: 101, answer: raw.toString() });
        ws.close();
      }
    });
  });
}

describe('Host allowlist (DNS rebinding) with AUTH_MODE=none', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { ALLOWED_HOSTS: 'gateway.example' } });
  });
  afterAll(async () => stack.close());

  it('refuses a rebound name over HTTP and WebSocket before anything runs, with HOST_NOT_ALLOWED', async () => {
    const { port } = new URL(stack.url);
    stack.sim.counters.reset();
    const http = await post(stack.url, `evil.example:${port}`);
    const ws = await socket(stack.url, `evil.example:${port}`);
    const code = (JSON.parse(http.body) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code;
    // Nothing ran: no upstream call, no answer with data, no socket.
    expect({ upstreamCalls: stack.sim.counters.log().length, http: { status: http.status, code }, ws }).toEqual({ upstreamCalls: 0, http: { status: 421, code: 'HOST_NOT_ALLOWED' }, ws: { status: 421 } });
    // Every path, not only /graphql.
    expect((await post(stack.url, `evil.example:${port}`, '/graphiql')).status).toBe(421);
  });

  it('serves loopback names, IP addresses and the names in ALLOWED_HOSTS', async () => {
    const { port } = new URL(stack.url);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `app.localhost:${port}`, `gateway.example:${port}`, `GATEWAY.example.:${port}`]) {
      const r = await post(stack.url, host);
      expect({ host, status: r.status, body: r.body }).toMatchObject({ host, status: 200, body: expect.stringContaining('"skykitTenants"') });
    }
    const ws = await socket(stack.url, `gateway.example:${port}`);
    expect(ws.status).toBe(101);
    expect(ws.answer).toContain('"skykitTenants"');
    // Shapes a Host header must not have (a user-info part would move the name).
    for (const host of [`evil.example@127.0.0.1:${port}`, `gateway.example.evil.example:${port}`, `evilgateway.example:${port}`]) {
      expect((await post(stack.url, host)).status, host).toBe(421);
    }
  });
});

describe('ALLOWED_HOSTS settings', () => {
  it('defaults to any host where callers must authenticate, and validates its entries', () => {
    const keys = JSON.stringify([{ name: 'a', sha256: 'a'.repeat(64), scopes: ['*'] }]);
    expect(loadConfig({}).server.allowedHosts).toEqual([]);
    expect(loadConfig({ AUTH_MODE: 'api-key', API_KEYS: keys }).server.allowedHosts).toEqual(['*']);
    expect(loadConfig({ ALLOWED_HOSTS: 'Gateway.Example, *.corp.example' }).server.allowedHosts).toEqual(['gateway.example', '*.corp.example']);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'http://gateway.example' })).toThrow(/ALLOWED_HOSTS/);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'gateway.example:4000' })).toThrow(/ALLOWED_HOSTS/);
    // Any host with no authentication is exactly what DNS rebinding needs.
    expect(() => loadConfig({ ALLOWED_HOSTS: '*' })).toThrow(/ALLOWED_HOSTS.*AUTH_MODE=none/);
  });
});
