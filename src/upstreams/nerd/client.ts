import { UpstreamError, scrubUpstreamText } from '../../errors.js';
import type { UpstreamHttp } from '../http.js';
import { stringField } from '../send.js';
import { parseNerdResults, type NerdKbResult, type NerdRequestBody } from './wire.js';

export interface NerdClientOptions {
  readonly http: UpstreamHttp;
  /** Texts longer than this go through the async job API. */
  readonly asyncThresholdChars: number;
  readonly jobTimeoutMs: number;
  readonly clock: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** First poll delay and cap for async jobs. */
  readonly pollInitialMs?: number;
  readonly pollMaxMs?: number;
}

/** A typed client for Kensho NERD v1 (UPSTREAMS §3). Input is validated by the caller. */
export class NerdClient {
  constructor(private readonly options: NerdClientOptions) {}

  /** Annotates `body.text`: the sync call for short texts, an async job for long ones. */
  annotate(body: NerdRequestBody, scope: string, signal?: AbortSignal): Promise<NerdKbResult[]> {
    return body.text.length > this.options.asyncThresholdChars ? this.annotateAsync(body, scope, signal) : this.annotateSync(body, scope, signal);
  }

  private async annotateSync(body: NerdRequestBody, scope: string, signal?: AbortSignal): Promise<NerdKbResult[]> {
    const endpoint = 'nerd.annotations-sync';
    const response = await this.options.http.request({ endpoint, method: 'POST', path: '/api/v1/annotations-sync', json: body, scope, signal });
    return parseNerdResults(response.body, endpoint);
  }

  /**
   * Creates a job, polls it with growing delays until it ends or the job timeout passes, then
   * deletes it (NERD keeps finished jobs until asked; 409 only while pending).
   */
  private async annotateAsync(body: NerdRequestBody, scope: string, signal?: AbortSignal): Promise<NerdKbResult[]> {
    const { http, clock, sleep, jobTimeoutMs } = this.options;
    const created = await http.request({ endpoint: 'nerd.annotations-async.create', method: 'POST', path: '/api/v1/annotations-async', json: body, scope, signal });
    const jobId = stringField(created.body, 'job_id');
    if (!jobId) {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'nerd', 'Kensho NERD accepted an async job without returning a job_id', { extensions: { endpoint: 'nerd.annotations-async.create' } });
    }
    const deadline = clock() + jobTimeoutMs;
    let delay = this.options.pollInitialMs ?? 200;
    const maxDelay = this.options.pollMaxMs ?? 2_000;
    for (;;) {
      const endpoint = 'nerd.annotations-async.poll';
      const polled = await http.request({ endpoint, method: 'GET', path: '/api/v1/annotations-async', query: { job_id: jobId }, scope, signal });
      const status = stringField(polled.body, 'status');
      if (status === 'success') {
        const results = parseNerdResults(polled.body, endpoint);
        await this.deleteJob(jobId, scope);
        return results;
      }
      if (status !== 'pending') {
        // The failed status value is [assumed] ("failure"); anything not pending or success ends the job.
        await this.deleteJob(jobId, scope);
        const reason = scrubUpstreamText(stringField(polled.body, 'message') ?? status ?? 'no status');
        throw new UpstreamError('UPSTREAM_JOB_FAILED', 'nerd', `The Kensho NERD annotation job failed: ${reason}`, { extensions: { endpoint } });
      }
      const left = deadline - clock();
      if (left <= 0) {
        throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'nerd', `The Kensho NERD annotation job did not finish within ${jobTimeoutMs} ms`, { extensions: { endpoint } });
      }
      await sleep(Math.min(delay, left), signal);
      delay = Math.min(maxDelay, Math.ceil(delay * 1.5));
    }
  }

  private async deleteJob(jobId: string, scope: string): Promise<void> {
    // Best effort: the result is already in hand, and a job NERD keeps does no harm to the caller.
    await this.options.http
      .request({ endpoint: 'nerd.annotations-async.delete', method: 'DELETE', path: '/api/v1/annotations-async', query: { job_id: jobId }, scope, accept: [404, 409] })
      .catch(() => undefined);
  }
}
