import { HeaderMap, type GraphQLRequestContextResponseForOperation, type GraphQLResponse, type HTTPGraphQLHead } from '@apollo/server';
import { Kind, type GraphQLError, type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type GraphQLFormattedError, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { DocumentCache } from '../store/document-cache.js';

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
  readonly plans: Map<string, CompiledQuery | null>;
}

export interface CompiledExecutionOptions {
  readonly schema: GraphQLSchema;
  /** Apollo's document cache: a compiled operation lives (and is counted) with its document. */
  readonly documents: DocumentCache;
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
export type CompileOutcome = 'compiled' | 'not_compilable' | 'over_budget';

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
 * semantics and serialization stay Apollo's. Results are the same as graphql-js's (the whole
 * test suite runs compiled); where graphql-jit words an error differently, graphql-js answers:
 * - variables graphql-jit refuses (it refuses before running anything) are coerced again by
 *   graphql-js, whose errors name the variable's definition (Apollo then marks them
 *   BAD_USER_INPUT, HTTP 400);
 * - documents graphql-jit cannot compile, and the first `compileAfter - 1` executions of each
 *   document, run on graphql-js.
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

  const planFor = (document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null => {
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
    // Counted before compiling: an operation too large for its share of the budget stays on
    // graphql-js (and is not compiled at all: generating code for a huge one would be the cost).
    const fields = expandedFieldCount(document, operationName, documents.budgetBytes / COMPILED_BYTES_PER_FIELD);
    if (!documents.charge(document, fields * COMPILED_BYTES_PER_FIELD)) {
      state.plans.set(name, null);
      onCompile?.('over_budget');
      return null;
    }
    const compiled = compileQuery(schema, document, operationName ?? undefined);
    const plan = isCompiledQuery(compiled) ? compiled : null;
    state.plans.set(name, plan);
    onCompile?.(plan ? 'compiled' : 'not_compilable');
    return plan;
  };

  return async ({ document, operation, request, contextValue }) => {
    // An operation Apollo could not pick out of the document is Apollo's to refuse.
    if (!operation) return null;
    const plan = planFor(document, request.operationName);
    if (!plan) return null;
    const result = (await plan.query(undefined, contextValue, request.variables ?? {})) as ExecutionResult;
    // Without `data` the variables were refused before execution: graphql-js says why.
    if (!('data' in result)) return null;
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
