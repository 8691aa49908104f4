import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

/**
 * The GraphQL over HTTP conformance audits (graphql-http's serverAudits) against the running
 * gateway. Every MUST and SHOULD passes; the remaining notices are GET requests without a CSRF
 * preflight header, which the gateway refuses on purpose (README, "Querying").
 */
describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(async () => stack.close());

  it('passes every MUST and SHOULD audit', async () => {
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: `${stack.url}/graphql`, fetchFn: fetch })) results.push(await audit.fn());
    const count = (status: string) => results.filter((r) => r.status === status).length;
    console.log(`graphql-http audits: ${count('ok')} ok, ${count('notice')} notice, ${count('warn')} warn, ${count('error')} error`);
    expect(results.filter((r) => r.status === 'warn' || r.status === 'error').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
    // The known notices: GETs without a CSRF preflight header (5A70, D6D5, 6A70).
    expect(results.filter((r) => r.status === 'notice').map((r) => r.id).sort()).toEqual(['5A70', '6A70', 'D6D5']);
  });
});
