import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  visit,
} from 'graphql';
import type { Config } from '../config/types.js';

/** Stable codes of the limit refusals (README, "Error codes"). */
export const LIMIT_CODES = ['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES'] as const;

/** Cost of a field that calls an upstream (a token, a network round trip, upstream quota). */
export const UPSTREAM_FIELD_COST = 10;

function refuse(code: (typeof LIMIT_CODES)[number], message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/** Depth and cost of one selection set, relative to where it is used. */
interface Measure {
  readonly depth: number;
  readonly cost: number;
}

/**
 * Measures an operation in time linear in the document: every fragment is measured once and its
 * result reused wherever it is spread. A walk that re-enters fragments (as graphql-depth-limit and
 * graphql-query-complexity do) is exponential in a chain of fragments that each spread the
 * previous one twice: 21 links took 8.9 s, 30 would take hours, and graphql-query-complexity
 * gives up past 10 000 nodes (its check was then skipped). Written by hand because no library
 * we found memoizes fragments for both depth and a per-item connection cost.
 *
 * Cost: 1 per field, UPSTREAM_FIELD_COST per field with an @upstream directive, and a field's
 * children counted `first` times (connections). Introspection fields (`__schema`, `__type`,
 * `__typename`) count for nothing: they reach no upstream, and where introspection is off,
 * validation refuses them before this runs (graphql-armor does the same), so GraphiQL's and
 * graphql-codegen's 15-level introspection query passes the default depth limit.
 */
class OperationMeter {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly measured = new Map<string, Measure>();
  /** The variables the measure read (as `first` arguments): the only inputs besides the document. */
  readonly variablesRead = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly operation: OperationDefinitionNode,
    private readonly variables: Record<string, unknown>,
  ) {
    this.fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  }

  measureOperation(): Measure {
    const root = this.operation.operation === 'query' ? this.schema.getQueryType() : this.operation.operation === 'mutation' ? this.schema.getMutationType() : this.schema.getSubscriptionType();
    return this.selectionSet(this.operation.selectionSet, root ?? undefined, new Set<string>());
  }

  /** `entered`: the fragments on the current path (a stack: added on entry, removed on exit). */
  private selectionSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined, entered: Set<string>): Measure {
    let depth = 0;
    let cost = 0;
    for (const sel of set.selections) {
      let m: Measure;
      if (sel.kind === Kind.FIELD) m = this.field(sel, parent, entered);
      else if (sel.kind === Kind.INLINE_FRAGMENT) m = this.selectionSet(sel.selectionSet, sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) ?? parent : parent, entered);
      else m = this.fragment(sel.name.value, entered);
      depth = Math.max(depth, m.depth);
      cost += m.cost;
    }
    return { depth, cost };
  }

  private fragment(name: string, entered: Set<string>): Measure {
    const done = this.measured.get(name);
    if (done) return done;
    const fragment = this.fragments.get(name);
    // Unknown fragments and cycles are validation errors already; count them as nothing here.
    if (!fragment || entered.has(name)) return { depth: 0, cost: 0 };
    entered.add(name);
    const m = this.selectionSet(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value), entered);
    entered.delete(name);
    this.measured.set(name, m);
    return m;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, entered: Set<string>): Measure {
    if (node.name.value.startsWith('__')) return { depth: 0, cost: 0 };
    const def: GraphQLField<unknown, unknown> | undefined = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    const own = def?.extensions?.upstream !== undefined ? UPSTREAM_FIELD_COST : 1;
    if (!node.selectionSet) return { depth: 1, cost: own };
    const children = this.selectionSet(node.selectionSet, def ? getNamedType(def.type) : undefined, entered);
    return { depth: 1 + children.depth, cost: own + this.first(node, def) * children.cost };
  }

  /** The `first` a connection field will use: the literal, the variable (or its default), else the argument's default. */
  private first(node: FieldNode, def: GraphQLField<unknown, unknown> | undefined): number {
    const arg = node.arguments?.find((a) => a.name.value === 'first');
    const value = arg ? this.valueOf(arg.value) : def?.args.find((a) => a.name === 'first')?.defaultValue;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 1;
  }

  private valueOf(node: ValueNode): unknown {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind !== Kind.VARIABLE) return undefined;
    const name = node.name.value;
    this.variablesRead.add(name);
    if (name in this.variables) return this.variables[name];
    const declared = this.operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
    return declared ? this.valueOf(declared) : undefined;
  }
}

function count(document: DocumentNode, pick: (node: ASTNode) => boolean): number {
  let n = 0;
  visit(document, {
    enter(node) {
      if (pick(node)) n += 1;
    },
  });
  return n;
}

/** What the limits need to know of a document: the same for every request that sends it. */
interface DocumentFacts {
  /** The schema the measures were taken against (the same document may meet another gateway in tests). */
  readonly schema: GraphQLSchema;
  readonly aliases: number;
  readonly directives: number;
  /** Per operation: measures by the values of the variables they read ('' when they read none). */
  readonly measures: WeakMap<OperationDefinitionNode, { readonly variables: readonly string[]; readonly byValues: Map<string, Measure> }>;
}

/**
 * Facts per parsed document. Apollo (and the WebSocket server's document cache, where there is
 * one) hands back the same DocumentNode for a repeated operation, so its aliases, directives and
 * cost are computed once, not walked again per request; the entry goes with the document.
 */
const documentFacts = new WeakMap<DocumentNode, DocumentFacts>();
/** Distinct variable values remembered per operation (a `first: $n` paged through). */
const MAX_MEASURES_PER_OPERATION = 16;

function factsOf(schema: GraphQLSchema, document: DocumentNode): DocumentFacts {
  let facts = documentFacts.get(document);
  if (!facts || facts.schema !== schema) {
    facts = {
      schema,
      aliases: count(document, (n) => n.kind === Kind.FIELD && n.alias !== undefined && !n.name.value.startsWith('__')),
      directives: count(document, (n) => n.kind === Kind.DIRECTIVE),
      measures: new WeakMap(),
    };
    documentFacts.set(document, facts);
  }
  return facts;
}

/**
 * Depth and cost of `operation`. They depend on the variables only through `first` arguments
 * given as variables: the measure is kept under the values of exactly the variables it read.
 */
function measureOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, facts: DocumentFacts): Measure {
  const known = facts.measures.get(operation);
  const key = known ? JSON.stringify(known.variables.map((v) => variables[v])) : undefined;
  const hit = key !== undefined ? known!.byValues.get(key) : undefined;
  if (hit) return hit;
  const meter = new OperationMeter(schema, document, operation, variables);
  const measure = meter.measureOperation();
  const read = [...meter.variablesRead].sort();
  const entry = known && known.variables.join() === read.join() ? known : { variables: read, byValues: new Map<string, Measure>() };
  if (entry.byValues.size >= MAX_MEASURES_PER_OPERATION) entry.byValues.clear();
  entry.byValues.set(JSON.stringify(read.map((v) => variables[v])), measure);
  facts.measures.set(operation, entry);
  return measure;
}

/** Checks one resolved operation against the limits; throws a GraphQLError (HTTP 400) to refuse it. */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, limits: Config['limits']): void {
  const facts = factsOf(schema, document);
  const { aliases, directives } = facts;
  if (aliases > limits.maxAliases) throw refuse('TOO_MANY_ALIASES', `The operation uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, { aliases, max: limits.maxAliases });
  if (directives > limits.maxDirectives) throw refuse('TOO_MANY_DIRECTIVES', `The operation uses ${directives} directives; at most ${limits.maxDirectives} are allowed`, { directives, max: limits.maxDirectives });
  let measure: Measure;
  try {
    measure = measureOf(schema, document, operation, variables, facts);
  } catch {
    // A limit that cannot be computed refuses the operation; it never lets it through unchecked.
    throw refuse('QUERY_TOO_COMPLEX', 'The cost of the operation could not be computed', { max: limits.maxComplexity });
  }
  if (measure.depth > limits.maxDepth) throw refuse('QUERY_TOO_DEEP', `The operation is ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed`, { depth: measure.depth, max: limits.maxDepth });
  // Large costs are floats past 2^53 (or Infinity): still correctly above any limit.
  if (!(measure.cost <= limits.maxComplexity)) {
    const complexity = Number.isSafeInteger(measure.cost) ? measure.cost : Number.MAX_SAFE_INTEGER;
    throw refuse('QUERY_TOO_COMPLEX', `The operation costs ${complexity}; at most ${limits.maxComplexity} is allowed (upstream fields cost ${UPSTREAM_FIELD_COST}, lists count per item)`, { complexity, max: limits.maxComplexity });
  }
}

/**
 * The limits as Apollo applies them (gateway-plugin.ts), once the operation is known (variables
 * included); also refuses subscriptions, which GraphQL over HTTP cannot deliver: they are served
 * over WebSocket.
 */
export function checkResolvedOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode | undefined, variables: Record<string, unknown> | undefined, limits: Config['limits']): void {
  if (!operation) return;
  if (operation.operation === 'subscription') {
    throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws protocol) on /graphql, not over HTTP', {
      extensions: { code: 'OPERATION_NOT_SUPPORTED', http: { status: 400 } },
    });
  }
  checkLimits(schema, document, operation, variables ?? {}, limits);
}
