import { nextFullHour } from '../../auth/outbound/credential.js';
import type { UpstreamApp } from '../../apps/registry.js';
import { humanDuration, ok, skip, warn, type Check } from '../../diagnosis/check.js';
import type { KenshoDoctorApp } from './token-endpoint.js';

/** Below this an access token costs more than six token requests an hour (UPSTREAMS §1.1). */
const SHORT_LIFETIME_MS = 10 * 60_000;
/** A token whose lifetime is this close to the assertion's is taken to follow it. */
const FOLLOWS_TOLERANCE_MS = 30_000;

/**
 * The real lifetime of an access token obtained now (the earliest of `expires_in` and its JWT
 * `exp`) against the client assertion's lifetime: Kensho's key-pair tokens may follow the
 * assertion's `exp`, so a 5-minute assertion can mean 5-minute tokens (UPSTREAMS §1.1).
 */
export function tokenLifetimeCheck(app: KenshoDoctorApp): Check {
  return {
    id: `${app}.token-lifetime`,
    title: `${app} token lifetime`,
    app,
    needs: [`${app}.token`],
    async run(ctx, signal) {
      const outcome = await ctx.token(app, signal);
      if (!outcome.ok) return skip('no token was obtained', { cascade: 'no token was obtained' });
      const lifetimeMs = outcome.expiresAt - outcome.obtainedAt;
      const kind = ctx.credentials[app]?.kind;
      const assertionSeconds = ctx.config.kensho.keyPair?.assertionLifetimeSeconds;
      const data = {
        credential: kind,
        lifetimeSeconds: Math.round(lifetimeMs / 1000),
        jwtExp: outcome.jwtExp === undefined ? null : new Date(outcome.jwtExp).toISOString(),
        assertionLifetimeSeconds: kind === 'key-pair' ? (assertionSeconds ?? null) : null,
      };
      const life = humanDuration(lifetimeMs);
      if (kind === 'key-pair' && assertionSeconds !== undefined) {
        const assertionMs = assertionSeconds * 1000;
        const versus = `access token ${life}, assertion ${humanDuration(assertionMs)}`;
        if (assertionSeconds < 3600 && Math.abs(lifetimeMs - assertionMs) <= FOLLOWS_TOLERANCE_MS) {
          return warn(`${versus}: the token follows the assertion's lifetime`, 'set KENSHO_ASSERTION_LIFETIME_SECONDS=3600 (Kensho allows up to 60 minutes), so each token lives an hour', data);
        }
        if (lifetimeMs < SHORT_LIFETIME_MS) {
          return warn(`${versus}: tokens this short cost a token request every few minutes`, 'set KENSHO_ASSERTION_LIFETIME_SECONDS=3600; if tokens stay short, ask Kensho about the client\'s token lifetime', data);
        }
        return ok(versus, data);
      }
      if (kind === 'refresh-token') {
        // Refresh-flow tokens expire every hour on the hour (UPSTREAMS §1.2): short just before it.
        const onTheHour = Math.abs(outcome.expiresAt - nextFullHour(outcome.obtainedAt)) <= FOLLOWS_TOLERANCE_MS;
        if (lifetimeMs < SHORT_LIFETIME_MS && !onTheHour) {
          return warn(`access token ${life}, and not on the hour as documented`, 'nothing to change in the gateway; tell Kensho if refresh-flow tokens stay this short', data);
        }
        return ok(`access token ${life}${onTheHour ? ' (refresh-flow tokens expire on the hour)' : ''}`, data);
      }
      if (kind === 'access-token') {
        return warn(
          `pasted token: ${life} left, and nothing can renew it`,
          'before going live, set a refresh token or a key pair (KENSHO_CLIENT_ID + KENSHO_PRIVATE_KEY_FILE) instead of a pasted access token',
          data,
        );
      }
      return ok(`access token ${life}`, data);
    },
  };
}
