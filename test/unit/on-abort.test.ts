import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from '../../src/net/on-abort.js';

describe('onAbort: one listener per signal, however many wait', () => {
  it('fans one abort out to every waiter still waiting, with a single listener on the signal', () => {
    const controller = new AbortController();
    const called: number[] = [];
    const stops = Array.from({ length: 50 }, (_, i) => onAbort(controller.signal, () => called.push(i)));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    // Done waiting: not called.
    for (const stop of stops.slice(0, 10)) stop();
    controller.abort();
    expect(called).toEqual(Array.from({ length: 40 }, (_, i) => i + 10));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('calls at once for a signal already aborted', () => {
    let called = 0;
    const stop = onAbort(AbortSignal.abort(), () => called++);
    expect(called).toBe(1);
    stop();
  });
});
