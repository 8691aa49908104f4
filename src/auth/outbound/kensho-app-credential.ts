import type { KenshoAppCredential } from '../../config/types.js';
import type { UpstreamRef } from '../../errors.js';
import type { Transport } from '../../net/transport.js';
import { AccessTokenCredential } from './access-token-credential.js';
import type { Credential } from './credential.js';
import { RefreshTokenCredential, type RefreshWire } from './refresh-credential.js';

/** What an app's credential is built from, besides its own setting in the config. */
export interface CredentialDeps {
  /** The one Okta key-pair credential all Kensho apps share, when a key pair is configured. */
  readonly okta: Credential | undefined;
  readonly transport: Transport;
  readonly clock: () => number;
  readonly timeoutMs: number;
}

/**
 * The credential one Kensho app uses (UPSTREAMS §1): the shared Okta key pair, the app's own
 * refresh token or pasted access token, or none. Every Kensho app obtains tokens the same way,
 * so an app definition only names its setting, base URL and scope, and, where its refresh
 * endpoint spells names differently (Link), `refreshWire`.
 */
export function kenshoAppCredential(app: UpstreamRef, setting: KenshoAppCredential, baseUrl: string, scope: string, deps: CredentialDeps, refreshWire?: RefreshWire): Credential | undefined {
  switch (setting.kind) {
    case 'key-pair':
      return deps.okta;
    case 'refresh-token':
      return new RefreshTokenCredential({ app, baseUrl, refreshToken: setting.refreshToken, scope, wire: refreshWire, transport: deps.transport, clock: deps.clock, timeoutMs: deps.timeoutMs });
    case 'access-token':
      return new AccessTokenCredential(app, setting.accessToken, deps.clock);
    case 'none':
      return undefined;
  }
}
