import { randomUUID } from 'node:crypto';
import { fail, ok, warn, type Check } from '../../diagnosis/check.js';

/**
 * Extract API v3 answers on the configured base URL: `GET /v3/extractions/<random uuid>` is 404
 * on v3 (unknown request id); 405 means the request reached another API version (UPSTREAMS §2).
 */
export const extractVersionCheck: Check = {
  id: 'extract.api-version',
  title: 'extract API version',
  app: 'extract',
  needs: ['extract.token', 'extract.base-url'],
  async run(ctx, signal) {
    const answer = await ctx.probe('extract', { endpoint: 'doctor.extract.get', method: 'GET', path: `/v3/extractions/${randomUUID()}`, withToken: true }, signal);
    if (answer.kind === 'no-token') return fail(`no token (${answer.reason})`, 'see the extract token row');
    if (answer.kind === 'error') return fail(`could not be reached (${answer.message})`, 'see the extract base URL row');
    if (answer.kind === 'redirect') return fail(`GET /v3/extractions/… redirects (HTTP ${answer.status})`, 'see the extract base URL row');
    const data = { status: answer.status };
    switch (answer.status) {
      case 404:
        return ok('v3 answers (404 for an unknown request id, as documented)', { ...data, version: 'v3' });
      case 405:
        return fail(
          'HTTP 405: this base URL serves another Extract API version',
          'set KENSHO_EXTRACT_URL to the base that serves /v3/extractions (the gateway adds /v3 itself; drop any /v1 or /v2 from the URL)',
          { ...data, version: 'other' },
        );
      case 401:
        return fail('Extract did not accept the token (HTTP 401)', 'the token endpoint issued a token Extract refuses: check KENSHO_EXTRACT_URL belongs to the same Kensho environment as the token endpoint', data);
      case 403:
        return fail('Extract refused the token (HTTP 403): no kensho:app:extract access', 'ask Kensho to give this client or account access to Extract (scope kensho:app:extract)', data);
      case 400:
        return warn('HTTP 400 to an unknown request id: v3 is likely, the answer is undocumented', 'nothing to change unless extraction calls fail', data);
      default:
        return warn(`HTTP ${answer.status} to GET /v3/extractions/<random id>: unexpected`, 'check KENSHO_EXTRACT_URL; run doctor again later', data);
    }
  },
};
