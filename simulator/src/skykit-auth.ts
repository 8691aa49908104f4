import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';

/** A Skykit API user: the registered e-mail and public key. */
export interface SkykitIssuer {
  readonly email: string;
  readonly publicKey: KeyObject;
  readonly permissions: 'all' | 'none';
}

/** Outcome of checking a Skykit bearer JWT. */
export type SkykitCheck = { ok: true; issuer: SkykitIssuer } | { ok: false; status: 401 | 403; message: string };

const UNAUTHORIZED = { ok: false, status: 401, message: 'Unauthorized for URL.' } as const;

/**
 * Verifies a self-signed Skykit JWT (UPSTREAMS §4): RS256 with `iss` = a registered e-mail,
 * signed by that e-mail's key, `iat` and `exp` present, valid between `iat` and `exp` (a token
 * issued "in the future" by a clock running ahead is refused), and `exp - iat` at most one hour.
 * Claims beyond these (e.g. `jti`) are ignored, as a JWT library does. A valid user without
 * permissions gets 403.
 */
export async function verifySkykitJwt(token: string | undefined, issuers: ReadonlyMap<string, SkykitIssuer>, now: number): Promise<SkykitCheck> {
  if (!token) return UNAUTHORIZED;
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    return UNAUTHORIZED;
  }
  const issuer = typeof iss === 'string' ? issuers.get(iss) : undefined;
  if (!issuer) return UNAUTHORIZED;
  try {
    const { payload } = await jwtVerify(token, issuer.publicKey, { algorithms: ['RS256'], issuer: issuer.email, requiredClaims: ['iat', 'exp'], currentDate: new Date(now) });
    if ((payload.exp as number) - (payload.iat as number) > 3600) return UNAUTHORIZED;
    // jose checks exp but not a future iat (unless maxTokenAge is set); Skykit's window starts at iat.
    if ((payload.iat as number) > Math.floor(now / 1000)) return UNAUTHORIZED;
  } catch {
    return UNAUTHORIZED;
  }
  if (issuer.permissions === 'none') return { ok: false, status: 403, message: 'Insufficient permission.' };
  return { ok: true, issuer };
}

/** Builds an issuer record from a PEM or KeyObject (a private key is reduced to its public half). */
export function skykitIssuer(email: string, key: KeyObject | string, permissions: 'all' | 'none' = 'all'): SkykitIssuer {
  const publicKey = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  return { email, publicKey, permissions };
}
