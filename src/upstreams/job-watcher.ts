import { GatewayError, UpstreamError } from '../errors.js';
import { onAbort } from '../net/on-abort.js';
import { attachNode, creditSources, type SourceNode } from './provenance-scope.js';

/** What a job's state must say: PENDING until it is final. */
export interface JobState {
  readonly status: string;
}

export interface JobWatcherOptions<S extends JobState> {
  /** One status poll: the job's state, or null when the upstream does not know the id. */
  read(id: string, scope: string, signal: AbortSignal): Promise<S | null>;
  /** The error watchers of an unknown id get (its code must be UPSTREAM_NOT_FOUND for `waitFor`). */
  notFound(id: string): Error;
  readonly pollInitialMs: number;
  readonly pollMaxMs: number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called after every status poll (metrics, tests). */
  readonly onPoll?: (id: string) => void;
}

/** Polls that failed in a row (upstream down or rate limiting) before watchers get the error. */
const MAX_CONSECUTIVE_FAILURES = 5;
/** Errors worth polling through: the upstream may recover. */
const TRANSIENT = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_RATE_LIMITED', 'UPSTREAM_AUTH_UNAVAILABLE']);

interface Listener<S> {
  push(state: S): void;
  fail(error: Error): void;
  end(): void;
}

interface Watch<S> {
  readonly id: string;
  readonly scope: string;
  readonly listeners: Set<Listener<S>>;
  readonly stop: AbortController;
  /**
   * The sources of the latest poll (its signal notes them here), credited to the long polls that
   * end with its state (`extensions.provenance`).
   */
  readonly polled: SourceNode;
  last?: S;
  /** The error of the latest poll while polls fail transiently; cleared by a good one. */
  failing?: Error;
}

/**
 * Follows an upstream's asynchronous jobs (Extract extractions, Scribe transcriptions) for
 * subscriptions and long polls. However many clients watch one job, one loop polls the upstream
 * for it, with growing delays; every watcher gets each status change, and the loop ends at a
 * final state (anything but PENDING) or as soon as the last watcher leaves.
 */
export class JobWatcher<S extends JobState> {
  private readonly watches = new Map<string, Watch<S>>();

  constructor(private readonly options: JobWatcherOptions<S>) {}

  /** Jobs being polled right now (metrics, tests). */
  get active(): number {
    return this.watches.size;
  }

  /**
   * The job's state now, then each change until a final state (then the iterator ends). Fails
   * with UPSTREAM_NOT_FOUND for an id the upstream does not know.
   */
  watch(id: string, scope: string): AsyncIterableIterator<S> {
    const key = `${scope} ${id}`;
    let watch = this.watches.get(key);
    const channel = new Channel<S>(() => {
      if (!watch) return;
      watch.listeners.delete(channel);
      if (watch.listeners.size === 0 && this.watches.get(key) === watch) {
        this.watches.delete(key);
        watch.stop.abort(new Error('no one watches this job any more'));
      }
    });
    if (this.closedWith) {
      channel.fail(this.closedWith);
      return channel;
    }
    if (watch) {
      watch.listeners.add(channel);
      if (watch.last) channel.push(watch.last);
    } else {
      watch = { id, scope, listeners: new Set([channel]), stop: new AbortController(), polled: { sources: [], deps: [] } };
      attachNode(watch.stop.signal, watch.polled);
      this.watches.set(key, watch);
      void this.run(key, watch);
    }
    return channel;
  }

  /**
   * Long poll: the first final state within `timeoutMs`, else the latest state; null for an
   * unknown id. When the wait ends while polls are failing (the upstream is down), the poll's
   * error is thrown instead, with the last known status in `extensions.lastKnownStatus`: null
   * means "no such job", and an outage must not read as one.
   */
  async waitFor(id: string, scope: string, timeoutMs: number, signal?: AbortSignal): Promise<S | null> {
    const key = `${scope} ${id}`;
    const iterator = this.watch(id, scope);
    const polled = this.watches.get(key)?.polled;
    let last: S | null = null;
    let outage: Error | undefined;
    const timer = setTimeout(() => {
      outage = this.watches.get(key)?.failing;
      void iterator.return?.();
    }, timeoutMs);
    const stop = signal ? onAbort(signal, () => void iterator.return?.()) : undefined;
    try {
      for await (const state of iterator) {
        last = state;
        if (state.status !== 'PENDING') break;
      }
      if (outage && (last === null || last.status === 'PENDING')) throw this.unavailable(outage, last);
      if (polled) creditSources(signal, polled);
      return last;
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'UPSTREAM_NOT_FOUND') return null;
      // The watch gave up after failing polls: the waiter still learns the last known status.
      if (error instanceof GatewayError && TRANSIENT.has(error.code) && error.extensions.lastKnownStatus === undefined) throw this.unavailable(error, last);
      throw error;
    } finally {
      clearTimeout(timer);
      stop?.();
      await iterator.return?.();
    }
  }

  /**
   * Stops every loop and ends every watcher (shutdown). With `reason`, watchers fail with it
   * instead of ending quietly, and later watches fail at once: a long poll or subscription cut by
   * a draining gateway gets a retryable answer rather than a connection closed on it.
   */
  close(reason?: Error): void {
    if (reason) this.closedWith = reason;
    for (const [key, watch] of this.watches) {
      this.watches.delete(key);
      watch.stop.abort(new Error('gateway stopping'));
      for (const l of watch.listeners) {
        if (reason) l.fail(reason);
        else l.end();
      }
    }
  }

  private closedWith: Error | undefined;

  /** A failing poll's error as a long poll's answer: retryable, with what was last known. */
  private unavailable(error: Error, last: S | null): Error {
    if (!(error instanceof GatewayError)) return error;
    const extensions = {
      ...error.extensions,
      lastKnownStatus: last?.status ?? null,
      retryAfterSeconds: error.extensions.retryAfterSeconds ?? Math.max(1, Math.ceil(this.options.pollInitialMs / 1000)),
    };
    if (error instanceof UpstreamError) return new UpstreamError(error.code, error.upstream, error.message, { status: error.status, extensions, cause: error });
    return new GatewayError(error.code, error.message, { extensions, cause: error });
  }

  private async run(key: string, watch: Watch<S>): Promise<void> {
    const { pollInitialMs, pollMaxMs, sleep } = this.options;
    let delay = pollInitialMs;
    let failures = 0;
    const finish = (fn: (l: Listener<S>) => void) => {
      if (this.watches.get(key) === watch) this.watches.delete(key);
      watch.stop.abort(new Error('watch finished'));
      for (const l of [...watch.listeners]) fn(l);
    };
    while (!watch.stop.signal.aborted) {
      // undefined: this poll failed transiently, try again after the delay.
      let state: S | null | undefined;
      // Only the latest poll's sources are kept: they are what its state came from.
      watch.polled.sources.length = 0;
      try {
        state = await this.options.read(watch.id, watch.scope, watch.stop.signal);
        failures = 0;
        watch.failing = undefined;
        this.options.onPoll?.(watch.id);
      } catch (error) {
        if (watch.stop.signal.aborted) return;
        failures += 1;
        const code = error instanceof GatewayError ? error.code : undefined;
        if (code === undefined || !TRANSIENT.has(code) || failures >= MAX_CONSECUTIVE_FAILURES) {
          return finish((l) => l.fail(error instanceof Error ? error : new Error(String(error))));
        }
        watch.failing = error instanceof Error ? error : new Error(String(error));
      }
      if (state === null) {
        return finish((l) => l.fail(this.options.notFound(watch.id)));
      }
      if (state) {
        const changed = watch.last?.status !== state.status;
        watch.last = state;
        if (changed) for (const l of watch.listeners) l.push(state);
        if (state.status !== 'PENDING') return finish((l) => l.end());
      }
      try {
        await sleep(delay, watch.stop.signal);
      } catch {
        return;
      }
      delay = nextPollDelay(delay, pollMaxMs);
    }
  }
}

/** One watcher's queue of states as an async iterator; `return()` (or ending) runs `onClose` once. */
class Channel<S> implements AsyncIterableIterator<S>, Listener<S> {
  private readonly queue: S[] = [];
  private waiting: { resolve: (r: IteratorResult<S>) => void; reject: (e: Error) => void } | undefined;
  private error: Error | undefined;
  private done = false;

  constructor(private readonly onClose: () => void) {}

  push(value: S): void {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w.resolve({ value, done: false });
    } else this.queue.push(value);
  }

  fail(error: Error): void {
    if (this.done) return;
    this.error = error;
    this.close();
  }

  end(): void {
    this.close();
  }

  next(): Promise<IteratorResult<S>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.error) {
      const e = this.error;
      this.error = undefined;
      return Promise.reject(e);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<S>> {
    this.queue.length = 0;
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<S> {
    return this;
  }

  private close(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      if (this.error) {
        const e = this.error;
        this.error = undefined;
        w.reject(e);
      } else w.resolve({ value: undefined, done: true });
    }
  }
}

/** The delay before the next try after one that waited `delay` ms: 1.5 times longer, up to `maxMs` (polls, NERD job clean-up). */
export function nextPollDelay(delay: number, maxMs: number): number {
  return Math.min(maxMs, Math.ceil(delay * 1.5));
}

/**
 * The most polls one watch makes within `waitMs` (the first read included), its delays growing
 * as `run` grows them: the cost model's price of a wait (graphql/upstream-calls.ts).
 */
export function pollsWithin(waitMs: number, initialMs: number, maxMs: number): number {
  let polls = 1;
  let waited = 0;
  for (let delay = initialMs; waited + delay <= waitMs; delay = nextPollDelay(delay, maxMs)) {
    waited += delay;
    polls += 1;
  }
  return polls;
}
