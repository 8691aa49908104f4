import type { GraphQLResponse } from '@apollo/server';

/**
 * Puts the operation's request id into every error's extensions, so a user can quote it to
 * support and an operator can find the matching log lines (also sent as `x-request-id`).
 */
export function addRequestId(response: GraphQLResponse, requestId: string): void {
  if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
  response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } }));
}
