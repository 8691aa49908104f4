import { SimHttpError, lastSegment } from '../http-util.js';
import { defineRoute, type RouteContext } from '../route.js';
import { ScribeSimulator, type ScribeKnobs } from '../scribe.js';

const BY_METHOD: Record<string, string> = { HEAD: 'head', GET: 'get', DELETE: 'delete' };

/** The endpoint name of a Scribe request. */
function scribeEndpoint(method: string, p: string): string | undefined {
  if (p === '/scribe/api/v2/transcription' && method === 'POST') return 'scribe.create';
  if (/^\/scribe\/api\/v2\/transcription\/[^/]+$/.test(p) && BY_METHOD[method]) return `scribe.${BY_METHOD[method]}`;
  if (p.startsWith('/scribe/')) return 'scribe.other';
  return undefined;
}

/** Kensho Scribe batch v2 (UPSTREAMS-MORE §1): transcription jobs over real audio. */
export const scribeRoute = defineRoute({
  key: 'scribe',
  url: { name: 'scribe', path: '/scribe', title: 'Scribe', env: 'KENSHO_SCRIBE_URL' },
  scope: 'kensho:app:scribe',
  refresh: { param: 'refresh_token', field: 'access_token', refreshTokenEnv: 'KENSHO_SCRIBE_REFRESH_TOKEN', accessTokenEnv: 'KENSHO_SCRIBE_ACCESS_TOKEN' },
  knobs: (): ScribeKnobs => ({
    scribeJobDurationMs: 300,
    failScribeJobs: false,
    scribeMaxFileBytes: 1_000_000_000,
    scribeRequestsPerSecond: 5,
    scribeFailureStatus: 422,
    scribeOptionsPartType: 'any',
    scribeResultTtlSeconds: 86_400,
  }),
  start(ctx: RouteContext<ScribeKnobs>) {
    const scribe = new ScribeSimulator(ctx.clock, ctx.knobs);
    return {
      endpoint: scribeEndpoint,
      async handle(call) {
        const claims = await ctx.authorize(call);
        if (call.endpoint === 'scribe.other') throw new SimHttpError(404, { detail: 'no such endpoint' });
        // Every call of an account counts against its per-second limit.
        scribe.limit(claims);
        const id = lastSegment(call.url.pathname);
        if (call.endpoint === 'scribe.create') return scribe.create(call.req, claims);
        if (call.endpoint === 'scribe.delete') return scribe.delete(id, claims);
        return scribe.read(id, call.req, claims, call.endpoint === 'scribe.head');
      },
      /**
       * What Scribe received: the options of the latest submission (multipart part or JSON keys),
       * and the Content-Type of the latest multipart `options` part.
       */
      view: { lastOptions: (): Readonly<Record<string, unknown>> | undefined => scribe.lastOptions, lastOptionsPartType: () => scribe.lastOptionsPartType },
    };
  },
});
