import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, circuitBreaker, handleWhen, retry, wrap, type IPolicy } from 'cockatiel';
import type { UpstreamError } from '../errors.js';
import type { SentResponse } from './send.js';

/**
 * A failure the resilience policy may act on: a 5xx answer or an upstream that could not be
 * reached or timed out. `retryable` says whether sending the call again is safe.
 */
export class TransientFailure extends Error {
  constructor(
    readonly response: SentResponse | undefined,
    readonly error: UpstreamError | undefined,
    readonly retryable: boolean,
  ) {
    super(error?.message ?? `HTTP ${response?.status ?? '?'}`);
    this.name = 'TransientFailure';
  }
}

export interface ResilienceOptions {
  /** Attempts per call including the first (1 = no retries). */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Consecutive failed calls (after their retries) that open the circuit. */
  readonly breakerThreshold: number;
  /** How long the circuit stays open before one trial call (half-open). */
  readonly halfOpenAfterMs: number;
  readonly onRetry?: () => void;
  readonly onCircuit?: (open: boolean) => void;
}

/** One upstream's policy: retries inside a circuit breaker, shared by every call to it. */
export interface UpstreamPolicy {
  execute<T>(fn: () => Promise<T>): Promise<T>;
  readonly halfOpenAfterMs: number;
}

/**
 * Built on cockatiel 3 (a well-kept resilience library): retries with exponential backoff and
 * decorrelated jitter for failures marked retryable, inside a consecutive-failure circuit
 * breaker, so a dead upstream is failed fast and tried again after `halfOpenAfterMs`.
 */
export function createUpstreamPolicy(options: ResilienceOptions): UpstreamPolicy {
  const retries = retryPolicy(options);
  const breaker = circuitBreaker(
    handleWhen((e) => e instanceof TransientFailure),
    { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) },
  );
  breaker.onStateChange((state) => options.onCircuit?.(state === CircuitState.Open || state === CircuitState.Isolated));
  const policy: IPolicy = wrap(breaker, retries);
  return { execute: (fn) => policy.execute(() => fn()), halfOpenAfterMs: options.halfOpenAfterMs };
}

/**
 * Retries alone (no breaker), for calls outside an upstream's own API — a pre-signed storage
 * URL — whose failures say nothing about the upstream itself. `signal` stops the waiting.
 */
export function createRetryPolicy(options: Pick<ResilienceOptions, 'maxAttempts' | 'initialDelayMs' | 'maxDelayMs' | 'onRetry'>): { execute<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> } {
  const retries = retryPolicy(options);
  return { execute: (fn, signal) => retries.execute(() => fn(), signal) };
}

function retryPolicy(options: Pick<ResilienceOptions, 'maxAttempts' | 'initialDelayMs' | 'maxDelayMs' | 'onRetry'>) {
  const retries = retry(
    handleWhen((e) => e instanceof TransientFailure && e.retryable),
    { maxAttempts: Math.max(0, options.maxAttempts - 1), backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs }) },
  );
  retries.onRetry(() => options.onRetry?.());
  return retries;
}

export { BrokenCircuitError };
