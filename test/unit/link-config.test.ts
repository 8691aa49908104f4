import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CAMEL_CASE_REFRESH, RefreshTokenCredential } from '../../src/auth/outbound/refresh-credential.js';
import { ConfigError, hasNoCredentials, loadConfig } from '../../src/config/load.js';
import type { Transport } from '../../src/net/transport.js';

const pkcs8 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

describe('Link configuration', () => {
  it('has production defaults: link-streaming, 1000 records per request, 100 per call, 4 in flight, topN up to 10', () => {
    const c = loadConfig({});
    expect(c.apps.link?.url).toBe('https://link-streaming.kensho.com');
    expect(c.apps.link).toEqual({ url: 'https://link-streaming.kensho.com', maxRecords: 1000, batchSize: 100, concurrency: 4, maxTopN: 10 });
    expect(c.kensho.apps.link.kind).toBe('none');
  });

  it('reads KENSHO_LINK_* with the per-app precedence, and the key pair serves Link too', () => {
    expect(loadConfig({ KENSHO_LINK_REFRESH_TOKEN: 'rt', KENSHO_LINK_ACCESS_TOKEN: 'at' }).kensho.apps.link).toEqual({ kind: 'refresh-token', refreshToken: 'rt' });
    expect(loadConfig({ KENSHO_LINK_ACCESS_TOKEN: 'at' }).kensho.apps.link).toEqual({ kind: 'access-token', accessToken: 'at' });
    expect(loadConfig({ KENSHO_CLIENT_ID: 'c', KENSHO_PRIVATE_KEY: pkcs8 }).kensho.apps.link.kind).toBe('key-pair');
    expect(hasNoCredentials({ KENSHO_LINK_REFRESH_TOKEN: 'rt' })).toBe(false);
    const c = loadConfig({ KENSHO_LINK_URL: 'https://api.link.kensho.com/', LINK_BATCH_SIZE: '40', LINK_MAX_RECORDS: '200', LINK_CONCURRENCY: '2', LINK_MAX_TOP_N: '5' });
    expect(c.apps.link?.url).toBe('https://api.link.kensho.com');
    expect(c.apps.link).toEqual({ url: 'https://api.link.kensho.com', maxRecords: 200, batchSize: 40, concurrency: 2, maxTopN: 5 });
  });

  it('names each bad Link setting', () => {
    try {
      loadConfig({ LINK_BATCH_SIZE: '0', LINK_CONCURRENCY: 'many', KENSHO_LINK_URL: 'ftp://x' });
      expect.unreachable();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/LINK_BATCH_SIZE/);
      expect(problems).toMatch(/LINK_CONCURRENCY/);
      expect(problems).toMatch(/KENSHO_LINK_URL/);
    }
  });
});

describe('RefreshTokenCredential wire names', () => {
  /** A transport that records the URL and answers `body`. */
  function answering(body: unknown): { transport: Transport; urls: string[] } {
    const urls: string[] = [];
    const transport: Transport = async (req) => {
      urls.push(req.url);
      const bytes = new TextEncoder().encode(JSON.stringify(body));
      return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: (async function* () { yield bytes; })(), discard: async () => undefined };
    };
    return { transport, urls };
  }
  const base = { app: { key: 'link', name: 'Kensho Link' }, baseUrl: 'https://link.example', refreshToken: 'rt-1', scope: 'kensho:app:link', clock: () => 0, timeoutMs: 1000 };

  it("sends Link's refreshToken parameter and reads accessToken", async () => {
    const { transport, urls } = answering({ accessToken: 'tok' });
    const token = await new RefreshTokenCredential({ ...base, transport, wire: CAMEL_CASE_REFRESH }).obtain('kensho:app:link');
    expect(token.accessToken).toBe('tok');
    expect(urls).toEqual(['https://link.example/oauth2/refresh?refreshToken=rt-1']);
  });

  it('keeps refresh_token → access_token for the other apps', async () => {
    const { transport, urls } = answering({ access_token: 'tok' });
    const token = await new RefreshTokenCredential({ ...base, transport }).obtain('kensho:app:link');
    expect(token.accessToken).toBe('tok');
    expect(urls).toEqual(['https://link.example/oauth2/refresh?refresh_token=rt-1']);
  });
});
