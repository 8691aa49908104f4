import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const DOCS = new URL('../../docs/', import.meta.url);

/**
 * Every variable the configuration reads, found by reading it: loadConfig runs over an
 * environment that records each name asked for, in the modes that read different variables
 * (each auth mode, production, a shared cache, every credential kind).
 */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  const variants: Array<Record<string, string>> = [
    {},
    { NODE_ENV: 'production', HOST: '0.0.0.0' },
    { AUTH_MODE: 'api-key', API_KEYS: '[]' },
    { AUTH_MODE: 'jwt', AUTH_JWT_ISSUER: 'https://issuer.example', AUTH_JWT_AUDIENCE: 'gateway', AUTH_JWKS_URL: 'https://issuer.example/jwks' },
    { AUTH_MODE: 'jwt' },
    { CACHE_URL: 'redis://127.0.0.1:6379' },
    { KENSHO_CLIENT_ID: 'x', KENSHO_PRIVATE_KEY: 'x', SKYKIT_ISSUER: 'a@example.com', SKYKIT_PRIVATE_KEY: 'x' },
  ];
  for (const values of variants) {
    const env = new Proxy(values, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return target[name as string];
      },
    });
    try {
      loadConfig(env);
    } catch {
      // A variant may be refused (placeholder keys); what it read still counts.
    }
  }
  // The CLI reads a few of its own (where it keeps the simulator's keys).
  for (const m of readFileSync(new URL('../../src/cli.ts', import.meta.url), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]{2,})/g)) read.add(m[1]!);
  // http_proxy and HTTP_PROXY are the same setting (curl's convention, read both ways).
  return new Set([...read].map((name) => name.toUpperCase()));
}

/** Every `NAME` the docs mention, and the first column of docs/configuration.md's tables. */
function documented(): { anywhere: Set<string>; configurationRows: Set<string> } {
  const anywhere = new Set<string>();
  for (const file of readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
    for (const m of readFileSync(new URL(file, DOCS), 'utf8').matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)) anywhere.add(m[1]!);
  }
  const configurationRows = new Set<string>();
  for (const line of readFileSync(new URL('configuration.md', DOCS), 'utf8').split('\n')) {
    const m = /^\| `([A-Z][A-Z0-9_]{2,})`/.exec(line);
    if (m) configurationRows.add(m[1]!);
  }
  return { anywhere, configurationRows };
}

describe('the documented settings are the settings read', () => {
  const read = variablesRead();
  const { anywhere, configurationRows } = documented();

  it('reads a plausible number of variables (a check that cannot pass vacuously)', () => {
    expect(read.size).toBeGreaterThan(60);
  });

  it('documents every variable the configuration reads', () => {
    expect([...read].filter((name) => !anywhere.has(name)).sort()).toEqual([]);
  });

  it('lists no variable in docs/configuration.md that nothing reads', () => {
    expect([...configurationRows].filter((name) => !read.has(name)).sort()).toEqual([]);
  });
});
