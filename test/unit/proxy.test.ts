import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvHttpProxyAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyDispatcher, describeProxy } from '../../src/net/proxy.js';
import { createUndiciTransport, withUserAgent } from '../../src/net/transport.js';

const none = { httpsProxy: undefined, httpProxy: undefined, noProxy: undefined };

describe('outbound proxy dispatcher', () => {
  let server: Server;
  let url: string;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers['user-agent']);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is absent without HTTPS_PROXY/HTTP_PROXY (NO_PROXY alone changes nothing): direct connections as before', () => {
    expect(createProxyDispatcher(none)).toBeUndefined();
    expect(createProxyDispatcher({ ...none, noProxy: 'example.com' })).toBeUndefined();
    expect(describeProxy(none)).toBeUndefined();
    expect(createProxyDispatcher({ ...none, httpsProxy: 'http://proxy.example:3128' })).toBeInstanceOf(EnvHttpProxyAgent);
  });

  it('reads only the config, never process.env: an HTTP_PROXY the config did not pass is not used', async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };
    // A proxy nobody listens on: if the agent read it, the call would fail.
    process.env.HTTP_PROXY = process.env.http_proxy = 'http://127.0.0.1:1';
    const dispatcher = createProxyDispatcher({ ...none, httpsProxy: 'http://127.0.0.1:1' })!;
    try {
      const transport = withUserAgent(createUndiciTransport({ dispatcher }), 'kensho-gateway/9.9.9');
      const res = await transport({ url, method: 'GET', headers: { 'user-agent': 'overridden' }, signal: AbortSignal.timeout(5_000) });
      expect(res.status).toBe(200);
      await res.discard();
      expect(seen.at(-1)).toBe('kensho-gateway/9.9.9');
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      await dispatcher.close();
    }
  });

  it('describes the proxy for logs without its user:password', () => {
    expect(describeProxy({ httpsProxy: 'http://corp:s3cret@proxy.example:3128', httpProxy: undefined, noProxy: '.internal,localhost' })).toEqual({
      httpsProxy: 'http://***@proxy.example:3128',
      httpProxy: undefined,
      noProxy: '.internal,localhost',
    });
  });
});
