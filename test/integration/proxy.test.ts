import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VERSION } from '../../src/gateway.js';
import { findLeaks, startStack, type Stack } from '../helpers/stack.js';
import { startProxy, type TestProxy } from '../helpers/proxy.js';
import { pdfFixture, uploadRequest } from '../helpers/upload.js';
import { PATIENCE_MS } from '../helpers/patience.js';

// These tests run on loopback only. undici's EnvHttpProxyAgent gives loopback no special case
// (unlike some tools): the simulator at http://127.0.0.1:port is proxied unless NO_PROXY names
// that host, so HTTP_PROXY with an empty NO_PROXY sends every call through the test proxy.

const USER_AGENT = `kensho-gateway/${VERSION}`;
const PASSWORD = 'pr0xy-Pa55word';
const DEVICES = `{ skykitDevices(first: 3) { edges { node { id tenant { name } } } } }`;

describe('outbound proxy (HTTP_PROXY / NO_PROXY) and User-Agent', () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    proxy = await startProxy({ auth: { user: 'corp', password: PASSWORD } });
  });
  afterAll(async () => proxy.close());

  it('sends every upstream call through the proxy (token endpoint, NERD, Skykit, Extract, pre-signed storage), each with the User-Agent', async () => {
    const stack = await startStack({
      simulator: { extractJobDurationMs: 50 },
      env: { HTTP_PROXY: proxy.url, NO_PROXY: '', EXTRACT_UPLOAD_URL_THRESHOLD_BYTES: '2000', EXTRACT_POLL_INITIAL_MS: '20' },
    });
    try {
      proxy.events.length = 0;
      const nerd = await stack.gql(`{ annotateText(text: "Kensho works with Apple.") { knowledgeBase } }`);
      expect(nerd.errors).toBeUndefined();
      expect((await stack.gql(DEVICES)).errors).toBeUndefined();
      const submitted = await uploadRequest<{ submitExtraction: { id: string } }>(stack.url, `mutation($file: Upload!) { submitExtraction(file: $file) { id } }`, { bytes: pdfFixture('report.pdf'), name: 'report.pdf' });
      expect(submitted.errors).toBeUndefined();
      const done = await stack.gql<{ awaitExtraction: { status: string } }>(`query($id: ID!) { awaitExtraction(id: $id, timeoutSeconds: 20) { status } }`, { id: submitted.data!.submitExtraction.id });
      expect(done.data!.awaitExtraction.status).toBe('SUCCESS');

      const calls = stack.sim.counters.log();
      expect(calls.map((c) => c.endpoint)).toEqual(
        expect.arrayContaining(['okta.token', 'nerd.annotations-sync', 'skykit.devices', 'skykit.tenants', 'extract.upload-url', 'extract.upload', 'extract.upload-complete', 'extract.download-url', 'extract.output']),
      );
      // Every call the simulator received came in on a socket the proxy opened for it.
      await vi.waitFor(() => expect(proxy.events.filter((e) => e.kind === 'forward')).toHaveLength(calls.length), { timeout: PATIENCE_MS });
      const proxyPorts = new Set(proxy.events.map((e) => e.localPort));
      expect(calls.filter((c) => !proxyPorts.has(c.remotePort))).toEqual([]);
      expect(proxy.events.filter((e) => e.kind === 'refused')).toEqual([]);
      expect(calls.filter((c) => c.userAgent !== USER_AGENT)).toEqual([]);

      const logs = stack.logs.join('');
      expect(logs).toMatch(/upstream calls go through a proxy/);
      expect(logs).toContain(`http://***@127.0.0.1:${new URL(proxy.url).port}`);
      expect(findLeaks(logs, [...stack.secrets, PASSWORD])).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it.each([
    ['127.0.0.1', 'bypasses'],
    ['example.com,127.0.0.1:<simulator port>', 'bypasses'],
    ['127.0.0.1:1', 'goes through'],
    // No name resolution and no loopback special case: "localhost" does not cover 127.0.0.1.
    ['localhost', 'goes through'],
  ])('NO_PROXY=%s: a Skykit call %s the proxy', async (noProxy, outcome) => {
    const stack = await startStack({ env: { HTTP_PROXY: proxy.url }, envFor: (sim) => ({ NO_PROXY: noProxy.replace('<simulator port>', new URL(sim.url).port) }) });
    try {
      proxy.events.length = 0;
      expect((await stack.gql(DEVICES)).errors).toBeUndefined();
      const calls = stack.sim.counters.log();
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((c) => c.userAgent !== USER_AGENT)).toEqual([]);
      if (outcome === 'bypasses') {
        // Every call of the query reached the simulator before the answer; a proxied one would
        // have opened its proxy socket first.
        expect(proxy.events).toEqual([]);
      } else {
        await vi.waitFor(() => expect(proxy.events.filter((e) => e.kind === 'forward')).toHaveLength(calls.length), { timeout: PATIENCE_MS });
      }
    } finally {
      await stack.close();
    }
  });

  it.each([
    ['HTTPS_PROXY', 'HTTPS_PROXY'],
    // undici's rule: without HTTPS_PROXY, https calls use HTTP_PROXY.
    ['only HTTP_PROXY', 'HTTP_PROXY'],
  ])('opens a CONNECT tunnel for an https upstream through %s (with the proxy credentials)', async (_n, variable) => {
    // There is no TLS on loopback here: the tunnel reaches the plain-http simulator and the TLS
    // handshake then fails. What this shows is the production path up to the tunnel.
    const stack = await startStack({ env: { [variable]: proxy.url, NO_PROXY: '', UPSTREAM_RETRY_ATTEMPTS: '1' }, envFor: (sim) => ({ SKYKIT_URL: sim.urls.skykit.replace('http:', 'https:') }) });
    try {
      proxy.events.length = 0;
      const r = await stack.gql(DEVICES);
      expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      const { host } = new URL(stack.sim.url);
      await vi.waitFor(() => expect(proxy.events).toContainEqual(expect.objectContaining({ kind: 'tunnel', target: host })), { timeout: PATIENCE_MS });
      expect(proxy.events.filter((e) => e.kind === 'refused')).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it('fails a call with UPSTREAM_UNAVAILABLE when the proxy refuses the credentials, without showing them', async () => {
    const wrong = proxy.url.replace(PASSWORD, 'not-the-password');
    const stack = await startStack({ env: { HTTP_PROXY: wrong, NO_PROXY: '', UPSTREAM_RETRY_ATTEMPTS: '1' } });
    try {
      proxy.events.length = 0;
      const r = await stack.gql(DEVICES);
      expect(r.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(stack.sim.counters.log()).toEqual([]);
      await vi.waitFor(() => expect(proxy.events.some((e) => e.kind === 'refused')).toBe(true), { timeout: PATIENCE_MS });
      expect(findLeaks(`${r.raw}${stack.logs.join('')}`, ['not-the-password', PASSWORD])).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it('connects directly and says so when no proxy is configured, still sending the User-Agent', async () => {
    const stack = await startStack({ env: { NO_PROXY: '127.0.0.1' } });
    try {
      proxy.events.length = 0;
      expect((await stack.gql(DEVICES)).errors).toBeUndefined();
      expect(stack.logs.join('')).toMatch(/upstream calls connect directly/);
      expect(stack.sim.counters.log().filter((c) => c.userAgent !== USER_AGENT)).toEqual([]);
      expect(proxy.events).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
