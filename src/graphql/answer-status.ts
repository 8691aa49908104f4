import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import Negotiator from 'negotiator';
import { ERROR_CODES, isPublicErrorCode, type HttpRefinement } from '../errors.js';

/** The media types a single result can be sent as (GraphQL over HTTP, and Apollo's callback variant). */
export const MEDIA_TYPES = Object.freeze({
  JSON: 'application/json; charset=utf-8',
  GRAPHQL_RESPONSE: 'application/graphql-response+json; charset=utf-8',
  JSON_CALLBACK: 'application/json; callbackSpec=1.0; charset=utf-8',
});

/**
 * The media type of a single result for an `Accept` header: JSON without one, else the best one
 * it accepts, or null when it accepts none (answered 406). The same negotiation, offers and
 * order as Apollo Server's (`chooseContentTypeForSingleResultResponse`), so answers keep their
 * media type: https://graphql.github.io/graphql-over-http/draft/#sec-Accept
 */
export function singleResultMediaType(accept: string | undefined): string | null {
  if (!accept) return MEDIA_TYPES.JSON;
  return new Negotiator({ headers: { accept } }).mediaType([MEDIA_TYPES.JSON, MEDIA_TYPES.GRAPHQL_RESPONSE, MEDIA_TYPES.JSON_CALLBACK]) ?? null;
}

/**
 * The status of one result of the pipeline, from the error table (errors.ts): a result that
 * executed nothing (no `data`) has its first error's status, or the more specific one its
 * refusal names (405 for a GET that would mutate); once the operation executed, its errors
 * travel in `errors[]` of `executed` (200; the engine's, should an execution error name one).
 */
export function resultStatus(result: FormattedExecutionResult, refinement?: HttpRefinement, executed = 200): number {
  if (result.data !== undefined || !result.errors?.length) return executed;
  if (refinement) return refinement.status;
  const code = result.errors[0]!.extensions?.code;
  return isPublicErrorCode(code) && ERROR_CODES[code].before !== null ? ERROR_CODES[code].status : executed;
}

/**
 * True for a GraphQL request error (every error's code is a `request-error` in the table): with
 * the legacy application/json it is answered 200, since intermediaries may swallow a 4xx body.
 * https://graphql.github.io/graphql-over-http/draft/#sec-application-json
 */
export function isRequestError(result: { readonly data?: unknown; readonly errors?: readonly GraphQLFormattedError[] }): boolean {
  return result.data === undefined && !!result.errors?.length && result.errors.every((e) => isPublicErrorCode(e.extensions?.code) && ERROR_CODES[e.extensions.code].before === 'request-error');
}

/** The status of a result sent as `mediaType`: a request error under the legacy application/json is 200. */
export function statusFor(result: FormattedExecutionResult, status: number, mediaType: string): number {
  return status !== 200 && mediaType.startsWith('application/json') && isRequestError(result) ? 200 : status;
}
