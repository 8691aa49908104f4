import { UpstreamError } from '../../errors.js';
import { JobWatcher } from '../../upstreams/job-watcher.js';
import type { ExtractClient } from './client.js';
import type { ExtractionState } from './wire.js';

export interface ExtractionWatcherOptions {
  readonly client: Pick<ExtractClient, 'get'>;
  readonly pollInitialMs: number;
  readonly pollMaxMs: number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called after every status poll (metrics, tests). */
  readonly onPoll?: (id: string) => void;
}

/** The shared pollers of Extract jobs: one loop per extraction, whoever watches it. */
export class ExtractionWatcher extends JobWatcher<ExtractionState> {
  constructor(options: ExtractionWatcherOptions) {
    super({
      ...options,
      read: (id, scope, signal) => options.client.get(id, scope, undefined, signal),
      notFound: (id) => new UpstreamError('UPSTREAM_NOT_FOUND', 'extract', `Kensho Extract does not know extraction ${id}`, { status: 404, extensions: { endpoint: 'extract.get' } }),
    });
  }
}
