/**
 * A clock the test moves by hand, for the gateway and the simulator alike: `now` reads it,
 * `sleep` waits on it (the services' back-off, polling and pacing waits), `advance` moves it.
 * Time passes only when the test says so, so a verdict about token renewal, polling or a job's
 * duration never depends on how fast the machine runs.
 */
export interface ManualClock {
  /** The current time in ms since the epoch (a drop-in for `Date.now`). */
  readonly now: () => number;
  /** Resolves once the clock has been advanced `ms` past now; rejects when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Moves the clock `ms` forward, wakes every sleep that is due, and lets the woken code run. */
  advance(ms: number): Promise<void>;
  /** Resolves once at least `count` sleeps wait on the clock (the code under test is idle on it). */
  sleeping(count?: number): Promise<void>;
  /**
   * Settles as `work` does, moving the clock `stepMs` each time the code under test waits on it
   * meanwhile (a poll loop's delay, a back-off): time passes only while nothing else can happen.
   * With `quiet`, the clock moves only once it also holds (say, no call is still on its way).
   */
  until<T>(work: Promise<T>, stepMs: number, quiet?: () => boolean): Promise<T>;
  /** How many sleeps wait on the clock now. */
  readonly waiting: number;
}

interface Sleeper {
  readonly until: number;
  readonly wake: () => void;
}

/** A manual clock starting at `start` (ms since the epoch). */
export function manualClock(start = Date.UTC(2026, 10, 22, 10, 0, 0)): ManualClock {
  let current = start;
  const sleepers = new Set<Sleeper>();
  const watchers = new Set<{ readonly count: number; readonly resolve: () => void }>();
  const notify = () => {
    for (const w of watchers) {
      if (sleepers.size >= w.count) {
        watchers.delete(w);
        w.resolve();
      }
    }
  };
  const clock: ManualClock = {
    now: () => current,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason as Error);
        // A wait of nothing needs no time to pass.
        if (ms <= 0) return resolve();
        const onAbort = () => {
          sleepers.delete(sleeper);
          reject(signal!.reason as Error);
        };
        const sleeper: Sleeper = {
          until: current + Math.max(0, ms),
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        sleepers.add(sleeper);
        signal?.addEventListener('abort', onAbort, { once: true });
        notify();
      });
    },
    async advance(ms) {
      current += ms;
      const due = [...sleepers].filter((s) => s.until <= current).sort((a, b) => a.until - b.until);
      for (const s of due) {
        sleepers.delete(s);
        s.wake();
      }
      // Woken code continues in later turns of the event loop; let it reach its next wait.
      await new Promise((r) => setImmediate(r));
    },
    sleeping(count = 1) {
      if (sleepers.size >= count) return Promise.resolve();
      return new Promise((resolve) => watchers.add({ count, resolve }));
    },
    async until(work, stepMs, quiet = () => true) {
      let settled = false;
      const done = work.then(
        () => (settled = true),
        () => (settled = true),
      );
      while (!settled) {
        await Promise.race([done, clock.sleeping()]);
        // Requests still on their way: look again shortly (the test's timeout bounds a hang).
        while (!settled && !quiet()) await new Promise((r) => setTimeout(r, 5));
        if (!settled) await clock.advance(stepMs);
      }
      return work;
    },
    get waiting() {
      return sleepers.size;
    },
  };
  return clock;
}
