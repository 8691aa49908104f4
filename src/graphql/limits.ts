import {
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isAbstractType,
  isListType,
  isInterfaceType,
  isObjectType,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import type { Config } from '../config/types.js';
import { fieldCalls, type FieldCalls } from './upstream-calls.js';

/** Stable codes of the limit refusals (README, "Error codes"). */
export const LIMIT_CODES = ['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'TOO_MANY_UPSTREAM_CALLS'] as const;

/** Cost of a field that calls an upstream (a token, a network round trip, upstream quota). */
export const UPSTREAM_FIELD_COST = 10;

function refuse(code: (typeof LIMIT_CODES)[number], message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/** Depth, cost and upstream calls of one selection set, relative to where it is used. */
interface Measure {
  readonly depth: number;
  readonly cost: number;
  /** Upstream calls it can make, lists whose length the upstream decides priced at one item. */
  readonly calls: number;
  /** True when some of those calls sit below such a list: then only the runtime budget bounds them. */
  readonly open: boolean;
  /** Loads of batched fields below, not yet turned into calls (upstream-calls.ts `batched`). */
  readonly batched: Loads | undefined;
}

/** Loads per DataLoader, and how many loads one of its calls serves. */
type Loads = ReadonlyMap<string, { readonly loads: number; readonly perCall: number }>;

function mergeLoads(a: Loads | undefined, b: Loads | undefined, times = 1): Loads | undefined {
  if (!b || times === 0) return a;
  const out = new Map(a);
  for (const [key, { loads, perCall }] of b) out.set(key, { loads: (out.get(key)?.loads ?? 0) + loads * times, perCall });
  return out;
}

/** The calls that serve these loads: one per `perCall` loads of each loader. */
function callsOf(batched: Loads | undefined): number {
  let calls = 0;
  for (const { loads, perCall } of batched?.values() ?? []) calls += Math.ceil(loads / perCall);
  return calls;
}

const NOTHING: Measure = { depth: 0, cost: 0, calls: 0, open: false, batched: undefined };
const LEAF: Measure = { depth: 1, cost: 1, calls: 0, open: false, batched: undefined };

/**
 * Measures an operation in time linear in the document: every fragment is measured once and its
 * result reused wherever it is spread. A walk that re-enters fragments (as graphql-depth-limit and
 * graphql-query-complexity do) is exponential in a chain of fragments that each spread the
 * previous one twice: 21 links took 8.9 s, 30 would take hours, and graphql-query-complexity
 * gives up past 10 000 nodes (its check was then skipped). Written by hand because no library
 * we found memoizes fragments for depth, a per-item connection cost and upstream calls.
 *
 * It prices what graphql-js will execute: arguments are coerced by graphql-js's own
 * `getArgumentValues` from the variables as `getVariableValues` coerces them (an omitted or null
 * `first` is the page size the resolver uses), and fields that `@skip`/`@include` leave out
 * count for nothing.
 *
 * Cost: 1 per field, UPSTREAM_FIELD_COST per field with an @upstream directive, a field's
 * children counted once per item (connections: `first` items). Calls: each field's own
 * (upstream-calls.ts), plus its children's once per item. Introspection fields (`__schema`,
 * `__type`, `__typename`) count for nothing: they reach no upstream, and where introspection is
 * off, validation refuses them before this runs (graphql-armor does the same), so GraphiQL's and
 * graphql-codegen's 15-level introspection query passes the default depth limit.
 */
class OperationMeter {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly measured = new Map<string, Measure>();
  /** Bounds set by a field for lists below it (Link's candidates), while its children are measured. */
  private readonly bounds = new Map<string, number>();
  /** Whether a fragment's measure depended on such a bound (then it is not reused elsewhere). */
  private boundRead = false;
  /** Calls made at most once per operation, by name (upstream-calls.ts `once`). */
  readonly once = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly operation: OperationDefinitionNode,
    private readonly variables: Record<string, unknown>,
    private readonly config: Config,
  ) {
    this.fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  }

  measureOperation(): Measure {
    const root = this.operation.operation === 'query' ? this.schema.getQueryType() : this.operation.operation === 'mutation' ? this.schema.getMutationType() : this.schema.getSubscriptionType();
    return this.selectionSet(this.operation.selectionSet, root ?? undefined, new Set<string>());
  }

  /**
   * `entered`: the fragments on the current path (a stack: added on entry, removed on exit).
   * `runtime`: the object type the selection is measured for, where the parent is abstract and
   * the item's type is known (`_entities`' representations): fragments on other types are left
   * out, as graphql-js leaves them out for that item.
   */
  private selectionSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined, entered: Set<string>, runtime?: GraphQLObjectType): Measure {
    let depth = 0;
    let cost = 0;
    let calls = 0;
    let open = false;
    let batched: Loads | undefined;
    for (const sel of set.selections) {
      if (!this.included(sel)) continue;
      let m: Measure;
      if (sel.kind === Kind.FIELD) m = this.field(sel, parent, entered);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (runtime && sel.typeCondition && !this.applies(sel.typeCondition.name.value, runtime)) continue;
        m = this.selectionSet(sel.selectionSet, sel.typeCondition ? this.schema.getType(sel.typeCondition.name.value) ?? parent : parent, entered, runtime);
      } else m = this.fragment(sel.name.value, entered, runtime);
      depth = Math.max(depth, m.depth);
      cost += m.cost;
      calls += m.calls;
      open ||= m.open;
      batched = mergeLoads(batched, m.batched);
    }
    return { depth, cost, calls, open, batched };
  }

  /** False for a selection that `@skip(if: true)` or `@include(if: false)` leaves out, as graphql-js decides. */
  private included(node: FieldNode | InlineFragmentNode | FragmentSpreadNode): boolean {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if !== false;
  }

  /** Whether a fragment on `condition` applies to an item of type `runtime`. */
  private applies(condition: string, runtime: GraphQLObjectType): boolean {
    const type = this.schema.getType(condition);
    return type === runtime || (type !== undefined && isAbstractType(type) && this.schema.isSubType(type, runtime));
  }

  private fragment(name: string, entered: Set<string>, runtime?: GraphQLObjectType): Measure {
    // Measured once per runtime type it is narrowed to (`_entities`), else once.
    const memo = runtime ? `${name}@${runtime.name}` : name;
    const done = this.measured.get(memo);
    if (done) return done;
    const fragment = this.fragments.get(name);
    // Unknown fragments and cycles are validation errors already; count them as nothing here.
    if (!fragment || entered.has(name)) return NOTHING;
    if (runtime && !this.applies(fragment.typeCondition.name.value, runtime)) return NOTHING;
    entered.add(name);
    const outer = this.boundRead;
    this.boundRead = false;
    const m = this.selectionSet(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value), entered, runtime);
    entered.delete(name);
    // A measure that read a bound set above it holds only there: measured again elsewhere.
    if (!this.boundRead) this.measured.set(memo, m);
    this.boundRead ||= outer;
    return m;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, entered: Set<string>): Measure {
    if (node.name.value.startsWith('__')) return NOTHING;
    const def: GraphQLField<unknown, unknown> | undefined = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    if (!def || !parent) return LEAF;
    const key = `${parent.name}.${def.name}`;
    const upstream = def.extensions?.upstream !== undefined;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(def, node, this.variables);
    } catch {
      // graphql-js refuses the field (an argument it cannot coerce) before its resolver runs.
      return LEAF;
    }
    const rule = fieldCalls(key, upstream);
    if (rule?.references) return this.references(node, def, rule.references(args), entered);
    if (rule?.once) this.once.add(rule.once);
    const own = upstream ? UPSTREAM_FIELD_COST : 1;
    const ownCalls = rule?.batched ? 0 : (rule?.calls?.(args, this.config) ?? 0);
    const ownLoads: Loads | undefined = rule?.batched ? new Map([[rule.batched.key, { loads: 1, perCall: rule.batched.perCall }]]) : undefined;
    if (!node.selectionSet) return { depth: 1, cost: own, calls: ownCalls, open: false, batched: ownLoads };
    const set = rule?.below?.(args, this.config);
    const saved = set && Object.keys(set).map((k) => [k, this.bounds.get(k)] as const);
    if (set) for (const [k, v] of Object.entries(set)) this.bounds.set(k, v);
    const children = this.selectionSet(node.selectionSet, getNamedType(def.type), entered);
    if (saved) for (const [k, v] of saved) v === undefined ? this.bounds.delete(k) : this.bounds.set(k, v);
    const bound = this.bounds.get(key);
    if (bound !== undefined) this.boundRead = true;
    const known = bound ?? rule?.items?.(args, this.config) ?? firstOf(args);
    // A list the upstream sizes is priced at one item; its calls are then bounded at run time.
    const items = known ?? 1;
    const list = isListType(getNullableType(def.type));
    const unsized = known === undefined && list;
    // The loads below a field that makes its own call are made once its answer is in, all
    // items together: there they become calls (one batch per execution of this field).
    const below = mergeLoads(undefined, children.batched, items);
    const absorbs = ownCalls > 0;
    return {
      depth: 1 + children.depth,
      cost: own + items * children.cost,
      calls: ownCalls + items * children.calls + (absorbs ? callsOf(below) : 0),
      open: children.open || (unsized && (children.calls > 0 || children.batched !== undefined)),
      batched: absorbs ? ownLoads : mergeLoads(ownLoads, below),
    };
  }

  /**
   * Federation's `_entities`: each representation is loaded as its type's reference
   * (`src/apps/<app>/entities.ts`, upstream-calls.ts `references`), all in one batch per loader,
   * and its fields are priced for that type alone (the fragments on other types leave it out).
   * Cost: 1, plus UPSTREAM_FIELD_COST per representation whose load reaches an upstream (1 for
   * one that does not), plus its fields per item. The loads below the items are made once
   * the references are in, those of each type together: turned into calls here, per type (never
   * fewer calls than the run makes).
   */
  private references(node: FieldNode, def: GraphQLField<unknown, unknown>, byType: ReturnType<NonNullable<FieldCalls['references']>>, entered: Set<string>): Measure {
    let depth = 0;
    let cost = 1;
    let calls = 0;
    let open = false;
    let loads: Loads | undefined;
    for (const [typename, { count, calls: rule }] of byType) {
      const type = this.schema.getType(typename);
      if (!isObjectType(type) || count === 0) continue;
      if (rule.once) this.once.add(rule.once);
      const own = ownCallsOf(rule, this.config);
      cost += count * (own > 0 || rule.batched ? UPSTREAM_FIELD_COST : 1);
      calls += count * own;
      if (rule.batched) loads = mergeLoads(loads, new Map([[rule.batched.key, { loads: 1, perCall: rule.batched.perCall }]]), count);
      if (!node.selectionSet) continue;
      const m = this.selectionSet(node.selectionSet, getNamedType(def.type), entered, type);
      depth = Math.max(depth, m.depth);
      cost += count * m.cost;
      calls += count * m.calls + callsOf(mergeLoads(undefined, m.batched, count));
      open ||= m.open;
    }
    return { depth: 1 + depth, cost, calls: calls + callsOf(loads), open, batched: undefined };
  }
}

/** The upstream calls one item's own load makes when not batched (priced per item). */
function ownCallsOf(rule: FieldCalls, config: Config): number {
  return rule.batched ? 0 : (rule.calls?.({}, config) ?? 0);
}

/** The item count of a field with a positive `first` argument outside the call table. */
function firstOf(args: Record<string, unknown>): number | undefined {
  const first = args.first;
  return typeof first === 'number' && Number.isFinite(first) && first > 0 ? first : undefined;
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
  /** Per operation: measures by the values of its variables ('' for an operation without variables). */
  readonly measures: WeakMap<OperationDefinitionNode, Map<string, Measure>>;
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
 * Depth, cost and calls of `operation` for these variables, coerced as graphql-js coerces them.
 * Null where graphql-js will refuse the variables (BAD_USER_INPUT) before executing anything.
 */
function measureOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, facts: DocumentFacts, config: Config): Measure | null {
  let byValues = facts.measures.get(operation);
  const key = operation.variableDefinitions?.length ? keyOf(variables) : '';
  const hit = key === undefined ? undefined : byValues?.get(key);
  if (hit) return hit;
  let coerced: ReturnType<typeof getVariableValues>;
  try {
    coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  } catch {
    // Values too deep for coercion: graphql-js refuses them the same way when it executes.
    return null;
  }
  if (coerced.errors) return null;
  const meter = new OperationMeter(schema, document, operation, coerced.coerced, config);
  const m = meter.measureOperation();
  // Batched calls not under any list run once; so do the once-per-operation calls.
  const measure = { ...m, calls: m.calls + callsOf(m.batched) + meter.once.size, batched: undefined };
  if (key === undefined) return measure;
  if (!byValues) facts.measures.set(operation, (byValues = new Map()));
  if (byValues.size >= MAX_MEASURES_PER_OPERATION) byValues.clear();
  byValues.set(key, measure);
  return measure;
}

/** The variables as a cache key; undefined for values JSON cannot write (too deep): measured without the cache. */
function keyOf(variables: Record<string, unknown>): string | undefined {
  try {
    return JSON.stringify(variables);
  } catch {
    return undefined;
  }
}

/** Checks one resolved operation against the limits; throws a GraphQLError (HTTP 400) to refuse it. */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, config: Config): void {
  const { limits } = config;
  const facts = factsOf(schema, document);
  const { aliases, directives } = facts;
  if (aliases > limits.maxAliases) throw refuse('TOO_MANY_ALIASES', `The operation uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, { aliases, max: limits.maxAliases });
  if (directives > limits.maxDirectives) throw refuse('TOO_MANY_DIRECTIVES', `The operation uses ${directives} directives; at most ${limits.maxDirectives} are allowed`, { directives, max: limits.maxDirectives });
  let measure: Measure | null;
  try {
    measure = measureOf(schema, document, operation, variables, facts, config);
  } catch {
    // A limit that cannot be computed refuses the operation; it never lets it through unchecked.
    throw refuse('QUERY_TOO_COMPLEX', 'The cost of the operation could not be computed', { max: limits.maxComplexity });
  }
  // Variables graphql-js refuses: it answers BAD_USER_INPUT before running anything.
  if (!measure) return;
  if (measure.depth > limits.maxDepth) throw refuse('QUERY_TOO_DEEP', `The operation is ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed`, { depth: measure.depth, max: limits.maxDepth });
  // Large costs are floats past 2^53 (or Infinity): still correctly above any limit.
  if (!(measure.cost <= limits.maxComplexity)) {
    const complexity = Number.isSafeInteger(measure.cost) ? measure.cost : Number.MAX_SAFE_INTEGER;
    throw refuse('QUERY_TOO_COMPLEX', `The operation costs ${complexity}; at most ${limits.maxComplexity} is allowed (upstream fields cost ${UPSTREAM_FIELD_COST}, lists count per item)`, { complexity, max: limits.maxComplexity });
  }
  if (!(measure.calls <= limits.maxUpstreamCalls)) {
    const calls = Number.isSafeInteger(measure.calls) ? measure.calls : Number.MAX_SAFE_INTEGER;
    throw refuse('TOO_MANY_UPSTREAM_CALLS', `The operation can make ${calls} upstream calls; at most ${limits.maxUpstreamCalls} are allowed per request (a connection's items count per page size, an omitted first as its default of 20)`, { upstreamCalls: calls, max: limits.maxUpstreamCalls });
  }
}

/** The upstream calls `operation` can make with these variables, and whether lists the upstream sizes leave that open (tests, docs). */
export function upstreamCallBound(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, config: Config): { calls: number; open: boolean } | null {
  const m = measureOf(schema, document, operation, variables, factsOf(schema, document), config);
  return m && { calls: m.calls, open: m.open };
}

/**
 * The limits as Apollo applies them (gateway-plugin.ts), once the operation is known (variables
 * included); also refuses subscriptions, which GraphQL over HTTP cannot deliver: they are served
 * over WebSocket and Server-Sent Events.
 */
export function checkResolvedOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode | undefined, variables: Record<string, unknown> | undefined, config: Config): void {
  if (!operation) return;
  if (operation.operation === 'subscription') {
    throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws protocol) on /graphql and over Server-Sent Events (graphql-sse protocol) on /graphql/stream, not over HTTP', {
      extensions: { code: 'OPERATION_NOT_SUPPORTED', http: { status: 400 } },
    });
  }
  checkLimits(schema, document, operation, variables ?? {}, config);
}
