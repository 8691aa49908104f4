import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@kensho-gateway/simulator';

describe('simulated Kensho Link On-Demand', () => {
  let sim: Simulator;
  let token = '';
  const post = (body: unknown, path = '/api/ondemand/v0/companies/capiq/generic', bearer = token) =>
    fetch(`${sim.urls.link}${path}`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startSimulator();
    token = await sim.issueAccessToken({ scopes: ['kensho:app:link'] });
  });
  afterAll(async () => sim.close());

  it('links the documented example and honours num_top_records and include_response_fields', async () => {
    const res = await post({ records: [{ uid: '1', name: 'S&P Global Inc.', aliases: ['S&P', 'SPGI'], country_iso3: 'USA' }, { uid: 'kensho', name: 'Kensho' }], num_top_records: 2 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ uid: string; links: Array<Record<string, unknown>> }> };
    expect(body.results.map((r) => r.uid)).toEqual(['1', 'kensho']);
    expect(body.results[0]!.links[0]).toMatchObject({ identifier: '248435' });
    expect(body.results[0]!.links[0]).not.toHaveProperty('knowledge_base_name');
    expect(body.results[0]!.links.length).toBeLessThanOrEqual(2);
    const named = (await (await post({ records: [{ uid: 'a', name: 'Apple Inc.' }], include_response_fields: ['knowledge_base_name'] })).json()) as typeof body;
    expect(named.results[0]!.links).toEqual([expect.objectContaining({ identifier: '24937', knowledge_base_name: 'Apple Inc.' })]);
  });

  it('weighs the country: the right one raises the score, a wrong one lowers it', async () => {
    const score = async (country?: string) =>
      ((await (await post({ records: [{ uid: 's', name: 'Siemens', ...(country ? { country_iso3: country } : {}) }] })).json()) as { results: Array<{ links: Array<{ score: number }> }> }).results[0]!.links[0]?.score ?? 0;
    const none = await score();
    expect(await score('DEU')).toBeGreaterThan(none);
    expect(await score('BRA')).toBeLessThan(none);
  });

  it('refuses bad requests as Link would: 400 over the record limit, 422 for schema violations, 404 for other models', async () => {
    expect((await post({ records: Array.from({ length: 101 }, (_, i) => ({ uid: `${i}`, name: 'x' })) })).status).toBe(400);
    const missing = await post({ records: [{ name: 'no uid' }] });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ detail: [{ loc: ['body', 'records', 0, 'uid'] }] });
    expect((await post({ records: [{ uid: '1', name: 'x', year_founded: 'old' }] })).status).toBe(422);
    expect((await post({ records: [] }, '/api/ondemand/v0/companies/capiq/fancy')).status).toBe(404);
    expect((await post({ records: [] }, '/api/ondemand/v0/companies/wikidata/generic')).status).toBe(404);
  });

  it('wants a token with kensho:app:link: 401 without one, 403 with another app\'s', async () => {
    expect((await post({ records: [] }, undefined, 'nope')).status).toBe(401);
    const nerd = await sim.issueAccessToken({ scopes: ['kensho:app:nerd'] });
    expect((await post({ records: [] }, undefined, nerd)).status).toBe(403);
  });

  it('gives the key-pair client kensho:app:link on its own and refreshes Link tokens only with refreshToken', async () => {
    const rt = sim.issueRefreshToken('link');
    expect((await fetch(`${sim.urls.link}/oauth2/refresh?refresh_token=${rt}`)).status).toBe(400);
    const ok = await fetch(`${sim.urls.link}/oauth2/refresh?refreshToken=${rt}`);
    const { accessToken } = (await ok.json()) as { accessToken: string };
    expect((await post({ records: [{ uid: '1', name: 'Apple' }] }, undefined, accessToken)).status).toBe(200);
    // A NERD refresh token does not work at Link's endpoint.
    expect((await fetch(`${sim.urls.link}/oauth2/refresh?refreshToken=${sim.issueRefreshToken('nerd')}`)).status).toBe(401);
  });
});
