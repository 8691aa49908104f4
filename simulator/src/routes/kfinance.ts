import { KfinanceSimulator, kfinanceEndpoint, type KfinanceKnobs } from '../kfinance.js';
import { defineRoute, type RouteContext } from '../route.js';

const BASE = '/kfinance';

/** Kensho kFinance, the LLM-ready API (UPSTREAMS-MORE §2), over a small deterministic dataset. */
export const kfinanceRoute = defineRoute({
  key: 'kfinance',
  url: { name: 'kfinance', path: BASE, title: 'kFinance', env: 'KENSHO_KFINANCE_URL' },
  scope: 'kensho:app:kfinance',
  refresh: { param: 'refresh_token', field: 'access_token', refreshTokenEnv: 'KENSHO_KFINANCE_REFRESH_TOKEN', accessTokenEnv: 'KENSHO_KFINANCE_ACCESS_TOKEN' },
  examples: ({ url, accessToken }) => [`curl -X POST ${url}/api/v1/ids -H "Authorization: Bearer ${accessToken}" -H 'content-type: application/json' -d '{"identifiers": ["AAPL", "C_248435"]}'`],
  knobs: (): KfinanceKnobs => ({ kfinanceWithheldPermissions: {}, kfinanceFailingCompanies: [], kfinanceIdsWrapped: true }),
  start(ctx: RouteContext<KfinanceKnobs>) {
    const kfinance = new KfinanceSimulator(ctx.clock, ctx.knobs);
    return {
      endpoint: (method, p) => (p.startsWith(`${BASE}/`) ? kfinanceEndpoint(method, p.slice(BASE.length)) : undefined),
      // kFinance answers 403, never 401, to a missing, bad or expired token (UPSTREAMS-MORE §2.13).
      handle: async (call) => kfinance.handle(call.endpoint, call.req, call.url.pathname.slice(BASE.length), await ctx.authorize(call, 403)),
    };
  },
});
