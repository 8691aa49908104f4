/** What is counted per GraphQL operation while it runs. */
export interface OperationStats {
  /** Upstream exchanges answered or failed (the log line's figure). */
  upstreamCalls: number;
  /** Upstream exchanges started: what the per-operation budget (LIMIT_MAX_UPSTREAM_CALLS) counts. */
  callsStarted: number;
  /** This operation's own budget, when it is tighter than LIMIT_MAX_UPSTREAM_CALLS (an MCP tool call's). */
  maxCalls?: number;
  /** Records sent to Kensho Link, over every field and alias (LINK_MAX_RECORDS holds per operation). */
  linkRecords: number;
  /** Identifiers sent to kFinance's resolveCompanies, over every field and alias. */
  kfinanceIdentifiers: number;
}

/** Fresh stats for a new operation. */
export function newOperationStats(): OperationStats {
  return { upstreamCalls: 0, callsStarted: 0, linkRecords: 0, kfinanceIdentifiers: 0 };
}

/** Where an operation's signal carries its stats. */
const STATS = Symbol('operationStats');

/**
 * The stats of each running operation, on the operation's own AbortSignal: every operation
 * (HTTP or WebSocket) has one, and it travels with every upstream call made for it — through the
 * resolver context, the DataLoaders and the clients — so a call made deep in a batch is counted
 * for the operation that caused it. (An AsyncLocalStorage did this before; it turns on promise
 * hooks for the whole process, a cost on every promise of every request. A WeakMap keyed by
 * the signal did too: each entry is an ephemeron the young-generation collector processes.)
 */
type Tracked = AbortSignal & { [STATS]?: OperationStats };

/** Counts the upstream calls made on behalf of `signal`'s operation into `stats`. */
export function trackOperation(signal: AbortSignal, stats: OperationStats): void {
  (signal as Tracked)[STATS] = stats;
}

/** The stats of the operation `signal` belongs to, if it is tracked. */
export function operationStats(signal: AbortSignal | undefined): OperationStats | undefined {
  return (signal as Tracked | undefined)?.[STATS];
}
