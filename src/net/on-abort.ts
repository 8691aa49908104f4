/** Where a signal keeps the callbacks waiting behind its one listener. */
const WAITING = Symbol('abortWaiting');

type Shared = AbortSignal & { [WAITING]?: Set<() => void> };

/**
 * Calls `onAbort` once when `signal` aborts (at once when it already has); returns the function
 * that stops waiting, to call when the work is done.
 *
 * An operation's signal is shared by every upstream call, token wait and back-off sleep made for
 * it, and a query of 24 aliased fields makes 24 calls at once: a listener each piled 24 `abort`
 * listeners onto one signal, and Node printed a MaxListenersExceededWarning (a line on stderr
 * that is not JSON) for every operation with more than 10. Here a signal has one listener
 * however many wait on it, and waiting costs a Set entry. The set lives on the signal itself (as
 * operation-context.ts keeps its stats) and goes with it; the listener stays until the signal
 * aborts or is collected.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return noop;
  }
  const shared = signal as Shared;
  let waiting = shared[WAITING];
  if (!waiting) {
    const set = new Set<() => void>();
    waiting = shared[WAITING] = set;
    signal.addEventListener(
      'abort',
      () => {
        const callbacks = [...set];
        set.clear();
        for (const fn of callbacks) fn();
      },
      { once: true },
    );
  }
  const set = waiting;
  set.add(callback);
  return () => void set.delete(callback);
}

function noop(): void {}
