import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type FormattedExecutionResult, type GraphQLFieldConfig, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { FieldUpstream } from '../apps/field-upstream.js';
import { attachCollector, linkLoaders, scopedSignal, SourceCollector, type LoaderKeyRef, type SourceNode, type UpstreamSource } from '../upstreams/provenance-scope.js';
import { fieldCalls } from './upstream-calls.js';

/**
 * Where one part of an answer came from: `extensions.provenance` is a list of these, for a caller
 * that asked with `extensions: { "provenance": true }` (docs/provenance.md). The MCP endpoint
 * reads the same list from the pipeline's answer.
 */
export interface ProvenanceEntry {
  /** The response path of the field whose value rests on the answer (aliases and list indices as in `errors[].path`). */
  readonly path: ReadonlyArray<string | number>;
  /** The upstream app (`nerd`, `extract`, `kfinance`, `link`, `scribe`, `skykit`). */
  readonly app: string;
  /** The endpoint family the gateway names the upstream call by (`kfinance.pricing`, `nerd.annotations-sync`). */
  readonly endpoint: string;
  /** When the gateway received that answer from the upstream (ISO 8601, the gateway's clock). */
  readonly fetchedAt: string;
  /** How old the copy served was: 0 for a call made for this operation, more when a gateway cache answered. */
  readonly ageSeconds: number;
}

/**
 * Entries in one answer at most. Past it the list stops (fields in the order they resolved) and
 * `extensions.provenanceTruncated` is true; so it is when an operation resolves more than
 * MAX_FIELD_NODES fields that reach an upstream (the later ones are not followed).
 */
export const MAX_PROVENANCE_ENTRIES = 200;

/** What an operation that asked for provenance carries in its context. */
export interface ProvenanceHolder {
  readonly provenance?: SourceCollector;
}

/** Whether the operation asks for provenance: `extensions.provenance` is `true`. */
export function wantsProvenance(extensions: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return extensions?.provenance === true;
}

/** The collector of an operation that asked for provenance, carried by its signal. */
export function startProvenance(signal: AbortSignal): SourceCollector {
  const collector = new SourceCollector();
  attachCollector(signal, collector);
  return collector;
}

/**
 * Wraps every field that can reach an upstream (an `@upstream` field, or one the pricing tables
 * list) so that, in an operation that asked for provenance, its resolver runs with a signal and
 * loaders of its own: what it fetches, directly or through a loader, is cited at its path.
 * Elsewhere the wrapper reads one property of the context and calls the resolver as it was.
 */
export function applyProvenance(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field: GraphQLFieldConfig<unknown, unknown>, fieldName: string, typeName: string) => {
      const upstream = field.extensions?.upstream as FieldUpstream | undefined;
      if (fieldCalls(`${typeName}.${fieldName}`, upstream !== undefined) === undefined) return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve(source, args, context, info) {
          const collector = (context as ProvenanceHolder).provenance;
          return collector === undefined ? resolve(source, args, context, info) : resolve(source, args, fieldContext(collector, context as FieldContext, info), info);
        },
      };
    },
  });
}

/** The parts of the resolver context a field's own view replaces. */
interface FieldContext extends ProvenanceHolder {
  readonly signal?: AbortSignal;
  readonly loaders: object;
}

/** The context as the field at `info.path` sees it: its own signal and loaders, the rest shared. */
function fieldContext(collector: SourceCollector, context: FieldContext, info: GraphQLResolveInfo): FieldContext {
  const node = collector.field(responsePath(info.path));
  if (node === undefined) return context;
  const own = Object.create(context) as { -readonly [K in keyof FieldContext]: FieldContext[K] };
  own.signal = scopedSignal(context.signal, node);
  own.loaders = linkLoaders(context.loaders, node);
  return own;
}

/** `info.path` as the list `errors[].path` uses. */
function responsePath(path: GraphQLResolveInfo['path'] | undefined): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p = path; p; p = p.prev) out.push(p.key);
  return out.reverse();
}

/**
 * The answer with `extensions.provenance`: one entry per field, app and endpoint, at the oldest
 * copy that field was served (so `ageSeconds` says how old its data may be), fields in the order
 * they resolved. Closes the collector: calls that end after the answer (clean-up) are not cited.
 * An answer without `data` (a request error: nothing ran) is left as it is.
 */
export function withProvenance<T extends FormattedExecutionResult>(body: T, collector: SourceCollector): T {
  // A request error (parse, validation, limits) executed nothing: it is answered as it is.
  if (!('data' in body)) {
    collector.closed = true;
    return body;
  }
  const { entries, truncated } = provenanceEntries(collector);
  return { ...body, extensions: { ...body.extensions, provenance: entries, ...(truncated ? { provenanceTruncated: true } : {}) } };
}

/** The entries an operation's collector holds, bounded by MAX_PROVENANCE_ENTRIES. */
export function provenanceEntries(collector: SourceCollector): { entries: ProvenanceEntry[]; truncated: boolean } {
  collector.closed = true;
  const entries: ProvenanceEntry[] = [];
  let truncated = collector.truncated;
  for (const { path, node } of collector.fields) {
    const oldest = new Map<string, UpstreamSource>();
    for (const source of reachableSources(collector, node)) {
      const key = `${source.app} ${source.endpoint}`;
      const kept = oldest.get(key);
      if (!kept || source.fetchedAtMs < kept.fetchedAtMs) oldest.set(key, source);
    }
    for (const source of oldest.values()) {
      if (entries.length >= MAX_PROVENANCE_ENTRIES) {
        truncated = true;
        break;
      }
      entries.push({ path, app: source.app, endpoint: source.endpoint, fetchedAt: new Date(source.fetchedAtMs).toISOString(), ageSeconds: source.ageSeconds });
    }
    if (entries.length >= MAX_PROVENANCE_ENTRIES && truncated) break;
  }
  return { entries, truncated };
}

/** Every source of `start` and of what it rests on (loader keys, their batches), each node once. */
function reachableSources(collector: SourceCollector, start: SourceNode): UpstreamSource[] {
  const seen = new Set<SourceNode>();
  const out: UpstreamSource[] = [];
  const stack: SourceNode[] = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    out.push(...node.sources);
    for (const dep of node.deps) {
      if ('sources' in dep) stack.push(dep);
      else stack.push(...keyNodes(collector, dep));
    }
  }
  return out;
}

function keyNodes(collector: SourceCollector, ref: LoaderKeyRef): SourceNode[] {
  return collector.keys.get(ref.loader)?.get(ref.key) ?? [];
}
