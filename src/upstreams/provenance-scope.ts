import DataLoader from 'dataloader';
import { operationStats, trackOperation } from '../observability/operation-context.js';

/**
 * The sources of an answer, collected while an operation that asked for them runs
 * (`extensions.provenance`, src/graphql/provenance.ts). The carrier is the AbortSignal every
 * upstream call already takes (operation-context.ts says why not an AsyncLocalStorage): an
 * operation that opted in gives each field that can reach an upstream a signal of its own,
 * which names the field's node; a call made with it, or an answer served from a cache for it,
 * is noted on that node. DataLoader batches run with the operation's signal, so a loader made
 * with `sourcedLoader` gives each key of a batch a node (and a signal) of its own, and a field
 * that loads a key depends on that key's node: one upstream call serving several fields is cited
 * by each of them. An operation that did not opt in carries nothing: each of these functions
 * then costs one property read.
 */

/** Where one upstream answer came from, as the client that got it reports it. */
export interface UpstreamSource {
  /** The app's key (`nerd`, `kfinance`, …). */
  readonly app: string;
  /** The endpoint family, as `UpstreamCall.endpoint` names it (`kfinance.pricing`). */
  readonly endpoint: string;
  /** When the gateway received the answer from the upstream (ms since the epoch, the gateway's clock). */
  readonly fetchedAtMs: number;
  /** Whole seconds between that and when this operation was served it: 0 for a call it made. */
  readonly ageSeconds: number;
}

/** One part of an answer (a field, a loader key, a loader batch): its own sources and what it rests on. */
export interface SourceNode {
  readonly sources: UpstreamSource[];
  /** Nodes and loader keys whose sources are this node's too. */
  readonly deps: Array<SourceNode | LoaderKeyRef>;
}

/** A loader key a node awaited, resolved to the key's nodes once the operation is done. */
export interface LoaderKeyRef {
  readonly loader: object;
  readonly key: unknown;
}

/** Bounds what one operation records: past these, parts go uncited and the answer says so. */
export const MAX_FIELD_NODES = 2_000;
export const MAX_NODES = 20_000;

/** What one operation that opted in records: its fields' nodes and every loader key's. */
export class SourceCollector {
  /** The fields that can reach an upstream, in the order they were resolved. */
  readonly fields: Array<{ readonly path: ReadonlyArray<string | number>; readonly node: SourceNode }> = [];
  /** Each loader's keys (by cache key) and the nodes their batches gave them. */
  readonly keys = new Map<object, Map<unknown, SourceNode[]>>();
  /** Set once a bound dropped a part: the answer's list is then incomplete. */
  truncated = false;
  /** Set once the answer is made: later reports (clean-up calls) are not recorded. */
  closed = false;
  private nodes = 0;

  /** A new node, or undefined past the bound. */
  node(deps: SourceNode[] = []): SourceNode | undefined {
    if (this.closed || this.nodes >= MAX_NODES) return this.drop();
    this.nodes++;
    return { sources: [], deps };
  }

  /** The node of the field at `path`, or undefined past the bound (the field is then not cited). */
  field(path: ReadonlyArray<string | number>): SourceNode | undefined {
    if (this.fields.length >= MAX_FIELD_NODES) return this.drop();
    const node = this.node();
    if (node) this.fields.push({ path, node });
    return node;
  }

  /** Notes that `node` serves `key` of `loader` (its batch ran). */
  keyNode(loader: object, key: unknown, node: SourceNode): void {
    let byKey = this.keys.get(loader);
    if (!byKey) this.keys.set(loader, (byKey = new Map()));
    const nodes = byKey.get(key);
    if (nodes) nodes.push(node);
    else byKey.set(key, [node]);
  }

  private drop(): undefined {
    this.truncated = true;
    return undefined;
  }
}

const COLLECTOR = Symbol('provenanceCollector');
const NODE = Symbol('provenanceNode');

type Carrier = AbortSignal & { [COLLECTOR]?: SourceCollector; [NODE]?: SourceNode };

/** Makes `signal` (an operation's) carry `collector`: its loaders then give their keys nodes. */
export function attachCollector(signal: AbortSignal, collector: SourceCollector): void {
  (signal as Carrier)[COLLECTOR] = collector;
}

/** The collector of the operation `signal` belongs to, when it opted in. */
export function collectorOf(signal: AbortSignal | undefined): SourceCollector | undefined {
  return (signal as Carrier | undefined)?.[COLLECTOR];
}

/**
 * A signal for the part `node`: aborted with the operation's (and for its reason), counted for
 * the same operation (its stats travel along), noting its sources on `node`.
 */
export function scopedSignal(signal: AbortSignal | undefined, node: SourceNode): AbortSignal {
  const scoped = (signal ? AbortSignal.any([signal]) : new AbortController().signal) as Carrier;
  const stats = operationStats(signal);
  if (stats) trackOperation(scoped, stats);
  scoped[COLLECTOR] = collectorOf(signal);
  scoped[NODE] = node;
  return scoped;
}

/**
 * Makes `signal` (a shared poller's) note its sources on `node`, which holds them for the
 * operations that wait on the poller (`creditSources`). Costs nothing to an operation.
 */
export function attachNode(signal: AbortSignal, node: SourceNode): void {
  (signal as Carrier)[NODE] = node;
}

/** Credits the sources `from` holds now to the part `signal` serves (a waiter on a shared poller). */
export function creditSources(signal: AbortSignal | undefined, from: SourceNode): void {
  const node = (signal as Carrier | undefined)?.[NODE];
  if (node === undefined || (signal as Carrier)[COLLECTOR]?.closed === true) return;
  node.sources.push(...from.sources);
}

/** Whether a call made with `signal` is cited (its operation asked for provenance, and is not answered yet). */
export function citing(signal: AbortSignal | undefined): boolean {
  return (signal as Carrier | undefined)?.[NODE] !== undefined && (signal as Carrier)[COLLECTOR]?.closed !== true;
}

/**
 * Notes that the part `signal` serves got an answer from `app`'s `endpoint`, fetched at
 * `fetchedAtMs` and served at `nowMs` (the same for a call just made). A no-op for a signal that
 * names no part (an operation that did not opt in, a background call).
 */
export function noteSource(signal: AbortSignal | undefined, app: string, endpoint: string, fetchedAtMs: number, nowMs: number): void {
  const node = (signal as Carrier | undefined)?.[NODE];
  if (node === undefined || (signal as Carrier)[COLLECTOR]?.closed === true) return;
  node.sources.push({ app, endpoint, fetchedAtMs, ageSeconds: Math.max(0, Math.floor((nowMs - fetchedAtMs) / 1000)) });
}

/** How a loader made by `sourcedLoader` names its keys (its `cacheKeyFn`). */
const KEY_OF = Symbol('loaderKeyOf');

type KeyedLoader = object & { [KEY_OF]?: (key: unknown) => unknown };

/**
 * Which signal a batch makes a call with: `signalFor(i)` for a call that serves key `i` alone,
 * `signalFor([i, j])` for one that serves those keys, `signalFor()` for one that serves the whole
 * batch. Without provenance every one is the operation's signal.
 */
export type SignalFor = (keys?: number | readonly number[]) => AbortSignal | undefined;

/**
 * A DataLoader whose batch function is told which signal to make each call with (`SignalFor`), so
 * that a call or a cached copy is cited by the fields of exactly the keys it served. Without
 * provenance it is a plain DataLoader whose batch gets the operation's signal.
 */
export function sourcedLoader<K, V, C = K>(
  signal: AbortSignal | undefined,
  batch: (keys: readonly K[], signalFor: SignalFor) => PromiseLike<ArrayLike<V | Error>>,
  options?: DataLoader.Options<K, V, C>,
): DataLoader<K, V, C> {
  const collector = collectorOf(signal);
  if (collector === undefined) {
    const same = () => signal;
    return new DataLoader<K, V, C>((keys) => batch(keys, same), options);
  }
  const keyOf = (options?.cacheKeyFn ?? ((key: K) => key)) as (key: unknown) => unknown;
  const loader: DataLoader<K, V, C> = new DataLoader<K, V, C>((keys) => {
    const whole = collector.node();
    const perKey = keys.map((key) => {
      const node = collector.node(whole ? [whole] : []);
      if (node) collector.keyNode(loader, keyOf(key), node);
      return node;
    });
    const wholeSignal = whole ? scopedSignal(signal, whole) : signal;
    const signals: Array<AbortSignal | undefined> = [];
    return batch(keys, (which) => {
      if (which === undefined) return wholeSignal;
      if (typeof which === 'number') {
        const node = perKey[which];
        return node ? (signals[which] ??= scopedSignal(signal, node)) : wholeSignal;
      }
      // A call shared by some keys: a node each of them rests on.
      const shared = collector.node();
      if (!shared) return wholeSignal;
      for (const index of which) perKey[index]?.deps.push(shared);
      return scopedSignal(signal, shared);
    });
  }, options);
  (loader as KeyedLoader)[KEY_OF] = keyOf;
  return loader;
}

/**
 * `loader` as the part `signal` names sees it: each key it loads becomes a source of that part.
 * The loader itself where `signal` names no part (no provenance asked for).
 */
export function linkedLoader<L extends object>(loader: L, signal: AbortSignal | undefined): L {
  const node = (signal as Carrier | undefined)?.[NODE];
  return node === undefined ? loader : linkLoader(loader, node);
}

/** A view of `loader` whose loads make `node` depend on the keys loaded. */
export function linkLoader<L extends object>(loader: L, node: SourceNode): L {
  const keyOf = (loader as KeyedLoader)[KEY_OF] ?? ((key: unknown) => key);
  const real = loader as unknown as DataLoader<unknown, unknown, unknown>;
  const view = {
    load(key: unknown) {
      node.deps.push({ loader, key: keyOf(key) });
      return real.load(key);
    },
    loadMany(keys: ArrayLike<unknown>) {
      for (const key of Array.from(keys)) node.deps.push({ loader, key: keyOf(key) });
      return real.loadMany(keys);
    },
    clear: (key: unknown) => (real.clear(key), view),
    clearAll: () => (real.clearAll(), view),
    prime: (key: unknown, value: unknown) => (real.prime(key, value), view),
    name: real.name,
  };
  return view as unknown as L;
}

/**
 * An operation's loaders (an object of named loaders, built lazily) as the part `node` sees them.
 */
export function linkLoaders<T extends object>(loaders: T, node: SourceNode): T {
  const views = new Map<PropertyKey, unknown>();
  return new Proxy(loaders, {
    get(target, name) {
      const loader = Reflect.get(target, name) as unknown;
      if (typeof loader !== 'object' || loader === null) return loader;
      let view = views.get(name);
      if (view === undefined) views.set(name, (view = linkLoader(loader, node)));
      return view;
    },
  });
}
