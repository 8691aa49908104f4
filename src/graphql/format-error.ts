import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { GatewayError, isPublicErrorCode, type PublicErrorCode } from '../errors.js';
import { withoutSuggestions } from './prepare.js';
import { explainUploadVariableRefusal } from './missing-upload.js';
import { callerText, optionalCallerText } from '../observability/caller-text.js';

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
 * graphql-js's refusals of a field's arguments at execution (values.js `getArgumentValues` in
 * graphql 16): a variable sent as null into a list of non-null items, a required argument whose
 * variable was not sent. The caller's mistake, yet they carry no code; matched on graphql-js's
 * exact wording, and a test sends each (test/integration/operation-fuzz.test.ts).
 */
const ARGUMENT_REFUSAL = /^Argument "[^"]+" (?:has invalid value |of (?:required|non-null) type "[^"]+" (?:was not provided\.|must not be null\.|was provided the variable "\$[^"]+" which was not provided a runtime value\.))/;

/**
 * graphql-js's refusals of the variables (values.js `getVariableValues`): Apollo codes them
 * BAD_USER_INPUT over HTTP; over WebSocket they reach this function uncoded. Same wording rule.
 */
const VARIABLE_REFUSAL = /^Variable "\$[^"]+" (?:got invalid value |of (?:required|non-null) type "[^"]+" (?:was not provided\.|must not be null\.))/;

/** True for graphql-js's own refusal of an argument or variable value (no resolver ran). */
function isArgumentRefusal(original: unknown): boolean {
  if (!(original instanceof GraphQLError)) return false;
  if (VARIABLE_REFUSAL.test(original.message) && original.path === undefined) return true;
  return original.originalError === undefined && ARGUMENT_REFUSAL.test(original.message);
}

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
    const argumentRefusal = isArgumentRefusal(original);
    if (argumentRefusal || formatted.extensions?.code === 'BAD_USER_INPUT') {
      // An Upload variable without its file: say what was missing and how files are sent.
      const missing = explainUploadVariableRefusal(formatted.message);
      if (missing) return { message: missing.message, locations, extensions: { ...missing.extensions, code: missing.code } };
    }
    if (argumentRefusal) return { message: formatted.message, locations, path, extensions: { code: 'BAD_USER_INPUT' } };
    const code = formatted.extensions?.code;
    if (isPublicErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _drop, http: _http, ...extensions } = formatted.extensions ?? {};
      void _drop;
      void _http;
      const message = explainIntrospectionRefusal(options.hideSuggestions ? withoutSuggestions(formatted.message) : formatted.message);
      return { ...formatted, message, extensions };
    }
    // Bounded: an unexpected error's message may quote the caller's input, and the path holds its aliases.
    logger.error(
      {
        err: original instanceof Error ? { name: original.name, message: callerText(original.message, 2_000), stack: optionalCallerText(original.stack, 8_000) } : { value: callerText(String(original), 2_000) },
        path: path?.map((p) => (typeof p === 'string' ? callerText(p) : p)),
      },
      'unexpected error in operation',
    );
    return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
