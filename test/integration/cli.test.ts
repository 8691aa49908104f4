import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLeaks } from '../helpers/stack.js';
import { runCli, spawnGateway } from '../helpers/spawn-gateway.js';

describe('npm start', () => {
  it('with no configuration starts the simulator, prints the playground URL and answers annotateText', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-start-'));
    const gw = await spawnGateway(['start'], { PORT: '0', GATEWAY_DATA_DIR: dataDir, NODE_ENV: 'development' });
    try {
      expect(gw.output()).toMatch(/BUILT-IN SIMULATOR/);
      const page = await fetch(gw.playgroundUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      const res = await fetch(gw.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ annotateText(text: "Apple is in Cupertino, Microsoft in Redmond.") { annotations { text entity { label } } } }' }),
      });
      const body = (await res.json()) as { data?: { annotateText: Array<{ annotations: Array<{ text: string }> }> }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data!.annotateText[0]!.annotations.map((a) => a.text)).toContain('Apple');
      // Demo keys were generated as Kensho asks, private key readable only by the owner.
      expect(readFileSync(join(dataDir, 'kensho-private.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
      expect(statSync(join(dataDir, 'kensho-private.pem')).mode & 0o077).toBe(0);
    } finally {
      expect(await gw.stop('SIGTERM')).toBe(0);
    }
    expect(findLeaks(gw.output(), [])).toEqual([]);
  });

  it('refuses to start in production without credentials, naming the variables', async () => {
    const r = await runCli(['start'], { NODE_ENV: 'production', PORT: '0' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/KENSHO_CLIENT_ID/);
    expect(r.output).toMatch(/KENSHO_NERD_REFRESH_TOKEN/);
  });

  it('fails at start on bad configuration, naming the variable', async () => {
    const r = await runCli(['start'], { PORT: 'nope', KENSHO_NERD_ACCESS_TOKEN: 'x' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/PORT: "nope" is not a whole number/);
  });

  it('fails at start on a bad trusted-documents manifest, with one line naming the file and the operation', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gw-manifest-')), 'manifest.json');
    writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'v1', name: 'Nope', type: 'query', body: 'query Nope { gateway { nope } }' }] }));
    const r = await runCli(['start'], { PORT: '0', KENSHO_NERD_ACCESS_TOKEN: 'x', TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_MANIFEST: file });
    expect(r.code).toBe(1);
    const lines = r.output.split('\n').filter((l) => l.includes('TRUSTED_DOCUMENTS_MANIFEST'));
    expect(lines).toEqual([`  - TRUSTED_DOCUMENTS_MANIFEST: ${file}: operation 1 "Nope" (id v1): GRAPHQL_VALIDATION_FAILED: Cannot query field "nope" on type "GatewayInfo".`]);
    expect(r.output).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('keys and claims commands', () => {
  it('generates a PKCS#8/SPKI key pair and refuses to overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-keys-'));
    const first = await runCli(['keys', '--out', dir], {});
    expect(first.code).toBe(0);
    expect(readFileSync(join(dir, 'kensho-private.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(dir, 'kensho-public.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(first.output).not.toMatch(/BEGIN PRIVATE KEY/);
    const again = await runCli(['keys', '--out', dir], {});
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/--force/);
  });

  it("prints a token's claims but not the token unless asked", async () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'abc', scp: ['kensho:app:nerd'], exp: 2_000_000_000 })).toString('base64url');
    const token = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${payload}.c2ln`;
    const r = await runCli(['claims', '--stdin'], {}, token);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { claims: { scp: string[] }; expiresAt: string; token?: string };
    expect(parsed.claims.scp).toEqual(['kensho:app:nerd']);
    expect(parsed.expiresAt).toBe('2033-05-18T03:33:20.000Z');
    expect(r.output).not.toContain(token);
    const shown = await runCli(['claims', token, '--show-token'], {});
    expect(shown.stdout).toContain(token);
  });
});
