/** What is counted per GraphQL operation while it runs. */
export interface OperationStats {
  upstreamCalls: number;
}

/**
 * The stats of each running operation, under the operation's own AbortSignal: every operation
 * (HTTP or WebSocket) has one, and it travels with every upstream call made for it — through the
 * resolver context, the DataLoaders and the clients — so a call made deep in a batch is counted
 * for the operation that caused it. (An AsyncLocalStorage did this before; it turns on promise
 * hooks for the whole process, a cost on every promise of every request.)
 */
const statsBySignal = new WeakMap<AbortSignal, OperationStats>();

/** Counts the upstream calls made on behalf of `signal`'s operation into `stats`. */
export function trackOperation(signal: AbortSignal, stats: OperationStats): void {
  statsBySignal.set(signal, stats);
}

/** The stats of the operation `signal` belongs to, if it is tracked. */
export function operationStats(signal: AbortSignal | undefined): OperationStats | undefined {
  return signal === undefined ? undefined : statsBySignal.get(signal);
}
