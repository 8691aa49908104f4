import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { startStack } from '../helpers/stack.js';

/**
 * The gateway sends every upstream call through its own undici Agent (the version this package
 * pins), never through the process-wide dispatcher: on Node 24 that one can be the undici
 * bundled with Node, installed by whichever module used fetch first.
 */
describe('upstream connections', () => {
  it('go through the gateway’s own Agent, not the global dispatcher', async () => {
    const original = getGlobalDispatcher();
    let counted = 0;
    class Counting extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        counted++;
        return super.dispatch(options, handler);
      }
    }
    setGlobalDispatcher(new Counting());
    const stack = await startStack();
    try {
      counted = 0;
      const r = await stack.gql<{ annotateText: unknown[] }>('{ annotateText(text: "Apple is in Cupertino.") { knowledgeBase } }');
      expect(r.errors).toBeUndefined();
      // The gateway fetched a token and called NERD...
      expect(stack.sim.counters.calls('nerd.annotations-sync')).toBe(1);
      expect(stack.sim.counters.tokenRequests('kensho:app:nerd')).toBe(1);
      // ...and only the test's own request (global fetch) went through the global dispatcher.
      expect(counted).toBe(1);
    } finally {
      await stack.close();
      setGlobalDispatcher(original);
    }
  });
});
