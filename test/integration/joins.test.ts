import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { uploadRequest } from '../helpers/upload.js';

/**
 * The cross-app joins, with the calls each costs (UPSTREAMS-MORE §4.1): Link candidates and the
 * CAPIQ entities NERD finds in a transcript lead on to kFinance companies, batched per operation.
 * Every upstream sees only its own scope.
 */
const SCOPES = ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:link', 'kensho:app:scribe', 'kensho:app:kfinance'];

const COMPANIES = [
  { name: 'S&P Global Inc.', countryIso3: 'USA' },
  { name: 'Apple', countryIso3: 'USA' },
  { name: 'Siemens AG', countryIso3: 'DEU' },
  { name: 'Toyota Motor Corp', countryIso3: 'JPN' },
  { name: 'Kensho' },
];

/** Upstream calls by endpoint since the last reset, and the token requests per scope. */
function calls(stack: Stack): { byEndpoint: Record<string, number>; tokens: Record<string, number> } {
  const byEndpoint: Record<string, number> = {};
  for (const c of stack.sim.counters.log()) byEndpoint[c.endpoint] = (byEndpoint[c.endpoint] ?? 0) + 1;
  return { byEndpoint, tokens: Object.fromEntries(SCOPES.map((s) => [s, stack.sim.counters.tokenRequests(s)])) };
}

/** Every call to an app carried that app's scope and no other. */
function scopesSeparated(stack: Stack): void {
  for (const c of stack.sim.counters.log()) {
    const app = c.endpoint.split('.')[0]!;
    if (!c.scopes || c.endpoint.endsWith('.refresh') || c.endpoint === 'okta.token') continue;
    expect(c.scopes, c.endpoint).toEqual([`kensho:app:${app}`]);
  }
}

describe('cross-app joins and their call counts', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ clientScopes: SCOPES, simulator: { scribeJobDurationMs: 50 }, env: { SCRIBE_POLL_INITIAL_MS: '20', SCRIBE_POLL_MAX_MS: '50', LIMIT_MAX_UPSTREAM_CALLS: '2000' } });
  });
  afterAll(async () => stack.close());

  it('links 250 records and joins their CAPIQ candidates to kFinance companies: 3 Link calls, 1 kFinance call', async () => {
    stack.sim.counters.reset();
    const records = Array.from({ length: 250 }, (_, i) => ({ uid: `r${i}`, ...COMPANIES[i % COMPANIES.length]! }));
    const r = await stack.gql<{ linkCompanies: Array<{ uid: string; candidates: Array<{ capiqId: string | null; company: { id: string; name: string } | null }> }> }>(
      `query($records: [CompanyRecordInput!]!) { linkCompanies(records: $records) { uid candidates { capiqId company { id name } } } }`,
      { records },
    );
    expect(r.errors, JSON.stringify(r.errors?.[0])).toBeUndefined();
    const out = r.data!.linkCompanies;
    expect(out).toHaveLength(250);
    for (const o of out) {
      const c = o.candidates[0]!;
      expect(c.company?.id, o.uid).toBe(c.capiqId);
      expect(c.company?.name, o.uid).toBeTruthy();
    }
    const { byEndpoint, tokens } = calls(stack);
    console.log(`250-record Link request with companies: ${JSON.stringify(byEndpoint)}; token requests ${JSON.stringify(tokens)}`);
    expect(byEndpoint['link.companies']).toBe(3);
    expect(byEndpoint['kfinance.ids']).toBe(1);
    expect(byEndpoint['kfinance.info'] ?? 0).toBe(0);
    scopesSeparated(stack);
  });

  it('finds the entities of a transcript and their companies: the job, 1 NERD call, 1 kFinance call', async () => {
    stack.sim.counters.reset();
    const bytes = readFileSync(fileURLToPath(new URL('../fixtures/audio/earnings-call.wav', import.meta.url)));
    const submitted = await uploadRequest<{ submitTranscription: { id: string } }>(stack.url, 'mutation($file: Upload!) { submitTranscription(file: $file) { id } }', { bytes, name: 'earnings-call.wav', type: 'audio/wav' });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitTranscription.id;
    const r = await stack.gql<{ awaitTranscription: { status: string; transcript: { entities: Array<{ annotations: Array<{ text: string; entity: { kbId: string; company: { name: string } | null } | null }> }> } } }>(
      `query($id: ID!) { awaitTranscription(id: $id, timeoutSeconds: 20) { status transcript { entities { annotations { text entity { kbId company { name } } } } } } }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.awaitTranscription.status).toBe('SUCCESS');
    const annotations = r.data!.awaitTranscription.transcript.entities.flatMap((kb) => kb.annotations);
    const withCompany = annotations.filter((a) => a.entity?.company);
    expect(withCompany.length).toBeGreaterThan(0);
    const { byEndpoint, tokens } = calls(stack);
    console.log(`transcript with entities and companies: ${annotations.length} mentions, ${withCompany.length} with a company; calls ${JSON.stringify(byEndpoint)}; token requests ${JSON.stringify(tokens)}`);
    expect(byEndpoint['nerd.annotations-sync']).toBe(1);
    expect(byEndpoint['kfinance.ids']).toBe(1);
    scopesSeparated(stack);
  });
});
