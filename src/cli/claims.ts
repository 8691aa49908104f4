import { decodeJwt, decodeProtectedHeader } from 'jose';

/**
 * Describes a token for debugging: its header and claims, with `iat`/`exp` as dates and the
 * time left. The token itself is printed only when asked (`showToken`).
 */
export function describeToken(token: string, now: number, showToken: boolean): Record<string, unknown> {
  let header: unknown;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    throw new Error('not a JWT (expected three base64url parts separated by dots)');
  }
  const at = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined);
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  return {
    header,
    claims,
    issuedAt: at(claims.iat),
    expiresAt: at(claims.exp),
    expiresInSeconds: exp === undefined ? undefined : Math.round((exp - now) / 1000),
    expired: exp === undefined ? undefined : exp <= now,
    ...(showToken ? { token } : {}),
  };
}
