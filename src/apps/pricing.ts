import type { Config } from '../config/types.js';
import { pollsWithin } from '../upstreams/job-watcher.js';

/** A field's coerced arguments, as graphql-js hands them to its resolver. */
export type Args = Readonly<Record<string, unknown>>;

/**
 * What one execution of a field can cost in upstream calls, and how many items its children are
 * resolved for. Read by the limits (limits.ts) before anything runs, with the arguments coerced
 * as graphql-js coerces them for the resolver, so an omitted or null `first` is priced at the
 * page size the resolver will really use.
 */
export interface FieldCalls {
  /** Upstream calls one execution can make at most (0 when it makes none). */
  readonly calls?: (args: Args, config: Config) => number;
  /**
   * How many items the field's children are resolved for: a known bound (a page size, the
   * length of an argument), or undefined for a list whose length the upstream decides.
   */
  readonly items?: (args: Args, config: Config) => number;
  /**
   * The field loads through a per-operation DataLoader (`key`) whose one call serves `perCall`
   * loads: the loads made together (below the nearest field above that makes its own call, whose
   * answer they all wait for) cost ceil(loads / perCall) calls, not one each.
   */
  readonly batched?: { readonly key: string; readonly perCall: number };
  /**
   * A call made at most once per operation whatever the number of such fields (kFinance's
   * `/users/permissions` read behind every entitled call, until it is cached).
   */
  readonly once?: string;
  /** Bounds this field sets for lists below it (Link's candidates: at most `topN`). */
  readonly below?: (args: Args, config: Config) => Readonly<Record<string, number>>;
  /**
   * A list of an abstract type whose items the arguments name with their types (Federation's
   * `_entities` and its representations): how many items of each type, and what loading one
   * costs. The loads are made together (one batch per loader), and each item's fields are priced
   * for its own type. Replaces `calls`, `items` and `batched`.
   */
  readonly references?: (args: Args) => ReadonlyMap<string, { readonly count: number; readonly calls: FieldCalls }>;
}

/** What an app's fields cost in upstream calls, by `Type.field` (`src/apps/<app>/pricing.ts`). */
export type AppPricing = Readonly<Record<string, FieldCalls>>;

/** One call per execution: the default for a field with `@upstream`. */
export const one = { calls: () => 1 } as const;
/** No call: the parent's answer carries it. */
export const none = { calls: () => 0 } as const;
/** A list the parent already sized (a connection's edges): its items were counted at the connection. */
export const sizedByParent = { items: () => 1 } as const;
/** The length of a list argument (0 for anything else). */
export const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/** Polls of a shared job watch within the field's wait, the first read included, and `finalReads` more once it is done. */
export const awaitJob = (settings: (config: Config) => { maxAwaitSeconds: number; pollInitialMs: number; pollMaxMs: number }, finalReads = 0): FieldCalls => ({
  calls: (args, config) => {
    const s = settings(config);
    const timeout = typeof args.timeoutSeconds === 'number' ? args.timeoutSeconds : Math.min(25, s.maxAwaitSeconds);
    return finalReads + pollsWithin(Math.max(0, Math.min(timeout, s.maxAwaitSeconds)) * 1000, s.pollInitialMs, s.pollMaxMs);
  },
});
