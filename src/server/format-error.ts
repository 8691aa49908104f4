import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { GatewayError } from '../errors.js';
import { LIMIT_CODES } from './limits.js';
import { PERSISTED_QUERY_TOO_LARGE } from '../store/persisted-queries.js';

/** Codes Apollo itself produces for bad requests; their messages are safe to pass through. */
const APOLLO_PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  PERSISTED_QUERY_TOO_LARGE,
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  ...LIMIT_CODES,
]);

/**
 * The one place errors become GraphQL errors (STYLE principle 4): gateway errors keep their
 * message and stable code, Apollo's request errors pass, and anything unexpected is masked
 * (and logged, so an operator can find it by path).
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { locations, path } = formatted;
    if (original instanceof GatewayError) {
      return { message: original.message, locations, path, extensions: { ...original.extensions, code: original.code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && APOLLO_PUBLIC_CODES.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      void _drop;
      return { ...formatted, extensions };
    }
    logger.error({ err: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : { value: String(original) }, path }, 'unexpected error in operation');
    return { message: 'Internal server error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
