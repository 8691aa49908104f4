import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import type { Config } from '../config/types.js';
import { checkLimits } from './limits.js';

/** What an operation arrives as over any transport: its text (or a persisted-query extension, or a document id), variables, name and extensions. */
export interface OperationParams {
  readonly query?: string | undefined;
  /** A persisted document's id (GraphQL over HTTP's persisted documents); read only with TRUSTED_DOCUMENTS. */
  readonly documentId?: string | undefined;
  readonly operationName?: string | null | undefined;
  readonly variables?: Record<string, unknown> | null | undefined;
  readonly extensions?: Record<string, unknown> | null | undefined;
}

/** An operation with its text, as the streaming transports (graphql-ws) always send it. */
export interface OperationRequest extends OperationParams {
  readonly query: string;
  /** A trusted document's, parsed and validated at start (trusted-manifest.ts): `query` is then not parsed. */
  readonly document?: DocumentNode | undefined;
}

/** A parsed, validated operation within the limits, ready to execute. */
export interface PreparedOperation {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
}

/** The validation rules of every transport: introspection is refused where it is off (Apollo adds the same rule over HTTP). */
export function validationRules(introspection: boolean): readonly ValidationRule[] {
  return introspection ? specifiedRules : WITHOUT_INTROSPECTION;
}

const WITHOUT_INTROSPECTION: readonly ValidationRule[] = [...specifiedRules, NoSchemaIntrospectionCustomRule];

/**
 * Drops graphql-js's "Did you mean …?" hints, which name fields a caller could not discover
 * where introspection is off (the same rewrite as Apollo's `hideSchemaDetailsFromClientErrors`).
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}

/**
 * Parse, validate and limits for an operation that does not go through Apollo (WebSocket), with
 * the same rules and the same error codes Apollo gives over HTTP; a trusted document, prepared at
 * start, skips parse and validation. Returns the errors instead of throwing, as graphql-ws expects.
 */
export function prepareOperation(schema: GraphQLSchema, config: Config, request: OperationRequest): PreparedOperation | GraphQLError[] {
  const parsed = request.document ?? parseAndValidate(schema, config, request.query);
  if (Array.isArray(parsed)) return parsed;
  const document: DocumentNode = parsed;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = request.operationName ? operations.find((o) => o.name?.value === request.operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) {
    const why = request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.';
    return [new GraphQLError(why, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
  }
  try {
    checkLimits(schema, document, operation, request.variables ?? {}, config);
  } catch (error) {
    if (error instanceof GraphQLError) return [new GraphQLError(error.message, { extensions: { ...error.extensions, http: undefined } })];
    throw error;
  }
  return { document, operation };
}

/** The text parsed and validated with Apollo's bounds, rules and codes; the errors instead of a document. */
function parseAndValidate(schema: GraphQLSchema, config: Config, query: string): DocumentNode | GraphQLError[] {
  let document: DocumentNode;
  try {
    // Same bound as Apollo's parser: no document may hold more tokens than its body has bytes.
    document = parse(query, { maxTokens: config.limits.maxBodyBytes });
  } catch (error) {
    return [new GraphQLError(error instanceof GraphQLError ? error.message : 'Syntax error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const hide = !config.server.introspection;
  const errors = validate(schema, document, validationRules(config.server.introspection), { maxErrors: 100 });
  if (errors.length > 0) {
    return errors.map((e) => new GraphQLError(hide ? withoutSuggestions(e.message) : e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
  }
  return document;
}
