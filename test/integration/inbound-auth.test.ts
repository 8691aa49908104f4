import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/spawn-gateway.js';
import { UPSTREAM_APPS } from '../../src/apps/registry.js';
import { manualClock } from '../helpers/manual-clock.js';
import { startStack, type Stack } from '../helpers/stack.js';

const sha = (key: string) => createHash('sha256').update(key).digest('hex');
const NERD_KEY = 'kgw_nerd-only-key-0123456789abcdefghijklmnop';
const ALL_KEY = 'kgw_all-scopes-key-0123456789abcdefghijklmnop';
const MIXED = '{ gateway { version } annotateText(text: "Apple") { knowledgeBase } skykitDevices(first: 1) { edges { node { id } } } }';

describe('AUTH_MODE=api-key', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        AUTH_MODE: 'api-key',
        API_KEYS: JSON.stringify([
          { name: 'nerd-app', sha256: sha(NERD_KEY), scopes: ['kensho:app:nerd'] },
          { name: 'ops', sha256: sha(ALL_KEY), scopes: ['*'] },
        ]),
      },
    });
  });
  afterAll(async () => stack.close());

  it('refuses requests without a key or with a wrong key with HTTP 401, before any upstream call', async () => {
    stack.sim.counters.reset();
    const none = await stack.gql(MIXED);
    expect(none.status).toBe(401);
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await stack.gql(MIXED, undefined, { 'x-api-key': 'kgw_not-a-key' });
    expect(wrong.status).toBe(401);
    expect(wrong.raw).not.toContain('kgw_not-a-key');
    expect(stack.sim.counters.log()).toHaveLength(0);
  });

  it('gives FORBIDDEN on fields outside the key scopes, before any upstream call, and resolves the rest', async () => {
    stack.sim.counters.reset();
    const r = await stack.gql<{ gateway: { version: string }; annotateText: unknown[]; skykitDevices: null }>(MIXED, undefined, { 'x-api-key': NERD_KEY });
    expect(r.status).toBe(200);
    expect(r.data?.gateway.version).toBeTruthy();
    expect(r.data?.annotateText).toHaveLength(1);
    expect(r.data?.skykitDevices).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]).toMatchObject({ path: ['skykitDevices'], extensions: { code: 'FORBIDDEN', requiredScope: 'skykit' } });
    expect(stack.sim.counters.log().filter((c) => c.endpoint.startsWith('skykit.'))).toHaveLength(0);
  });

  it('accepts the key as a bearer token too, and a "*" key reaches everything', async () => {
    const r = await stack.gql(MIXED, undefined, { authorization: `Bearer ${ALL_KEY}` });
    expect(r.errors).toBeUndefined();
  });
});

describe('AUTH_MODE=jwt', () => {
  let stack: Stack;
  let jwksServer: Server;
  let jwksHits = 0;
  let sign: (claims: Record<string, unknown>, opts?: { expiresInSeconds?: number; aud?: string }) => Promise<string>;
  // Tokens are signed and checked on this clock, so a token's expiry is reached by moving it.
  const clock = manualClock(Date.now());
  const nowSeconds = () => Math.floor(clock.now() / 1000);
  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      jwksHits += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', () => r()));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    sign = (claims, opts = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer('https://idp.example.com/')
        .setAudience(opts.aud ?? 'kensho-gateway')
        .setSubject('frontend-team')
        .setIssuedAt(nowSeconds())
        .setExpirationTime(nowSeconds() + (opts.expiresInSeconds ?? 300))
        .sign(privateKey);
    stack = await startStack({
      clock,
      env: { AUTH_MODE: 'jwt', AUTH_JWKS_URL: jwksUrl, AUTH_JWT_ISSUER: 'https://idp.example.com/', AUTH_JWT_AUDIENCE: 'kensho-gateway' },
    });
  });
  afterAll(async () => {
    await stack?.close();
    jwksServer?.close();
  });

  it('authorizes from the scopes claim and fetches the key set once', async () => {
    const token = await sign({ scope: 'kensho:app:nerd skykit' });
    for (let i = 0; i < 3; i++) {
      const r = await stack.gql(MIXED, undefined, { authorization: `Bearer ${token}` });
      expect(r.errors).toBeUndefined();
    }
    expect(jwksHits).toBe(1);
    const nerdOnly = await stack.gql(MIXED, undefined, { authorization: `Bearer ${await sign({ scope: ['kensho:app:nerd'] })}` });
    expect(nerdOnly.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['an expired token', { expiresInSeconds: -120 }, /expired/],
    ['a wrong audience', { aud: 'someone-else' }, /claim "aud"/],
  ])('refuses %s with 401', async (_n, opts, message) => {
    const r = await stack.gql(MIXED, undefined, { authorization: `Bearer ${await sign({ scope: '*' }, opts)}` });
    expect(r.status).toBe(401);
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it('checks a bearer token again for every WebSocket operation, so one that expires stops the next operation', async () => {
    // Valid now only thanks to the 30 s clock tolerance; invalid once the clock has moved 5 s.
    const token = await sign({ scope: '*' }, { expiresInSeconds: -26 });
    const client = createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: true, lazyCloseTimeout: 60_000 });
    const once = async () => {
      const it = client.iterate({ query: '{ gateway { version } }' });
      try {
        return (await it.next()).value as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      } catch (errors) {
        return { errors: errors as Array<{ extensions?: { code?: string } }> };
      } finally {
        await it.return?.();
      }
    };
    try {
      expect((await once()).errors).toBeUndefined();
      await clock.advance(5_000);
      const later = await once();
      expect(later.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await client.dispose();
    }
  });

  it('refuses garbage and a missing token', async () => {
    expect((await stack.gql(MIXED, undefined, { authorization: 'Bearer abc.def.ghi' })).status).toBe(401);
    expect((await stack.gql(MIXED)).status).toBe(401);
  });
});

describe('auth configuration', () => {
  it('refuses AUTH_MODE=none on a non-loopback HOST unless forced', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/AUTH_MODE/);
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_ALLOW_NONE: 'true' }).auth.mode).toBe('none');
    expect(loadConfig({ HOST: '127.0.0.1' }).auth.mode).toBe('none');
  });

  it('refuses a raw key where a hash belongs, unknown scopes, and a jwt mode without keys', () => {
    expect(() => loadConfig({ AUTH_MODE: 'api-key', API_KEYS: JSON.stringify([{ name: 'a', sha256: 'kgw_secret', scopes: ['*'] }]) })).toThrow(/sha256/);
    expect(() => loadConfig({ AUTH_MODE: 'api-key', API_KEYS: JSON.stringify([{ name: 'a', sha256: sha('x'), scopes: ['admin'] }]) })).toThrow(/scopes/);
    expect(() => loadConfig({ AUTH_MODE: 'jwt' })).toThrow(/AUTH_JWKS_URL or AUTH_JWKS_FILE/);
    expect(() => loadConfig({ AUTH_MODE: 'jwt', AUTH_JWKS_URL: 'http://idp.example.com/jwks' })).toThrow(/https/);
    const dir = mkdtempSync(join(tmpdir(), 'gw-jwks-'));
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }] }));
    const file = join(dir, 'jwks.json');
    // Issuer and audience are required, or explicitly waived.
    expect(() => loadConfig({ AUTH_MODE: 'jwt', AUTH_JWKS_FILE: file })).toThrow(/AUTH_JWT_ISSUER: required/);
    expect(() => loadConfig({ AUTH_MODE: 'jwt', AUTH_JWKS_FILE: file, AUTH_JWT_ISSUER: 'https://idp.example.com/' })).toThrow(/AUTH_JWT_AUDIENCE: required/);
    expect(loadConfig({ AUTH_MODE: 'jwt', AUTH_JWKS_FILE: file, AUTH_JWT_ISSUER: 'https://idp.example.com/', AUTH_JWT_AUDIENCE: 'gw' }).auth.mode).toBe('jwt');
    expect(loadConfig({ AUTH_MODE: 'jwt', AUTH_JWKS_FILE: file, AUTH_JWT_ANY_ISSUER_AUDIENCE: 'true' }).auth.mode).toBe('jwt');
  });

  it('npm run api-key --help names every caller scope of the app registry', async () => {
    const r = await runCli(['api-key', '--help'], {});
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    const missing = UPSTREAM_APPS.map((app) => app.scope || app.key).filter((scope) => !help.includes(scope));
    expect(missing).toEqual([]);
    // And a key with the scopes the help used to leave out is accepted.
    const made = await runCli(['api-key', 'media', '--scopes', 'kensho:app:scribe,kensho:app:kfinance'], {});
    expect(made.code).toBe(0);
  });

  it('npm run api-key prints a key once and its hash entry', async () => {
    const r = await runCli(['api-key', 'web', '--scopes', 'kensho:app:nerd,skykit'], {});
    expect(r.code).toBe(0);
    const key = /\n {2}(kgw_\S+)\n/.exec(r.stdout)![1]!;
    const entry = JSON.parse(/(\{.*\})/.exec(r.stdout)![1]!) as { name: string; sha256: string; scopes: string[] };
    expect(entry).toEqual({ name: 'web', sha256: sha(key), scopes: ['kensho:app:nerd', 'skykit'] });
  });
});
