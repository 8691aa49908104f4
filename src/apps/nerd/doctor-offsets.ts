import { fail, ok, warn, type Check } from '../../diagnosis/check.js';
import { OFFSET_PROBE_TEXT, detectOffsetUnit } from './offset-unit.js';

/**
 * Settles a contract unknown (UPSTREAMS §3): are NERD's offsets code points (likely, the service
 * is Python) or UTF-16 units? Annotates one short text with an emoji before a well-known company
 * and reads the unit off the answer itself.
 */
export const nerdOffsetsCheck: Check = {
  id: 'nerd.offsets',
  title: 'nerd offset unit',
  app: 'nerd',
  needs: ['nerd.token', 'nerd.base-url'],
  async run(ctx, signal) {
    const answer = await ctx.probe(
      'nerd',
      { endpoint: 'doctor.nerd.annotations-sync', method: 'POST', path: '/api/v1/annotations-sync', json: { text: OFFSET_PROBE_TEXT, knowledge_bases: ['wikimedia'] }, withToken: true },
      signal,
    );
    if (answer.kind === 'no-token') return fail(`no token (${answer.reason})`, 'see the nerd token row');
    if (answer.kind === 'error') return fail(`could not be reached (${answer.message})`, 'see the nerd base URL row');
    if (answer.kind === 'redirect') return fail(`POST /api/v1/annotations-sync redirects (HTTP ${answer.status})`, 'see the nerd base URL row');
    if (answer.status === 401 || answer.status === 403) {
      return fail(`NERD refused the annotate call (HTTP ${answer.status})`, 'the token lacks kensho:app:nerd or the account lacks NERD access: ask Kensho');
    }
    if (answer.status === 429) return warn('NERD answered 429 (rate limit): the offset unit is unknown', 'run doctor again in a minute');
    if (answer.status !== 200) return fail(`POST /api/v1/annotations-sync answered HTTP ${answer.status}`, 'check KENSHO_NERD_URL; if it is right, ask Kensho about the error');
    const verdict = detectOffsetUnit(OFFSET_PROBE_TEXT, (answer.body as { results?: unknown } | undefined)?.results);
    const data = { unit: verdict.unit, evidence: verdict.evidence, probeText: OFFSET_PROBE_TEXT, example: verdict.example ?? null };
    const at = verdict.example ? ` ("${verdict.example.text}" at ${verdict.example.start}..${verdict.example.end})` : '';
    if (verdict.unit === 'codepoint') return ok(`Unicode code points${at}`, data);
    if (verdict.unit === 'utf16') return ok(`UTF-16 code units${at}`, data);
    const total = verdict.evidence.both + verdict.evidence.codepoint + verdict.evidence.utf16 + verdict.evidence.neither;
    return warn(
      total === 0 ? 'unknown: NERD found no entity in the probe text' : `unknown: the ${total} span(s) fit neither unit consistently`,
      'annotate a text with an emoji before an entity and compare the offsets by hand; tell the gateway team what you see',
      data,
    );
  },
};
