import { BadUserInputError, UpstreamError } from '../../errors.js';

/** One upstream page: its items and the opaque cursor of the next page, if any. */
export interface UpstreamPage<T> {
  readonly items: readonly T[];
  readonly next: string | undefined;
}

/** A Relay connection as the schema returns it. */
export interface Connection<T> {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: T }>;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** Where a walk resumes: the upstream page (by the cursor that fetched it) and an offset into it. */
interface Position {
  /** Upstream cursor of the page; null for the first page. */
  readonly page: string | null;
  readonly offset: number;
  /** Which query the cursor belongs to, so it cannot be replayed against other filters. */
  readonly query: string;
}

/** The most items one connection field returns. */
export const MAX_FIRST = 500;

/** Items per Skykit page (fixed by Skykit, no page-size parameter): the cost model's calls per connection. */
export const SKYKIT_PAGE_ITEMS = 100;

/** The connection's default page size, used where `first` is left out or null. */
export const DEFAULT_FIRST = 20;

/**
 * The page size a connection resolver uses for its `first` argument: the value given, or the
 * default where it is omitted or null (graphql-js passes an explicit null through; the schema's
 * default applies only where the argument is left out). The cost model prices the same value.
 */
export function pageSize(first: unknown): number {
  return typeof first === 'number' ? first : DEFAULT_FIRST;
}

/**
 * Cuts Relay pages out of fixed upstream pages (Skykit: 100 items, opaque `nextCursor`, no page
 * size). Fetches exactly the upstream pages the request needs, and encodes cursors that resume
 * mid-page: (upstream cursor of the page, offset). A cursor the upstream repeats ends the walk
 * with an error instead of a loop. Written here because no library pages over a fixed-size
 * upstream with opaque cursors.
 */
export async function paginate<T>(options: {
  first: number;
  after: string | null | undefined;
  /** Identifies the filters; cursors only resume the query they came from. */
  query: string;
  fetchPage: (cursor: string | null) => Promise<UpstreamPage<T>>;
  upstreamName: string;
}): Promise<Connection<T>> {
  const { first, query, fetchPage } = options;
  if (!Number.isInteger(first) || first < 0) throw new BadUserInputError('first must be a whole number ≥ 0', { argument: 'first' });
  if (first > MAX_FIRST) throw new BadUserInputError(`first must be at most ${MAX_FIRST}`, { argument: 'first', max: MAX_FIRST });
  const start = options.after ? decodeCursor(options.after, query) : { page: null, offset: 0, query };

  const edges: Array<{ cursor: string; node: T }> = [];
  const endCursor = () => edges.at(-1)?.cursor ?? null;
  // Relay allows hasNextPage false when it cannot be known cheaply (first: 0).
  if (first === 0) return { edges, pageInfo: { hasNextPage: false, endCursor: null } };
  const seen = new Set<string | null>([start.page]);
  let pageCursor = start.page;
  let offset = start.offset;
  for (;;) {
    const page = await fetchPage(pageCursor);
    let i = offset;
    for (; i < page.items.length && edges.length < first; i++) {
      // The cursor after a page's last item points at the next page, so resuming there does not
      // refetch the page already read.
      const position: Position = i + 1 === page.items.length && page.next !== undefined ? { page: page.next, offset: 0, query } : { page: pageCursor, offset: i + 1, query };
      edges.push({ cursor: encodeCursor(position), node: page.items[i]! });
    }
    if (edges.length >= first) {
      return { edges, pageInfo: { hasNextPage: i < page.items.length || page.next !== undefined, endCursor: endCursor() } };
    }
    if (page.next === undefined) return { edges, pageInfo: { hasNextPage: false, endCursor: endCursor() } };
    if (seen.has(page.next)) {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'skykit', `${options.upstreamName} returned a pagination cursor it had already returned; stopping instead of looping`);
    }
    seen.add(page.next);
    pageCursor = page.next;
    offset = 0;
  }
}

/** Opaque to clients: base64url of a small JSON. */
function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.page, position.offset, position.query])).toString('base64url');
}

function decodeCursor(cursor: string, query: string): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadUserInputError('after is not a cursor this gateway issued', { argument: 'after' });
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || (parsed[0] !== null && typeof parsed[0] !== 'string') || !Number.isInteger(parsed[1]) || (parsed[1] as number) < 0 || typeof parsed[2] !== 'string') {
    throw new BadUserInputError('after is not a cursor this gateway issued', { argument: 'after' });
  }
  if (parsed[2] !== query) throw new BadUserInputError('after is a cursor of a different query (other filters)', { argument: 'after' });
  return { page: parsed[0] as string | null, offset: parsed[1] as number, query };
}
