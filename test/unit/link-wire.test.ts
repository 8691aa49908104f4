import { describe, expect, it } from 'vitest';
import { CallSlots } from '../../src/apps/link/client.js';
import { parseLinkAnswer } from '../../src/apps/link/wire.js';
import { normalise, similarity } from '@kensho-gateway/simulator';

const parse = (body: unknown) => Object.fromEntries(parseLinkAnswer(body, 'link.companies'));

describe('parseLinkAnswer (the answer is not published: every documented guess)', () => {
  const expected = { '1': [{ kbId: '21719', score: 0.97, kbName: 'S&P Global Inc.' }], '2': [] };

  it.each([
    ['the proposed {results: [{uid, links}]}', { results: [{ uid: '1', links: [{ identifier: '21719', score: 0.97, knowledge_base_name: 'S&P Global Inc.' }] }, { uid: '2', links: [] }] }],
    ['a top-level list with entity_links', [{ uid: '1', entity_links: [{ entity_id: 21719, link_score: '0.97', knowledge_base_name: 'S&P Global Inc.' }] }, { uid: '2', entity_links: [] }]],
    ['a map keyed by uid with bare lists', { '1': [{ kb_id: 21719, score: 0.97, knowledgeBaseName: 'S&P Global Inc.' }], '2': [] }],
    ['results as a map of objects with matches', { results: { '1': { matches: [{ id: '21719', score: 0.97, knowledge_base_name: 'S&P Global Inc.' }] }, '2': { matches: null } } }],
  ])('reads %s', (_what, body) => {
    expect(parse(body)).toEqual(expected);
  });

  it('skips links without an id or a score, and numeric uids become strings', () => {
    expect(parse([{ uid: 7, links: [{ identifier: '1' }, { score: 0.5 }, { identifier: 2, score: 0.5 }] }])).toEqual({ '7': [{ kbId: '2', score: 0.5, kbName: null }] });
  });

  it.each([['a string', 'oops'], ['null', null], ['a result without links', { results: [{ uid: '1', foo: [] }] }]])('refuses %s as UPSTREAM_BAD_RESPONSE', (_what, body) => {
    expect(() => parseLinkAnswer(body, 'link.companies')).toThrow(expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }));
  });
});

describe('CallSlots', () => {
  it('keeps at most `limit` calls in flight over every caller sharing them, uses them all, and runs every call', async () => {
    let inFlight = 0;
    let most = 0;
    const slots = new CallSlots(3);
    const run = (items: number[]) =>
      Promise.all(
        items.map((n) =>
          slots.run(async () => {
            inFlight++;
            most = Math.max(most, inFlight);
            await new Promise((r) => setTimeout(r, n * 5));
            inFlight--;
            return n * 10;
          }),
        ),
      );
    // Two fields of one operation share the slots.
    const [a, b] = await Promise.all([run([5, 1, 4]), run([2, 3, 0, 1])]);
    expect(a).toEqual([50, 10, 40]);
    expect(b).toEqual([20, 30, 0, 10]);
    expect(most).toBe(3);
    expect(inFlight).toBe(0);
  });
});

describe('the simulator\'s name similarity', () => {
  it('ignores legal forms, case, accents and punctuation', () => {
    expect(normalise('The Goldman Sachs Group, Inc.')).toBe('goldman sachs');
    expect(normalise('Nestlé S.A.')).toBe('nestle');
    expect(similarity(normalise('S&P Global Inc'), normalise('S&P Global Inc.'))).toBe(1);
    expect(similarity('apple', 'zzyzx quarry partners')).toBeLessThan(0.2);
  });
});
