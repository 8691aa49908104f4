import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { SKYKIT_IAT_BACKDATE_SECONDS, SkykitJwtCredential } from '../../src/apps/skykit/credential.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const NOW = Date.UTC(2026, 10, 29, 1, 2, 3, 456);

const credential = (jwtLifetimeSeconds: number) => new SkykitJwtCredential({ issuer: 'ops@example.com', privateKey, jwtLifetimeSeconds }, () => NOW);

describe('Skykit JWT credential', () => {
  it('mints a different token each time, even within the same millisecond', async () => {
    const c = credential(3300);
    const [a, b] = await Promise.all([c.obtain(), c.obtain()]);
    expect(a.accessToken).not.toBe(b.accessToken);
    const [ca, cb] = [decodeJwt(a.accessToken), decodeJwt(b.accessToken)];
    expect(ca.iat).toBe(cb.iat);
    expect(ca.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(ca.jti).not.toBe(cb.jti);
  });

  it.each([
    [3300, 3300],
    [3600, 3600],
    // The config caps the lifetime at 3600; the credential keeps exp − iat ≤ 1 h on its own too.
    [7200, 3600],
  ])('backdates iat by 30 s and counts a %i s lifetime from it (exp − iat = %i)', async (lifetime, span) => {
    const t = await credential(lifetime).obtain();
    const claims = decodeJwt(t.accessToken);
    expect(SKYKIT_IAT_BACKDATE_SECONDS).toBe(30);
    expect(claims.iat).toBe(Math.floor(NOW / 1000) - 30);
    expect(claims.exp! - claims.iat!).toBe(span);
    // The token is cached until its real exp, never beyond.
    expect(t.expiresAt).toBe(claims.exp! * 1000);
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'iss', 'jti']);
    await expect(jwtVerify(t.accessToken, publicKey, { algorithms: ['RS256'], issuer: 'ops@example.com', currentDate: new Date(NOW) })).resolves.toBeDefined();
  });
});
