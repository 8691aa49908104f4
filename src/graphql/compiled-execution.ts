import { HeaderMap, type GraphQLRequestContextResponseForOperation, type GraphQLResponse, type HTTPGraphQLHead } from '@apollo/server';
import { BREAK, Kind, getNamedType, getVariableValues, isEnumType, isListType, isNonNullType, isScalarType, typeFromAST, visit, type GraphQLError, type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type GraphQLFormattedError, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { DocumentCache } from '../store/document-cache.js';
import { operationStats } from '../observability/operation-context.js';

/**
 * Heap a compiled operation holds per field it resolves (`expandedFieldCount`), beyond its
 * document: graphql-jit keeps generated code, a resolve-info object per field path and closures.
 * Measured on graphql-jit 0.8.9 after one execution, heap after full collections, 200 copies
 * each: the web example's five queries (14 to 29 fields) held 600 to 940 bytes per field, a
 * fragment spread under 30 aliases (540 fields) 165. Rounded up, so the count bounds the heap.
 */
const COMPILED_BYTES_PER_FIELD = 1_000;

/** What the executor knows of one cached document: how often it ran, then its compiled operations. */
interface DocumentState {
  runs: number;
  /** By operation name ('' for an anonymous one); null where it stays on graphql-js. */
  readonly plans: Map<string, Plan | null>;
}

/** A compiled operation, and its variables' types, resolved once for the `canonical` check. */
interface Plan {
  readonly compiled: CompiledQuery;
  readonly variables: ReadonlyArray<readonly [name: string, type: GraphQLInputType]>;
}

export interface CompiledExecutionOptions {
  readonly schema: GraphQLSchema;
  /** Apollo's document cache (or store): a compiled operation lives (and is counted) with its document. */
  readonly documents: Pick<DocumentCache, 'holds' | 'charge' | 'budgetBytes'>;
  /** Executions of the same document before it is compiled (1: at its first). */
  readonly compileAfter: number;
  /** Told of every compilation and refusal (metrics). */
  readonly onCompile?: (outcome: CompileOutcome) => void;
  /** Apollo's `formatError`: errors of a compiled answer are formatted as Apollo formats its own. */
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** Apollo's `responseForOperation` plugin hook: the compiled answer, or null to let Apollo execute. */
export type RespondCompiled = (requestContext: GraphQLRequestContextResponseForOperation<object>) => Promise<GraphQLResponse | null>;

/** What became of a document due for compiling. */
export type CompileOutcome = 'compiled' | 'not_compilable' | 'over_budget' | 'outside_subset';

/**
 * Apollo's execution of an operation, compiled with graphql-jit once the same parsed document
 * comes back (Apollo's document cache hands out the same object for the same query):
 * graphql-js's `execute` walks the document, coerces arguments and completes every value
 * anew for each request; the compiled operation does that work once, in generated code, and
 * answers the bench's annotateText query in about a twentieth of graphql-js's time.
 *
 * It answers from Apollo's `responseForOperation` plugin hook, which runs after parsing,
 * validation, the limits and the other plugins' `didResolveOperation`: returning null leaves the
 * operation to Apollo's own execution (graphql-js), and the plugins' `willSendResponse`, HTTP
 * semantics and serialization stay Apollo's.
 *
 * Only operations whose compiled answer is the same as graphql-js's are compiled: differential
 * runs against graphql-js (test/integration/operation-fuzz.test.ts) found graphql-jit 0.8.9
 * coercing variables differently (an input-object field whose variable was not sent arrived as
 * null, a variable inside a JSON literal was dropped, invalid values accepted, `$__proto__`
 * dropped), merging a fragment spread twice with `@skip` on one wrongly, and reporting one error
 * per item of a list nulled by a non-null item (graphql-js reports one). So a document is
 * compiled only when it is a query without directives whose variables are built-in scalars or
 * enums used as whole argument values (`compilable`); a request's variables reach the compiled
 * code only once graphql-js accepts them and they are in the shape both executors read alike
 * (`canonical`); and a compiled answer is used only when its errors cannot have met a list item
 * on their way up (`itemsUntouched`). Otherwise graphql-js answers. Documents graphql-jit cannot compile, and
 * the first `compileAfter - 1` executions of each document, run on graphql-js.
 *
 * Not Apollo's `gateway` executor hook: for each request Apollo builds the executor's argument
 * with a getter and a setter over the whole request context, and V8 keeps an object literal's
 * accessors in an old-generation AccessorPair; every request's context, resolver context and
 * result then survived each young-generation collection until the next full one (1.4 MB promoted
 * per scavenge under load, scavenges 5 to 16 ms instead of under 1).
 */
export function compiledExecution(options: CompiledExecutionOptions): RespondCompiled {
  const { schema, documents, compileAfter, onCompile, formatError } = options;
  const states = new WeakMap<DocumentNode, DocumentState>();

  const planFor = (document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null | undefined): Plan | null => {
    let state = states.get(document);
    if (!state) {
      // Only documents in the cache come back as the same object; any other is parsed for
      // this request alone and never compiled.
      if (!documents.holds(document)) return null;
      state = { runs: 0, plans: new Map() };
      states.set(document, state);
    }
    const name = operationName ?? '';
    const known = state.plans.get(name);
    if (known !== undefined) return known;
    if (++state.runs < compileAfter) return null;
    if (!compilable(document, operationName, schema)) {
      state.plans.set(name, null);
      onCompile?.('outside_subset');
      return null;
    }
    // Counted before compiling: an operation too large for its share of the budget stays on
    // graphql-js (and is not compiled at all: generating code for a huge one would be the cost).
    const fields = expandedFieldCount(document, operationName, documents.budgetBytes / COMPILED_BYTES_PER_FIELD);
    if (!documents.charge(document, fields * COMPILED_BYTES_PER_FIELD)) {
      state.plans.set(name, null);
      onCompile?.('over_budget');
      return null;
    }
    const compiled = compileQuery(schema, document, operationName ?? undefined);
    // compilable() has checked every variable's type resolves to a scalar or enum.
    const variables = (operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, typeFromAST(schema, d.type) as GraphQLInputType] as const);
    const plan = isCompiledQuery(compiled) ? { compiled, variables } : null;
    state.plans.set(name, plan);
    onCompile?.(plan ? 'compiled' : 'not_compilable');
    return plan;
  };

  return async ({ document, operation, request, contextValue }) => {
    // An operation Apollo could not pick out of the document is Apollo's to refuse.
    if (!operation) return null;
    const plan = planFor(document, operation, request.operationName);
    if (!plan) return null;
    // What graphql-js will count again if it answers instead: the per-request input caps.
    const stats = operationStats((contextValue as { signal?: AbortSignal }).signal);
    const caps = stats && { linkRecords: stats.linkRecords, kfinanceIdentifiers: stats.kfinanceIdentifiers };
    // Variables graphql-js refuses, or sends in another shape than graphql-jit expects, go to
    // graphql-js; graphql-jit gets those graphql-js accepts as sent (only scalars it coerces alike).
    const variables = request.variables ?? {};
    if (plan.variables.length > 0) {
      if (getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors) return null;
      if (!plan.variables.every(([name, type]) => canonical(type, variables[name]))) return null;
    }
    const result = (await plan.compiled.query(undefined, contextValue, variables)) as ExecutionResult;
    if (!('data' in result)) return null;
    // An error that nulled a list item (a non-null item, or a non-null field up to it) is where
    // graphql-jit reports and resolves differently: graphql-js answers that operation again, on
    // the same loaders (their results are cached for the request).
    if (result.errors?.length && !itemsUntouched(result)) {
      if (stats && caps) Object.assign(stats, caps);
      return null;
    }
    const http: HTTPGraphQLHead = { status: undefined, headers: new HeaderMap() };
    if (!result.errors?.length) return { http, body: { kind: 'single', singleResult: result } };
    return { http, body: { kind: 'single', singleResult: { ...result, errors: result.errors.map((error) => formatted(error, formatError, http)) } } };
  };
}

/**
 * One execution error as Apollo formats it after its own execution (its `normalizeAndFormatErrors`
 * with `includeStacktraceInErrorResponses: false`, which the gateway always sets): a default code
 * of INTERNAL_SERVER_ERROR, `extensions.http` taken into the response's status and headers, then
 * `formatError`; a `formatError` that throws gives Apollo's generic internal error.
 */
function formatted(error: GraphQLError, formatError: CompiledExecutionOptions['formatError'], http: HTTPGraphQLHead): GraphQLFormattedError {
  try {
    // graphql-jit's errors have no extensions where the resolver's error had none (graphql-js's have {}).
    const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions?.code ?? 'INTERNAL_SERVER_ERROR' };
    const head = extensions.http as Partial<HTTPGraphQLHead> | undefined;
    if (head && typeof head === 'object' && (head.status === undefined || typeof head.status === 'number') && (head.headers === undefined || head.headers instanceof Map)) {
      if (head.status) http.status = head.status;
      for (const [name, value] of head.headers ?? []) http.headers.set(name, value);
      delete extensions.http;
    }
    return formatError({ ...error.toJSON(), extensions }, error);
  } catch {
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
}

/**
 * Federation's root fields (GRAPHQL_FEDERATION=true) stay on graphql-js: `_entities` resolves
 * through `buildSubgraphSchema`'s resolver and its `_Entity` union's `__typename` marks, which
 * were written against graphql-js, and a router's queries of them carry their representations in
 * an `_Any` variable, outside the compiled subset anyway. Kept out by name, so no literal
 * representation reaches graphql-jit either.
 */
const FEDERATION_FIELDS: ReadonlySet<string> = new Set(['_entities', '_service']);

/** Response keys graphql-jit would write as plain properties: a prototype's own names are not safe there. */
function unsafeKey(key: string): boolean {
  return key in Object.prototype;
}

/** Built-in scalars graphql-jit coerces as graphql-js does when the value has the scalar's own JSON type. */
const PLAIN_SCALARS: Readonly<Record<string, (value: unknown) => boolean>> = {
  Int: (v) => Number.isInteger(v),
  Float: (v) => typeof v === 'number' && Number.isFinite(v),
  String: (v) => typeof v === 'string',
  Boolean: (v) => typeof v === 'boolean',
  ID: (v) => typeof v === 'string',
};

/**
 * Whether a variable's value, already accepted by graphql-js, is in the one shape both executors
 * read alike: null, a built-in scalar of its own JSON type, an enum value's name, or an array of
 * such (a single value for a list, which graphql-js wraps, is not). Custom scalars are not.
 */
export function canonical(type: GraphQLInputType | undefined, value: unknown): boolean {
  if (!type) return false;
  if (value === undefined || value === null) return true;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return Array.isArray(value) && value.every((v) => canonical(inner.ofType as GraphQLInputType, v));
  if (isEnumType(inner)) return typeof value === 'string' && inner.getValue(value) !== undefined;
  if (isScalarType(inner)) return PLAIN_SCALARS[inner.name]?.(value) ?? false;
  return false;
}

/**
 * Whether `operationName`'s operation is in the subset compiled: a query; no directive anywhere
 * in the document (`@skip`/`@include` included); no response key that names a property of
 * Object.prototype (`__proto__`, `constructor`); no Federation field (`_entities`, `_service`); and variables, if any, without defaults, named
 * unlike any Object.prototype property, of built-in scalar or enum types (or lists of them), and
 * used only as whole argument values, never inside a list or input-object literal.
 */
export function compilable(document: DocumentNode, operationName: string | null | undefined, schema: GraphQLSchema): boolean {
  let operation: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION && (operationName ? d.name?.value === operationName : operation === undefined)) operation = d;
  }
  if (!operation || operation.operation !== 'query') return false;
  for (const d of operation.variableDefinitions ?? []) {
    if (d.defaultValue || unsafeKey(d.variable.name.value)) return false;
    const named = getNamedType((typeFromAST(schema, d.type) as GraphQLInputType | undefined));
    if (!named || !(isEnumType(named) || (isScalarType(named) && PLAIN_SCALARS[named.name]))) return false;
  }
  let safe = true;
  visit(document, {
    Directive() {
      safe = false;
      return BREAK;
    },
    Field(node) {
      if (unsafeKey(node.alias?.value ?? node.name.value) || FEDERATION_FIELDS.has(node.name.value)) {
        safe = false;
        return BREAK;
      }
      return undefined;
    },
    Argument(node) {
      // A variable inside a list or object literal is where graphql-jit coerced differently.
      if (node.value.kind !== Kind.VARIABLE && holdsVariable(node.value)) {
        safe = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return safe;
}

/** Whether a literal holds a variable anywhere inside it. */
function holdsVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(holdsVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => holdsVariable(f.value));
  return false;
}

/**
 * True when no error of `result` reached a list item: for every error whose path passes through
 * a list, the innermost item on that path is still an object in the data (the null stopped
 * inside it). There graphql-jit and graphql-js answer alike; past it they do not.
 */
export function itemsUntouched(result: ExecutionResult): boolean {
  for (const error of result.errors ?? []) {
    const path = error.path ?? [];
    let last = -1;
    for (let i = 0; i < path.length; i++) if (typeof path[i] === 'number') last = i;
    if (last < 0) continue;
    let value: unknown = result.data;
    for (let i = 0; i <= last && value !== null && value !== undefined; i++) value = (value as Record<string | number, unknown>)[path[i]!];
    if (value === null || typeof value !== 'object') return false;
  }
  return true;
}

/**
 * How many fields the compiled code of `operationName` would resolve: every field once per place
 * it is reached, fragments expanded where they are spread (graphql-jit generates code for every
 * path, also under fields that will return nothing). An upper bound (fields merged by response
 * name are counted twice), in time linear in the document: each fragment is counted once.
 * Infinity past `cap`, so a chain of fragments that each spread the previous one twice is cut
 * short instead of counted to 2^n.
 */
export function expandedFieldCount(document: DocumentNode, operationName: string | null | undefined, cap: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: SelectionSetNode | undefined;
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION && (operationName ? d.name?.value === operationName : operation === undefined)) operation = d.selectionSet;
  }
  const counted = new Map<string, number>();
  const count = (set: SelectionSetNode): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += 1 + (s.selectionSet ? count(s.selectionSet) : 0);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet);
      else {
        const name = s.name.value;
        let c = counted.get(name);
        if (c === undefined) {
          // 0 while counting: a cycle (refused by validation before this runs) counts once.
          counted.set(name, 0);
          const fragment = fragments.get(name);
          c = fragment ? count(fragment.selectionSet) : 0;
          counted.set(name, c);
        }
        n += c;
      }
      if (n > cap) return Infinity;
    }
    return n;
  };
  return operation ? count(operation) : 0;
}
