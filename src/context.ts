import type { Logger } from 'pino';
import type { AppContext } from './apps/context.js';
import type { Caller } from './auth/inbound/caller.js';
import type { GatewayServices } from './services.js';
import type { Loaders } from './loaders.js';
import type { OperationRecord } from './graphql/operation-record.js';
import type { SourceCollector } from './upstreams/provenance-scope.js';

/** What every resolver gets, built once per GraphQL operation: the apps' context and the gateway's own parts. */
export interface GraphQLContext extends AppContext {
  /** Correlates logs and errors of one operation (echoed as `x-request-id`). */
  readonly requestId: string;
  /** Who is calling (authenticated before the operation runs). */
  readonly caller: Caller;
  readonly services: GatewayServices;
  /** DataLoaders created per operation, so memoised results never cross callers or scopes. */
  readonly loaders: Loaders;
  readonly logger: Logger;
  /** Aborted when the client goes away (HTTP); long waits and uploads stop with it. */
  readonly signal?: AbortSignal;
  /** The operation's log line and metrics, finished when its (last) result is sent. */
  readonly record?: OperationRecord;
  /** GraphQL over HTTP's GET: only a query may run (the pipeline refuses others with 405). */
  readonly queryOnly?: boolean;
  /** Where the answer's parts came from, for a caller that asked (graphql/provenance.ts). */
  readonly provenance?: SourceCollector;
}
