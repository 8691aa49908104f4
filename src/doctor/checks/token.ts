import { upstreamApp, type UpstreamApp } from '../../apps/registry.js';
import { fail, humanDuration, ok, skip, type Check } from '../../diagnosis/check.js';
import { scopeFor } from '../tokens.js';
import { appTokenVariables } from '../../config/load.js';

/**
 * Obtains a token now with the configured credential, exactly as the gateway would, and names the
 * fix when it is refused: a scope the client lacks, a rejected key or refresh token, an expired
 * pasted token.
 */
export function tokenCheck(app: UpstreamApp): Check {
  return {
    id: `${app}.token`,
    title: `${app} token`,
    app,
    needs: app === 'skykit' ? [`${app}.credential`] : [`${app}.credential`, `${app}.token-endpoint`],
    async run(ctx, signal) {
      const outcome = await ctx.token(app, signal);
      const scope = scopeFor(app);
      if (outcome.ok) {
        const left = outcome.expiresAt - ctx.clock();
        const what = app === 'skykit' ? 'signed a JWT' : `obtained a ${scope} token`;
        return ok(`${what}; valid for ${humanDuration(left)} (until ${new Date(outcome.expiresAt).toISOString()})`, {
          scope: scope || null,
          expiresAt: new Date(outcome.expiresAt).toISOString(),
          lifetimeSeconds: Math.round((outcome.expiresAt - outcome.obtainedAt) / 1000),
        });
      }
      const data = { code: outcome.code, status: outcome.status ?? null };
      if (outcome.code === 'NOT_CONFIGURED') return skip('not configured', { cascade: `${app} is not configured` });
      const kind = ctx.credentials[app]?.kind;
      const clientId = ctx.config.kensho.keyPair?.clientId;
      if (app !== 'skykit' && kind === 'key-pair') {
        if (outcome.code === 'UPSTREAM_FORBIDDEN') {
          return fail(
            `KENSHO_CLIENT_ID ${clientId} is not granted ${scope}`,
            `ask Kensho to add the scope ${scope} to client ${clientId}, or set ${appTokenVariables(app).refresh} (an app's own token takes precedence over the key pair); until then every ${upstreamApp(app).name} field answers UPSTREAM_FORBIDDEN. If you do not use ${upstreamApp(app).name}, run doctor with --skip ${app}`,
            { ...data, missingScope: scope },
          );
        }
        return fail(
          outcome.message,
          `check that KENSHO_CLIENT_ID is the Client ID Kensho sent for the public key of KENSHO_PRIVATE_KEY_FILE, and that this machine's clock is right (assertions live ${ctx.config.kensho.keyPair?.assertionLifetimeSeconds ?? '?'} s; see the clock row)`,
          data,
        );
      }
      if (app !== 'skykit' && kind === 'refresh-token') {
        return fail(
          outcome.message.replace(/;.*$/, ''),
          `copy a new refresh token from ${upstreamApp(app).name}'s Account page into ${appTokenVariables(app).refresh} (refresh tokens expire 7 days after their last use)`,
          data,
        );
      }
      if (app !== 'skykit' && kind === 'access-token') {
        return fail(outcome.message.replace(/;.*$/, ''), `paste a fresh ${appTokenVariables(app).access}, or better set ${appTokenVariables(app).refresh} or a key pair (KENSHO_CLIENT_ID), which renew themselves`, data);
      }
      return fail(outcome.message, app === 'skykit' ? 'check SKYKIT_PRIVATE_KEY_FILE holds an RSA private key' : 'run doctor again; if it persists, report it with this output', data);
    },
  };
}
