import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../src/net/send.js';
import { undiciTransport } from '../../src/net/transport.js';

/** Upstream answers read through undici within `maxResponseBytes`, with and without a declared length. */
describe('send: the response size limit over undici', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const size = Number(new URL(req.url!, 'http://x').searchParams.get('size'));
      // "é" is two bytes in UTF-8: chunk boundaries fall inside characters.
      const text = JSON.stringify({ pad: 'é'.repeat(size) });
      if (req.url!.startsWith('/declared')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
        return;
      }
      // Chunked: no declared length, written in 1000-byte pieces.
      res.writeHead(200, { 'content-type': 'application/json' });
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; i += 1000) res.write(bytes.subarray(i, i + 1000));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = (path: string, maxResponseBytes: number) =>
    send({ upstream: { key: 'nerd', name: 'Kensho NERD' }, endpoint: 'nerd.test', url: `${base}${path}`, method: 'GET', timeoutMs: 5_000, transport: undiciTransport, maxResponseBytes });

  for (const kind of ['declared', 'chunked']) {
    it(`reads a ${kind} answer within the limit whole, multi-byte characters across chunks intact`, async () => {
      const r = await call(`/${kind}?size=20000`, 100_000);
      expect((r.body as { pad: string }).pad).toBe('é'.repeat(20_000));
      expect(r.bytes).toBe(Buffer.byteLength(JSON.stringify({ pad: 'é'.repeat(20_000) })));
    });

    it(`refuses a ${kind} answer past the limit with UPSTREAM_BAD_RESPONSE`, async () => {
      await expect(call(`/${kind}?size=60000`, 100_000)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', message: expect.stringContaining('larger than the gateway accepts') });
    });
  }

  it('still answers after refusing (the connection pool is not left stuck)', async () => {
    await expect(call('/chunked?size=60000', 100_000)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    expect((await call('/chunked?size=10', 100_000)).status).toBe(200);
  });
});
