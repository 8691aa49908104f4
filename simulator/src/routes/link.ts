import { SimHttpError } from '../http-util.js';
import { LinkSimulator, type LinkKnobs } from '../link.js';
import { defineRoute, type RouteContext } from '../route.js';

/** The endpoint name of a Link request. */
function linkEndpoint(method: string, p: string): string | undefined {
  if (/^\/link\/api\/ondemand\/v0\/companies\/[^/]+\/[^/]+$/.test(p) && method === 'POST') return 'link.companies';
  if (p.startsWith('/link/')) return 'link.other';
  return undefined;
}

/** Kensho Link On-Demand (UPSTREAMS-MORE §3): company records matched to knowledge-base ids. */
export const linkRoute = defineRoute({
  key: 'link',
  url: { name: 'link', path: '/link', title: 'Link', env: 'KENSHO_LINK_URL' },
  scope: 'kensho:app:link',
  // Link's refresh endpoint speaks camelCase (UPSTREAMS §1.2).
  refresh: { param: 'refreshToken', field: 'accessToken', refreshTokenEnv: 'KENSHO_LINK_REFRESH_TOKEN', accessTokenEnv: 'KENSHO_LINK_ACCESS_TOKEN' },
  examples: ({ url, accessToken }) => [
    `curl -X POST ${url}/api/ondemand/v0/companies/capiq/generic -H "Authorization: Bearer ${accessToken}" -H 'content-type: application/json' \\`,
    `     -d '{"records": [{"uid": "1", "name": "S&P Global Inc.", "country_iso3": "USA"}], "include_response_fields": ["knowledge_base_name"]}'`,
  ],
  knobs: (): LinkKnobs => ({ linkAnswerShape: 'results', linkMaxRecords: 100 }),
  start(ctx: RouteContext<LinkKnobs>) {
    const link = new LinkSimulator(ctx.knobs);
    return {
      endpoint: linkEndpoint,
      async handle(call) {
        await ctx.authorize(call);
        if (call.endpoint !== 'link.companies') throw new SimHttpError(404, { detail: 'Not Found' });
        const [knowledgeBase = '', model = ''] = call.url.pathname.split('/').slice(-2).map(decodeURIComponent);
        return link.companies(call.req, knowledgeBase, model);
      },
      reset: () => void (link.batches.length = 0),
      /** What Link received: the record count of every call it served, in arrival order. */
      view: { batches: (): readonly number[] => link.batches },
    };
  },
});
