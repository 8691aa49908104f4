/** What `within` rejects with when time runs out. */
export class CallTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`);
    this.name = 'CallTimeoutError';
  }
}

/**
 * Rejects with CallTimeoutError when `promise` has not settled within `ms`. Every timeout race of
 * the gateway goes through here: the timer is cleared when the promise settles and never keeps
 * the process alive, which a hand-written `Promise.race` with `setTimeout` easily forgets.
 */
export function within<T>(promise: Promise<T>, ms: number, what = 'call'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CallTimeoutError(what, ms)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
