import { jwtExpiry, type Credential } from '../auth/outbound/credential.js';
import { GatewayError, scrubUpstreamText } from '../errors.js';
import { upstreamApp, type UpstreamApp } from '../apps/registry.js';
import { describeNetworkFailure } from '../diagnosis/network.js';

export type { TokenOutcome } from '../diagnosis/check.js';
import type { TokenOutcome } from '../diagnosis/check.js';

/** The scope the gateway asks for each app's token ('' for Skykit, where scopes do not apply). */
export function scopeFor(app: UpstreamApp): string {
  return app === 'skykit' ? '' : upstreamApp(app).scope;
}

/**
 * Obtains one token with the credential the gateway itself would use, straight from the
 * credential (not the token manager's cache): doctor wants to see the token endpoint answer now.
 */
export async function obtainToken(credential: Credential | undefined, app: UpstreamApp, clock: () => number, signal?: AbortSignal): Promise<TokenOutcome> {
  const started = clock();
  if (!credential) return { ok: false, code: 'NOT_CONFIGURED', message: 'no credential is configured', status: undefined, network: undefined, extensions: {}, durationMs: 0 };
  try {
    const token = await credential.obtain(scopeFor(app), signal);
    return { ok: true, accessToken: token.accessToken, expiresAt: token.expiresAt, jwtExp: jwtExpiry(token.accessToken), obtainedAt: started, durationMs: clock() - started };
  } catch (error) {
    const durationMs = clock() - started;
    if (error instanceof GatewayError) {
      const status = typeof error.extensions.upstreamStatus === 'number' ? error.extensions.upstreamStatus : statusOfCause(error);
      const network = error.code === 'UPSTREAM_AUTH_UNAVAILABLE' && status === undefined ? describeNetworkFailure(error) : undefined;
      return { ok: false, code: error.code, message: scrubUpstreamText(error.message, 400), status, network, extensions: error.extensions, durationMs };
    }
    return { ok: false, code: 'INTERNAL', message: scrubUpstreamText(error instanceof Error ? error.message : String(error), 400), status: undefined, network: undefined, extensions: {}, durationMs };
  }
}

/** The status of a wrapped cause (a redirect answered to the credential's own request). */
function statusOfCause(error: Error): number | undefined {
  const cause = error.cause as { status?: unknown } | undefined;
  return typeof cause?.status === 'number' ? cause.status : undefined;
}
