import { NerdSimulator, type NerdKnobs } from '../nerd.js';
import { defineRoute, type Answer, type RouteCall, type RouteContext } from '../route.js';

const ASYNC_BY_METHOD: Record<string, string> = { POST: 'create', GET: 'poll', DELETE: 'delete', PUT: 'put' };

/** The endpoint name of a NERD request; its uploads go to a path of their own (the "object store"). */
function nerdEndpoint(method: string, p: string): string | undefined {
  if (p === '/nerd/api/v1/annotations-sync' && method === 'POST') return 'nerd.annotations-sync';
  if (p === '/nerd/api/v1/annotations-async' && ASYNC_BY_METHOD[method]) return `nerd.annotations-async.${ASYNC_BY_METHOD[method]}`;
  if (p === '/nerd/api/v1/upload-url' && method === 'GET') return 'nerd.upload-url';
  if (p === '/nerd-uploads') return 'nerd.upload';
  if (p === '/nerd/me' && method === 'GET') return 'nerd.me';
  return undefined;
}

/** Kensho NERD v1 (UPSTREAMS §3): sync and async annotations, the upload-url flow, /me. */
export const nerdRoute = defineRoute({
  key: 'nerd',
  url: { name: 'nerd', path: '/nerd', title: 'NERD', env: 'KENSHO_NERD_URL' },
  scope: 'kensho:app:nerd',
  refresh: { param: 'refresh_token', field: 'access_token', refreshTokenEnv: 'KENSHO_NERD_REFRESH_TOKEN', accessTokenEnv: 'KENSHO_NERD_ACCESS_TOKEN' },
  examples: ({ url, accessToken, refreshToken }) => [
    `curl "${url}/oauth2/refresh?refresh_token=${refreshToken}"`,
    `curl -X POST ${url}/api/v1/annotations-sync -H "Authorization: Bearer ${accessToken}" -H 'content-type: application/json' \\`,
    `     -d '{"text": "Apple and Microsoft met in Zürich.", "knowledge_bases": ["wikimedia", "capiq"]}'`,
  ],
  knobs: (): NerdKnobs => ({
    nerdJobDurationMs: 300,
    nerdMaxTextChars: 1_000_000,
    failNerdJobs: false,
    nerdOffsetUnit: 'codepoint',
    nerdRelevanceShape: 'nested',
    nerdRunningStatus: 'pending',
    nerdPeopleEntitlement: true,
  }),
  start(ctx: RouteContext<NerdKnobs>) {
    const nerd = new NerdSimulator(ctx.clock, ctx.knobs, () => `${ctx.baseUrl()}/nerd-uploads`);
    const handlers: Record<string, (call: RouteCall) => Answer | Promise<Answer>> = {
      'nerd.annotations-sync': async (call) => {
        await ctx.authorize(call);
        return nerd.sync(call.req);
      },
      'nerd.annotations-async.create': async (call) => nerd.createJob(call.req, await ctx.authorize(call)),
      'nerd.annotations-async.poll': async (call) => nerd.poll(call.url, await ctx.authorize(call)),
      'nerd.annotations-async.delete': async (call) => nerd.delete(call.url, await ctx.authorize(call)),
      'nerd.annotations-async.put': async (call) => nerd.startUploaded(call.req, call.url, await ctx.authorize(call)),
      'nerd.upload-url': async (call) => nerd.uploadSpec(await ctx.authorize(call)),
      // The pre-signed upload carries no token.
      'nerd.upload': (call) => nerd.receiveUpload(call.req),
      // NERD documents 403 (not 401) for an unauthenticated /me.
      'nerd.me': async (call) => nerd.me(await ctx.authorize(call, 403)),
    };
    return {
      endpoint: nerdEndpoint,
      handle: async (call) => handlers[call.endpoint]!(call),
      /** What NERD holds: async jobs created and not deleted (they keep the text they were sent). */
      view: { storedJobs: () => nerd.storedJobs() },
    };
  },
});
