import MIMEType from 'whatwg-mimetype';
import { GatewayError } from '../errors.js';
import type { OperationParams } from '../graphql/prepare.js';
import type { RequestHeaders } from '../graphql/pipeline.js';

/**
 * GraphQL over HTTP's request side (https://graphql.github.io/graphql-over-http/draft/#sec-Request):
 * a GET's search parameters or a POST's body become the operation's parameters, with the rules
 * and messages of Apollo Server 5 (runHttpQuery.js, preventCsrf.js, httpBatching.js), which
 * decoded them before the pipeline became transport-neutral: every refusal is BAD_REQUEST.
 */

/** Headers a browser sends only after a CORS preflight (Apollo's recommended CSRF prevention headers). */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'] as const;

/** Content types a browser may send cross-site without a preflight. */
const NON_PREFLIGHTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function badRequest(message: string, status?: number): GatewayError {
  return new GatewayError('BAD_REQUEST', message, status === undefined ? {} : { http: { status } });
}

function headerOf(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * CSRF prevention: a request a browser could send cross-site without a preflight (a GET, or a
 * simple content type) must carry a header only a preflighted request can. Apollo's rule:
 * https://www.apollographql.com/docs/apollo-server/security/cors#preventing-cross-site-request-forgery-csrf
 */
export function preventCsrf(headers: RequestHeaders): void {
  const contentType = headerOf(headers, 'content-type');
  if (contentType !== undefined) {
    const parsed = MIMEType.parse(contentType);
    if (parsed === null || !NON_PREFLIGHTED_CONTENT_TYPES.includes(parsed.essence)) return;
  }
  if (PREFLIGHT_HEADERS.some((name) => (headerOf(headers, name) ?? '').length > 0)) return;
  throw badRequest(
    `This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that ` +
      `is not one of ${NON_PREFLIGHTED_CONTENT_TYPES.join(', ')}) or provide a non-empty value for one of the following headers: ${PREFLIGHT_HEADERS.join(', ')}\n`,
  );
}

/** An operation's parameters from a GraphQL-over-HTTP request (CSRF prevention first); throws BAD_REQUEST refusals. */
export function operationParams(method: 'GET' | 'POST', headers: RequestHeaders, search: string, body: unknown): OperationParams {
  preventCsrf(headers);
  // Batching is off: a batch is refused whole.
  if (method === 'POST' && Array.isArray(body)) throw badRequest('Operation batching disabled.');
  return method === 'POST' ? postParams(body) : getParams(headers, search);
}

function postParams(body: unknown): OperationParams {
  if (!isRecord(body) || Object.keys(body).length === 0) throw badRequest('POST body missing, invalid Content-Type, or JSON object has no keys.');
  const { query, variables, extensions, operationName, documentId } = body;
  if (query && typeof query !== 'string') {
    throw badRequest(
      (query as { kind?: unknown }).kind === 'Document'
        ? "GraphQL queries must be strings. It looks like you're sending the internal graphql-js representation of a parsed query in your request instead of a request in the GraphQL query language. You can convert an AST to a string using the `print` function from `graphql`, or use a client like `apollo-client` which converts the internal representation to a string for you."
        : 'GraphQL queries must be strings.',
    );
  }
  if (typeof variables === 'string') throw badRequest('`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.');
  if (typeof extensions === 'string') throw badRequest('`extensions` in a POST body should be provided as an object, not a recursively JSON-encoded string.');
  if ('extensions' in body && extensions !== null && !isRecord(extensions)) throw badRequest('`extensions` in a POST body must be an object if provided.');
  if ('variables' in body && variables !== null && !isRecord(variables)) throw badRequest('`variables` in a POST body must be an object if provided.');
  if ('operationName' in body && operationName !== null && typeof operationName !== 'string') throw badRequest('`operationName` in a POST body must be a string if provided.');
  return {
    query: typeof query === 'string' ? query : undefined,
    // GraphQL over HTTP's persisted documents (appendix A of the draft); read only with
    // TRUSTED_DOCUMENTS, so a body that carried one before still means what it meant.
    documentId: typeof documentId === 'string' ? documentId : undefined,
    operationName: typeof operationName === 'string' ? operationName : undefined,
    variables: isRecord(variables) ? variables : undefined,
    extensions: isRecord(extensions) ? extensions : undefined,
  };
}

function getParams(headers: RequestHeaders, search: string): OperationParams {
  const contentType = headerOf(headers, 'content-type');
  if (contentType !== undefined && MIMEType.parse(contentType)?.essence !== 'application/json') {
    throw badRequest('GET requests may not have a content-type header other than application/json.', 415);
  }
  const params = new URLSearchParams(search);
  return { query: once(params, 'query'), documentId: once(params, 'documentId'), operationName: once(params, 'operationName'), variables: jsonObject(params, 'variables'), extensions: jsonObject(params, 'extensions') };
}

function once(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw badRequest(`The '${name}' search parameter may only be specified once.`);
  return values[0];
}

function jsonObject(params: URLSearchParams, name: string): Record<string, unknown> | undefined {
  const value = once(params, name);
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw badRequest(`The ${name} search parameter contains invalid JSON.`);
  }
  if (!isRecord(parsed)) throw badRequest(`The ${name} search parameter should contain a JSON-encoded object.`);
  return parsed;
}

/** A plain object (not an array, not a Buffer), as Apollo's `isStringRecord`. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Buffer.isBuffer(value) && !Array.isArray(value);
}
