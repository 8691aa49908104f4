import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, hasNoCredentials, loadConfig } from '../../src/config/load.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('has production defaults and freezes the result', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.kensho.keyPair).toBeUndefined();
    expect(config.kensho.apps.nerd.kind).toBe('none');
    expect(config.apps.nerd?.url).toBe('https://nerd.kensho.com');
    expect(config.kensho.keyPair === undefined && Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.upstreams)).toBe(true);
  });

  it.each([
    ['PKCS#8', pkcs8],
    ['PKCS#1', pkcs1],
  ])('accepts a %s private key inline and from a file', (_name, pem) => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-cfg-'));
    const file = join(dir, 'key.pem');
    writeFileSync(file, pem);
    const fromFile = loadConfig({ KENSHO_CLIENT_ID: '0oa1', KENSHO_PRIVATE_KEY_FILE: file });
    expect(fromFile.kensho.keyPair?.privateKey.asymmetricKeyType).toBe('rsa');
    const inline = loadConfig({ KENSHO_CLIENT_ID: '0oa1', KENSHO_PRIVATE_KEY: pem.replace(/\n/g, '\\n') });
    expect(inline.kensho.apps.nerd.kind).toBe('key-pair');
    expect(inline.kensho.apps.extract.kind).toBe('key-pair');
  });

  it("applies per-app precedence: the app's own refresh token, then its access token, then the key pair", () => {
    const c = loadConfig({ KENSHO_NERD_REFRESH_TOKEN: 'rt', KENSHO_NERD_ACCESS_TOKEN: 'at', KENSHO_EXTRACT_ACCESS_TOKEN: 'at2' });
    expect(c.kensho.apps.nerd).toEqual({ kind: 'refresh-token', refreshToken: 'rt' });
    expect(c.kensho.apps.extract).toEqual({ kind: 'access-token', accessToken: 'at2' });
    // A key pair does not override an app's own token: a NERD-only Client ID plus an Extract trial token serve both.
    const k = loadConfig({ KENSHO_CLIENT_ID: 'c', KENSHO_PRIVATE_KEY: pkcs8, KENSHO_EXTRACT_REFRESH_TOKEN: 'rt' });
    expect(k.kensho.apps.nerd.kind).toBe('key-pair');
    expect(k.kensho.apps.extract).toEqual({ kind: 'refresh-token', refreshToken: 'rt' });
  });

  it('signs 60-minute client assertions by default (access tokens may live only as long)', () => {
    expect(loadConfig({ KENSHO_CLIENT_ID: 'c', KENSHO_PRIVATE_KEY: pkcs8 }).kensho.keyPair?.assertionLifetimeSeconds).toBe(3600);
  });

  it('names every bad variable, all at once, without echoing secrets', () => {
    const p = problems({
      PORT: 'eighty',
      KENSHO_NERD_URL: 'ftp://x',
      KENSHO_CLIENT_ID: 'c',
      KENSHO_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnot-a-key-SECRETVALUE\n-----END PRIVATE KEY-----',
      CACHE_URL: 'memcached://x',
      CACHE_NAMESPACE: 'apq',
      NERD_MAX_TEXT_CHARS: '0',
    });
    const text = p.join('\n');
    for (const name of ['PORT', 'KENSHO_NERD_URL', 'KENSHO_PRIVATE_KEY', 'CACHE_URL', 'CACHE_NAMESPACE', 'NERD_MAX_TEXT_CHARS']) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('SECRETVALUE');
  });

  it('refuses a public key, a missing key file and a half-configured key pair', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(problems({ KENSHO_CLIENT_ID: 'c', KENSHO_PRIVATE_KEY: publicKey.export({ type: 'spki', format: 'pem' }) as string }).join()).toMatch(/public key/);
    expect(problems({ KENSHO_CLIENT_ID: 'c', KENSHO_PRIVATE_KEY_FILE: '/nonexistent/key.pem' }).join()).toMatch(/KENSHO_PRIVATE_KEY_FILE: cannot read/);
    expect(problems({ KENSHO_CLIENT_ID: 'c' }).join()).toMatch(/neither KENSHO_PRIVATE_KEY_FILE/);
    expect(problems({ SKYKIT_ISSUER: 'not-an-email', SKYKIT_PRIVATE_KEY: pkcs8 }).join()).toMatch(/SKYKIT_ISSUER/);
  });

  it('reads the Extract settings with their documented defaults and refuses bad ones', () => {
    expect(loadConfig({}).apps.extract).toEqual({
      url: 'https://extract.kensho.com',
      // Extract's documented limit is 100 MB: decimal megabytes, not 100 MiB.
      maxFileBytes: 100_000_000,
      uploadUrlThresholdBytes: 26_214_400,
      uploadTimeoutMs: 300_000,
      pollInitialMs: 500,
      pollMaxMs: 10_000,
      maxAwaitSeconds: 60,
      resultCacheBytes: 64 * 1024 * 1024,
    });
    // The batch size of entities over many texts is NERD's (the loader is NERD's), under its first name.
    expect(loadConfig({}).apps.nerd?.entitiesBatchChars).toBe(20_000);
    const found = problems({ EXTRACT_MAX_FILE_BYTES: '0', EXTRACT_POLL_INITIAL_MS: '5000', EXTRACT_POLL_MAX_MS: '1000', EXTRACT_ENTITIES_BATCH_CHARS: 'lots' });
    expect(found.some((p) => p.startsWith('EXTRACT_MAX_FILE_BYTES'))).toBe(true);
    expect(found.some((p) => p.startsWith('EXTRACT_POLL_MAX_MS') && p.includes('below EXTRACT_POLL_INITIAL_MS'))).toBe(true);
    expect(found.some((p) => p.startsWith('EXTRACT_ENTITIES_BATCH_CHARS'))).toBe(true);
  });

  it('gives every in-process cache a byte budget and persisted queries a size cap, with documented defaults', () => {
    const config = loadConfig({});
    expect(config.cacheMemoryBytes).toBe(64 * 1024 * 1024);
    expect(config.documentCacheBytes).toBe(32 * 1024 * 1024);
    expect(config.persistedQueryMaxBytes).toBe(64 * 1024);
    const set = loadConfig({ CACHE_MEMORY_MB: '8', DOCUMENT_CACHE_MB: '0', APQ_MAX_QUERY_BYTES: '10000' });
    expect([set.cacheMemoryBytes, set.documentCacheBytes, set.persistedQueryMaxBytes]).toEqual([8 * 1024 * 1024, 0, 10_000]);
    const found = problems({ CACHE_MEMORY_MB: '0', DOCUMENT_CACHE_MB: 'lots', APQ_MAX_QUERY_BYTES: '10' });
    expect(found.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['CACHE_MEMORY_MB', 'DOCUMENT_CACHE_MB', 'APQ_MAX_QUERY_BYTES']));
  });

  it('reads the private media URL switch and the kFinance 403 grace, with their documented defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.apps.scribe?.allowPrivateMediaUrls).toBe(false);
    expect(defaults.apps.kfinance?.renewOn403AfterSeconds).toBe(30);
    const set = loadConfig({ SCRIBE_ALLOW_PRIVATE_MEDIA_URLS: 'true', KFINANCE_RENEW_ON_403_AFTER_SECONDS: '0' });
    expect(set.apps.scribe?.allowPrivateMediaUrls).toBe(true);
    expect(set.apps.kfinance?.renewOn403AfterSeconds).toBe(0);
    const found = problems({ SCRIBE_ALLOW_PRIVATE_MEDIA_URLS: 'sometimes', KFINANCE_RENEW_ON_403_AFTER_SECONDS: '-1' });
    expect(found.some((p) => p.startsWith('SCRIBE_ALLOW_PRIVATE_MEDIA_URLS'))).toBe(true);
    expect(found.some((p) => p.startsWith('KFINANCE_RENEW_ON_403_AFTER_SECONDS'))).toBe(true);
  });

  it('says which range an integer must be in, negative numbers included', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ KENSHO_NERD_ACCESS_TOKEN: 'x', ...env });
        return [];
      } catch (error) {
        return [...(error as ConfigError).problems];
      }
    };
    expect(problems({ LIMIT_MAX_DEPTH: '-5' })).toEqual(['LIMIT_MAX_DEPTH: -5 must be between 1 and 100']);
    expect(problems({ PORT: '70000' })).toEqual(['PORT: 70000 must be between 0 and 65535']);
    expect(problems({ PORT: '4.5' })).toEqual(['PORT: "4.5" is not a whole number (it must be between 0 and 65535)']);
  });

  it('knows when no credentials at all are configured', () => {
    expect(hasNoCredentials({ PORT: '1' })).toBe(true);
    expect(hasNoCredentials({ KENSHO_NERD_ACCESS_TOKEN: 'x' })).toBe(false);
  });
});

describe('renamed variables', () => {
  it('reads UPSTREAM_MAX_RETRY_AFTER_SECONDS for every app, and its first name NERD_MAX_RETRY_AFTER_SECONDS only while it is unset', () => {
    expect(loadConfig({}).upstreams.maxRetryAfterSeconds).toBe(5);
    expect(loadConfig({ NERD_MAX_RETRY_AFTER_SECONDS: '9' }).upstreams.maxRetryAfterSeconds).toBe(9);
    expect(loadConfig({ UPSTREAM_MAX_RETRY_AFTER_SECONDS: '3', NERD_MAX_RETRY_AFTER_SECONDS: '9' }).upstreams.maxRetryAfterSeconds).toBe(3);
    expect(() => loadConfig({ NERD_MAX_RETRY_AFTER_SECONDS: '999' })).toThrow(/NERD_MAX_RETRY_AFTER_SECONDS: 999 must be between 0 and 300/);
  });
});
