import type { Logger } from 'pino';
import type { Caller } from '../auth/inbound/caller.js';
import type { GraphQLContext } from '../context.js';
import { OperationCancelledError } from '../errors.js';
import { createLoaders } from '../loaders.js';
import { callerText } from '../observability/caller-text.js';
import { trackOperation } from '../observability/operation-context.js';
import type { GatewayServices } from '../services.js';
import type { OperationRecord } from './operation-record.js';
import type { SourceCollector } from '../upstreams/provenance-scope.js';

/** Makes the resolver context of one operation, whatever the transport. */
export type CreateContext = (
  requestId: string,
  caller: Caller,
  signal?: AbortSignal,
  record?: OperationRecord,
  options?: { readonly queryOnly?: boolean; readonly provenance?: SourceCollector | undefined; readonly maxUpstreamCalls?: number | undefined },
) => GraphQLContext;

/** Where a context keeps its child logger once made. */
const CHILD_LOGGER = Symbol('childLogger');

/**
 * The resolver context: caller, per-operation loaders, the abort signal and the operation's
 * record. Upstream calls made with the signal are counted for the record, and an abort with
 * OperationCancelledError (the caller ended the operation) makes its outcome `cancelled`.
 */
export function createContextFactory(services: GatewayServices, logger: Logger): CreateContext {
  // The operation's child logger is made on first use: most operations log nothing of their
  // own. The getter sits on the context's prototype because Apollo copies the context for each
  // request (Object.assign onto the same prototype), which would call a getter of its own.
  const contextPrototype = Object.defineProperty({}, 'logger', {
    get(this: GraphQLContext & { [CHILD_LOGGER]?: Logger }) {
      return (this[CHILD_LOGGER] ??= logger.child({ requestId: this.requestId, caller: callerText(this.caller.name) }));
    },
  });
  return (requestId, caller, signal, record, options) => {
    if (signal && record) {
      if (options?.maxUpstreamCalls !== undefined) record.stats.maxCalls = options.maxUpstreamCalls;
      trackOperation(signal, record.stats);
      // The adapters abort with OperationCancelledError when the caller ends the operation.
      signal.addEventListener('abort', () => signal.reason instanceof OperationCancelledError && record.noteCancelled(), { once: true });
    }
    const context = Object.create(contextPrototype) as { -readonly [K in keyof GraphQLContext]: GraphQLContext[K] };
    context.requestId = requestId;
    context.caller = caller;
    context.services = services;
    context.loaders = createLoaders(services, signal);
    context.signal = signal;
    context.record = record;
    if (options?.queryOnly) context.queryOnly = true;
    if (options?.provenance) context.provenance = options.provenance;
    return context;
  };
}
