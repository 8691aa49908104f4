import type { GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/**
 * Puts the operation's request id into every error's extensions, so a user can quote it to
 * support and an operator can find the matching log lines (also sent as `x-request-id`).
 */
export function addRequestId(response: GraphQLResponse, requestId: string): void {
  if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
  response.body.singleResult.errors = response.body.singleResult.errors.map((e) => withRequestId(e, requestId));
}

/** One formatted error with the request id in its extensions. */
export function withRequestId(error: GraphQLFormattedError, requestId: string | undefined): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, requestId } };
}
