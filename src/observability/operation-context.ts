import { AsyncLocalStorage } from 'node:async_hooks';

/** What is counted per GraphQL operation while it runs. */
export interface OperationStats {
  upstreamCalls: number;
}

/**
 * Carries the running operation's stats through every await, so an upstream call made deep in
 * a DataLoader batch is attributed to the operation that caused it.
 */
export const operationContext = new AsyncLocalStorage<OperationStats>();
