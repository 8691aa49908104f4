import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { GatewayError, isPublicErrorCode, type PublicErrorCode } from '../errors.js';
import { withoutSuggestions } from './prepare.js';
import { explainUploadVariableRefusal } from './missing-upload.js';

/**
 * Apollo refuses a few caller mistakes with a GraphQLError that has no code; without one they
 * would be masked as INTERNAL_SERVER_ERROR (a server fault, logged with a stack) although the
 * caller sent them. Matched on Apollo's exact messages (requestPipeline.js in @apollo/server 5);
 * a test sends each, so an Apollo upgrade that rewords them fails loudly.
 */
const UNCODED_APOLLO_ERRORS = new Map<string, PublicErrorCode>([
  ['provided sha does not match query', 'PERSISTED_QUERY_HASH_MISMATCH'],
  ['Unsupported persisted query version', 'PERSISTED_QUERY_NOT_SUPPORTED'],
]);

/**
 * Apollo's and graphql-js's refusals of introspection tell a caller to "pass introspection: true
 * to ApolloServer"; an operator of this gateway sets ENABLE_INTROSPECTION instead. Used for HTTP
 * (below) and for the WebSocket's validation errors.
 */
export function explainIntrospectionRefusal(message: string): string {
  return /^GraphQL introspection (is not allowed|has been disabled)/.test(message)
    ? 'GraphQL introspection is off on this gateway (ENABLE_INTROSPECTION=true turns it on), but the query asked for __schema or __type.'
    : message;
}

/**
 * The one place errors inside operations become GraphQL errors (STYLE principle 4), for HTTP and
 * WebSocket alike: gateway errors keep their message and stable code, errors that already carry
 * a public code (Apollo's and GraphQL's request errors, the limits) pass, and anything unexpected
 * is masked (and logged, so an operator can find it by path). With `hideSuggestions`, "Did you
 * mean" hints are dropped (introspection off).
 */
export function createFormatError(logger: Logger, options: { hideSuggestions: boolean } = { hideSuggestions: false }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { locations, path } = formatted;
    if (original instanceof GatewayError) {
      return { message: original.message, locations, path, extensions: { ...original.extensions, code: original.code } };
    }
    // Apollo has already given such an error its default code, INTERNAL_SERVER_ERROR.
    const uncoded = !(original instanceof Error) || !(original as { originalError?: unknown }).originalError ? UNCODED_APOLLO_ERRORS.get(formatted.message) : undefined;
    if (uncoded) return { message: formatted.message, extensions: { code: uncoded } };
    const code = formatted.extensions?.code;
    if (code === 'BAD_USER_INPUT') {
      // An Upload variable without its file: say what was missing and how files are sent.
      const missing = explainUploadVariableRefusal(formatted.message);
      if (missing) return { message: missing.message, locations, extensions: { ...missing.extensions, code: missing.code } };
    }
    if (isPublicErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _drop, http: _http, ...extensions } = formatted.extensions ?? {};
      void _drop;
      void _http;
      const message = explainIntrospectionRefusal(options.hideSuggestions ? withoutSuggestions(formatted.message) : formatted.message);
      return { ...formatted, message, extensions };
    }
    logger.error({ err: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : { value: String(original) }, path }, 'unexpected error in operation');
    return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
