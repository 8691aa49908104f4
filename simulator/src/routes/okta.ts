import type { KeyObject } from 'node:crypto';
import { OktaSimulator } from '../okta.js';
import { defineRoute, type RouteContext } from '../route.js';

/** Knobs Okta's token endpoint reads on each request. */
export interface OktaKnobs {
  /** Okta access-token lifetime (at most 3600; default 3600). */
  tokenLifetimeSeconds: number;
  /**
   * Okta access tokens live no longer than the client assertion (default true: Kensho documents
   * that they may follow its `exp`); false issues `tokenLifetimeSeconds` whatever the assertion says.
   */
  oktaLifetimeFollowsAssertion: boolean;
}

/** Where the token endpoint lives; the access tokens' issuer is the authorization server above it. */
const TOKEN_PATH = '/okta/oauth2/default/v1/token';

/** The path of the authorization server whose URL issues every access token (`iss`). */
export const OKTA_ISSUER_PATH = '/okta/oauth2/default';

/** Okta's token endpoint for key-pair clients (UPSTREAMS §1.1). */
export const oktaRoute = defineRoute({
  key: 'okta',
  url: { name: 'tokenUrl', path: TOKEN_PATH, title: 'Okta token endpoint', env: 'KENSHO_TOKEN_URL' },
  knobs: (): OktaKnobs => ({ tokenLifetimeSeconds: 3600, oktaLifetimeFollowsAssertion: true }),
  start(ctx: RouteContext<OktaKnobs>) {
    const okta = new OktaSimulator(() => `${ctx.baseUrl()}${TOKEN_PATH}`, ctx.authority, ctx.clock, () => ctx.knobs.tokenLifetimeSeconds, () => ctx.knobs.oktaLifetimeFollowsAssertion);
    return {
      endpoint: (_method, path) => (path === TOKEN_PATH ? 'okta.token' : undefined),
      async handle({ req }) {
        const { scope, body } = await okta.handle(req);
        ctx.grant(scope);
        return { status: 200, body };
      },
      /** Registers a key-pair client (what Kensho does with a customer's public key). */
      register: (clientId: string, publicKey: KeyObject | string, scopes: string[]) => okta.register(clientId, publicKey, scopes),
    };
  },
  faultBody: (status: number) => (status === 429 ? { error: 'rate_limited', error_description: 'Too many requests' } : { error: 'server_error', error_description: 'upstream failure' }),
});
