import { GatewayError } from '../../errors.js';
import { CallTimeoutError, within } from '../../net/within.js';
import { credentialLabel } from '../../observability/metrics.js';
import type { Credential } from './credential.js';
import type { TokenManager } from './token-manager.js';

/** One configured credential and the scopes of the apps it serves, in registry order. */
export interface CredentialUse {
  readonly credential: Credential;
  readonly scopes: readonly string[];
}

/** The readiness of one credential: proven (a token was obtained), or why not. */
export type CredentialReadiness = { readonly ok: true } | { readonly ok: false; readonly detail: string };

/** Codes meaning the scope is not granted to this credential (another scope may be). */
const SCOPE_REFUSED = new Set(['UPSTREAM_FORBIDDEN']);

/**
 * Readiness proves each configured credential by obtaining a token with it once, so a rollout
 * with a key Okta refuses (or a dead refresh token) stops at the readiness probe instead of at
 * the first query. A credential is proven by one token for any scope it serves (a Client ID may
 * be granted only some apps' scopes); once proven it is not asked again, and the token manager
 * answers later probes from its cache or its failure cooldown, so probes do not call the token
 * endpoint each time. Details name the credential's kind and scope, never the Client ID.
 */
export class CredentialReadinessCheck {
  private readonly proven = new Set<string>();

  constructor(
    private readonly tokens: TokenManager,
    private readonly budgetMs = 5_000,
  ) {}

  /** True once `credentialId` has obtained a token. */
  isProven(credentialId: string): boolean {
    return this.proven.has(credentialId);
  }

  /** Obtains (or has obtained) a token per credential; one entry per credential not proven. */
  async check(uses: readonly CredentialUse[]): Promise<string[]> {
    const failures = await Promise.all(uses.map(async (use) => this.prove(use)));
    return failures.filter((f): f is string => f !== undefined);
  }

  private async prove({ credential, scopes }: CredentialUse): Promise<string | undefined> {
    if (this.proven.has(credential.id)) return undefined;
    const label = credentialLabel(credential.id);
    let last = '';
    for (const scope of scopes) {
      try {
        await within(this.tokens.getToken(credential, scope), this.budgetMs, 'readiness token');
        this.proven.add(credential.id);
        return undefined;
      } catch (error) {
        const code = error instanceof GatewayError ? error.code : error instanceof CallTimeoutError ? 'TOKEN_PENDING' : 'INTERNAL_SERVER_ERROR';
        last = `${label} (${scope || 'no scope'}): ${code === 'TOKEN_PENDING' ? 'no token yet' : code}`;
        // Only a scope this credential is not granted lets another scope be tried.
        if (!SCOPE_REFUSED.has(code)) return last;
      }
    }
    return last;
  }
}
