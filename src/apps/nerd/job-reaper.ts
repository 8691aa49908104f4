import type { Logger } from 'pino';
import type { UpstreamHttp } from '../../upstreams/http.js';
import { nextPollDelay } from '../../upstreams/job-watcher.js';

export interface JobReaperOptions {
  readonly http: UpstreamHttp;
  readonly clock: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How long to keep asking NERD to delete a job that is still pending (NERD_JOB_TIMEOUT_MS). */
  readonly patienceMs: number;
  /** First and largest delay between delete attempts. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly logger?: Pick<Logger, 'warn' | 'debug'>;
}

/** What one DELETE said: the job is gone, still pending (409), or the call failed. */
type Attempt = 'gone' | 'pending' | 'failed';

/**
 * Deletes NERD async jobs however the operation that made them ended. NERD stores each job,
 * with the caller's text, until it is deleted, and refuses to delete a pending one (409,
 * UPSTREAMS §3): a job left by a cancel, a job timeout or a failed poll is asked for again with
 * growing delays until it ends, for up to `patienceMs`. The work runs in the background (the
 * caller's answer never waits on it) and stops when the gateway closes.
 */
export class NerdJobReaper {
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: JobReaperOptions) {}

  /** Tries once to delete `jobId`; true when NERD no longer has it. */
  async deleteNow(jobId: string, scope: string, operation?: AbortSignal): Promise<boolean> {
    return (await this.attempt(jobId, scope, operation)) === 'gone';
  }

  /** Deletes `jobId` in the background, waiting for it to end if it is pending. */
  reap(jobId: string, scope: string, operation?: AbortSignal): void {
    if (this.stopping.signal.aborted) {
      // Closing: one last try, not waited for.
      void this.attempt(jobId, scope, operation);
      return;
    }
    const work = this.run(jobId, scope, operation).finally(() => this.running.delete(work));
    this.running.add(work);
  }

  /** Jobs being deleted right now. */
  get pending(): number {
    return this.running.size;
  }

  /** Stops waiting on pending jobs (each gets one last delete attempt). */
  stop(): void {
    this.stopping.abort();
  }

  private async run(jobId: string, scope: string, operation: AbortSignal | undefined): Promise<void> {
    const { clock, sleep, patienceMs, maxDelayMs } = this.options;
    const deadline = clock() + patienceMs;
    let delay = this.options.initialDelayMs;
    for (;;) {
      const attempt = await this.attempt(jobId, scope, operation);
      if (attempt === 'gone') return;
      const left = deadline - clock();
      if (left <= 0 || this.stopping.signal.aborted) {
        this.options.logger?.warn({ upstream: 'nerd', jobId, lastAttempt: attempt }, 'NERD async job could not be deleted: it stays stored at NERD until NERD expires it');
        return;
      }
      try {
        await sleep(Math.min(delay, left), this.stopping.signal);
      } catch {
        // Stopping: the loop makes its last attempt above.
      }
      delay = nextPollDelay(delay, maxDelayMs);
    }
  }

  private async attempt(jobId: string, scope: string, operation: AbortSignal | undefined): Promise<Attempt> {
    try {
      const response = await this.options.http.request({
        endpoint: 'nerd.annotations-async.delete',
        method: 'DELETE',
        path: '/api/v1/annotations-async',
        query: { job_id: jobId },
        scope,
        accept: [404, 409],
        // Counted for the operation that made the job, never stopped by its end.
        onBehalfOf: operation,
        cite: false,
      });
      return response.status === 409 ? 'pending' : 'gone';
    } catch (error) {
      this.options.logger?.debug({ upstream: 'nerd', jobId, err: { message: (error as Error).message } }, 'NERD job delete failed; trying again');
      return 'failed';
    }
  }
}
