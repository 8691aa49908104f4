import type { Credential } from '../../auth/outbound/credential.js';
import { upstreamApp, type UpstreamApp } from '../../apps/registry.js';
import { ok, skip, type Check } from '../../diagnosis/check.js';

/** Human names of the credential kinds (README, "Credentials"). */
export const CREDENTIAL_NAMES: Record<Credential['kind'], string> = {
  'key-pair': 'key pair (Okta client credentials)',
  'refresh-token': 'refresh token',
  'access-token': 'pasted access token',
  'skykit-jwt': 'self-signed JWT',
};

/**
 * Which credential the app uses, read from the services the gateway builds (not re-derived from
 * the environment), so it stays true when the precedence rules change.
 */
export function credentialCheck(app: UpstreamApp): Check {
  return {
    id: `${app}.credential`,
    title: `${app} credential`,
    app,
    async run(ctx) {
      const credential = ctx.credentials[app];
      if (!credential) {
        const hint = ctx.notConfigured(app) ?? 'no credential';
        return skip(`not configured (${hint})`, { cascade: `${app} is not configured`, data: { kind: 'none' } });
      }
      // Credential ids are built from public identifiers or a short hash, never a secret.
      const data = { kind: credential.kind, id: credential.id, renewable: credential.renewable };
      switch (credential.kind) {
        case 'key-pair': {
          const keyPair = ctx.config.kensho.keyPair;
          return ok(`${CREDENTIAL_NAMES[credential.kind]}, client ${keyPair?.clientId ?? '?'}`, { ...data, clientId: keyPair?.clientId });
        }
        case 'skykit-jwt':
          return ok(`${CREDENTIAL_NAMES[credential.kind]}, issuer ${ctx.config.skykit?.issuer ?? '?'}`, { ...data, issuer: ctx.config.skykit?.issuer });
        case 'refresh-token':
          return ok(`${CREDENTIAL_NAMES[credential.kind]} for ${upstreamApp(app).name} (${credential.id})`, data);
        case 'access-token':
          return ok(`${CREDENTIAL_NAMES[credential.kind]} (${credential.id}); it cannot be renewed`, data);
      }
    },
  };
}
