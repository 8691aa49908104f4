import { Buffer } from 'node:buffer';
import type { GraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** The stable code of a refused persisted-query registration (README, "Error codes"). */
export const PERSISTED_QUERY_TOO_LARGE = 'PERSISTED_QUERY_TOO_LARGE';

/**
 * Refuses to register a persisted query whose text is larger than `maxBytes` (UTF-8), with
 * PERSISTED_QUERY_TOO_LARGE and HTTP 400: every registration is kept for APQ_TTL_SECONDS in the
 * shared store, so without a cap 150 registrations of 0.9 MB held 1.48 GB. Lookups by hash and
 * plain queries are not affected. Returns the refusal, or undefined.
 *
 * The refusal must be thrown from `didResolveOperation` (gateway-plugin.ts): Apollo masks
 * anything thrown by an earlier hook (requestDidStart, didResolveSource) as a 500, while an
 * error from this hook is answered as is, and Apollo writes the registration only after this
 * hook succeeded.
 */
export function persistedQueryTooLarge(request: GraphQLRequest, maxBytes: number): GraphQLError | undefined {
  const { query, extensions } = request;
  if (!extensions?.persistedQuery || typeof query !== 'string') return undefined;
  // Cheap test first: a UTF-8 byte is at most 3 per UTF-16 unit.
  if (query.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes <= maxBytes) return undefined;
  return new GraphQLError(`This query is ${bytes} bytes; persisted queries may be at most ${maxBytes} bytes. Send it without the persistedQuery extension, or make it smaller.`, {
    extensions: { code: PERSISTED_QUERY_TOO_LARGE, maxBytes, http: { status: 400 } },
  });
}
