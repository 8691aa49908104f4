import { describe, expect, it } from 'vitest';
import { paginate, type UpstreamPage } from '../../src/apps/skykit/paging.js';

/** An upstream of `total` numbered items in pages of 100 with opaque cursors; counts fetches. */
function upstream(total: number, opts: { repeat?: boolean } = {}) {
  const fetched: Array<string | null> = [];
  const fetchPage = async (cursor: string | null): Promise<UpstreamPage<number>> => {
    fetched.push(cursor);
    const start = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64').toString().slice(1));
    const items = Array.from({ length: Math.max(0, Math.min(100, total - start)) }, (_, i) => start + i);
    const nextStart = start + 100;
    const next = opts.repeat ? Buffer.from('@100').toString('base64') : nextStart < total ? Buffer.from(`@${nextStart}`).toString('base64') : undefined;
    return { items, next };
  };
  return { fetched, fetchPage };
}

const walk = (u: ReturnType<typeof upstream>, first: number, after?: string | null, query = 'q') => paginate({ first, after, query, fetchPage: u.fetchPage, upstreamName: 'Skykit' });

describe('paginate over fixed 100-item upstream pages', () => {
  it.each([
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
  ])('first=%i from the start fetches exactly %i upstream page(s)', async (first, pages) => {
    const u = upstream(350);
    const c = await walk(u, first);
    expect(c.edges.map((e) => e.node)).toEqual(Array.from({ length: first }, (_, i) => i));
    expect(u.fetched).toHaveLength(pages);
    expect(c.pageInfo.hasNextPage).toBe(true);
  });

  it('resumes mid-page from endCursor, and after a page end without refetching it', async () => {
    const u = upstream(350);
    const a = await walk(u, 30);
    const b = await walk(u, 80, a.pageInfo.endCursor);
    expect(b.edges.map((e) => e.node)).toEqual(Array.from({ length: 80 }, (_, i) => 30 + i));
    expect(u.fetched).toHaveLength(3); // page 1, page 1 again (resume mid-page), page 2
    const c = await walk(u, 10, b.pageInfo.endCursor); // b ended at item 109, mid page 2
    expect(c.edges[0]!.node).toBe(110);
    const d = await walk(upstream(350), 100);
    const u2 = upstream(350);
    const e = await walk(u2, 5, d.pageInfo.endCursor); // d ended exactly at a page end
    expect(e.edges[0]!.node).toBe(100);
    expect(u2.fetched).toEqual([expect.any(String)]); // straight to page 2, not page 1 again
  });

  it('walks every item exactly once and ends with hasNextPage false', async () => {
    const u = upstream(350);
    const seen: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = await walk(u, 64, after);
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 350 }, (_, i) => i));
  });

  it('stops with an error when the upstream repeats a cursor', async () => {
    await expect(walk(upstream(350, { repeat: true }), 300)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });

  it('refuses bad arguments and cursors of other queries', async () => {
    const u = upstream(350);
    await expect(walk(u, -1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(walk(u, 501)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(walk(u, 5, 'not-a-cursor')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const a = await walk(u, 5, null, 'tenant=A');
    await expect(walk(u, 5, a.pageInfo.endCursor, 'tenant=B')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/different query/) });
    const zero = await walk(upstream(350), 0);
    expect(zero.edges).toEqual([]);
  });
});
