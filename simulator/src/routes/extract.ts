import { SAMPLE_PDF } from '../demo-data.js';
import { ExtractSimulator, type ExtractKnobs } from '../extract.js';
import { lastSegment } from '../http-util.js';
import { defineRoute, type Answer, type RouteCall, type RouteContext } from '../route.js';

const EXTRACTIONS = '/extract/v3/extractions';
/** Paths below EXTRACTIONS that are calls of their own, never a request id. */
const NOT_IDS = new Set(['upload-url', 'upload-complete', 'download-url']);

/** The endpoint name of an Extract request; uploads and output files live at paths of their own (the "object store"). */
function extractEndpoint(method: string, p: string): string | undefined {
  if (p === '/extract-uploads') return 'extract.upload';
  if (/^\/extract-outputs\/[^/]+$/.test(p)) return 'extract.output';
  if (p === EXTRACTIONS && method === 'POST') return 'extract.submit';
  if (p === `${EXTRACTIONS}/upload-url` && method === 'POST') return 'extract.upload-url';
  if (p === `${EXTRACTIONS}/upload-complete` && method === 'PUT') return 'extract.upload-complete';
  if (/^\/extract\/v3\/extractions\/download-url\/[^/]+$/.test(p) && method === 'GET') return 'extract.download-url';
  const id = /^\/extract\/v3\/extractions\/([^/]+)$/.exec(p)?.[1];
  if (id !== undefined && !NOT_IDS.has(id) && method === 'GET') return 'extract.get';
  if (p.startsWith('/extract/')) return 'extract.other';
  return undefined;
}

/** Kensho Extract v3 (UPSTREAMS §2): submit, the pre-signed upload-url flow, polling, signed downloads. */
export const extractRoute = defineRoute({
  key: 'extract',
  url: { name: 'extract', path: '/extract', title: 'Extract', env: 'KENSHO_EXTRACT_URL' },
  scope: 'kensho:app:extract',
  refresh: { param: 'refresh_token', field: 'access_token', refreshTokenEnv: 'KENSHO_EXTRACT_REFRESH_TOKEN', accessTokenEnv: 'KENSHO_EXTRACT_ACCESS_TOKEN' },
  examples: ({ url, accessToken }) => [
    `curl -X POST ${url}/v3/extractions -H "Authorization: Bearer ${accessToken}" -F file=@${SAMPLE_PDF} \\`,
    `     -F document_type=general -F ocr=false -F enhanced_table_extraction=false    # then GET …/v3/extractions/<request_id>`,
  ],
  knobs: (): ExtractKnobs => ({
    extractJobDurationMs: 300,
    failExtractJobs: false,
    extractMaxFileBytes: 100_000_000,
    extractOutputFileShape: 'bare',
    extractUploadUrlUnknownFields: 'ignore',
  }),
  start(ctx: RouteContext<ExtractKnobs>) {
    const extract = new ExtractSimulator(ctx.clock, ctx.knobs, { upload: () => `${ctx.baseUrl()}/extract-uploads`, outputs: () => `${ctx.baseUrl()}/extract-outputs` });
    const handlers: Record<string, (call: RouteCall) => Promise<Answer>> = {
      'extract.submit': async (call) => extract.submit(call.req, await ctx.authorize(call)),
      'extract.get': async (call) => extract.get(lastSegment(call.url.pathname), call.url, await ctx.authorize(call)),
      'extract.upload-url': async (call) => extract.uploadUrl(call.req, await ctx.authorize(call)),
      // The pre-signed upload and output URLs carry no token: their signature is the credential.
      'extract.upload': (call) => extract.receiveUpload(call.req),
      'extract.upload-complete': async (call) => extract.uploadComplete(call.req, await ctx.authorize(call)),
      'extract.download-url': async (call) => extract.downloadUrl(lastSegment(call.url.pathname), await ctx.authorize(call)),
      'extract.output': (call) => extract.output(lastSegment(call.url.pathname), call.url, call.req.method ?? 'GET'),
      'extract.other': async (call) => {
        await ctx.authorize(call);
        return extract.other(call.req.method ?? 'GET', call.url.pathname);
      },
    };
    return {
      endpoint: extractEndpoint,
      handle: (call) => handlers[call.endpoint]!(call),
      /** What Extract received, for tests that check what a client sent. */
      view: {
        /** The text fields of the latest submit or upload-url form, in arrival order. */
        lastForm: (endpoint: 'submit' | 'upload-url') => extract.lastForm(endpoint),
      },
    };
  },
});
