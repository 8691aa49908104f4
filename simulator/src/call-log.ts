/** One call the simulator received. */
export interface RecordedCall {
  endpoint: string;
  status: number;
  scopes?: string[];
  at: number;
  /** The request's User-Agent header, if it sent one. */
  userAgent?: string;
  /** The client-side port of the connection the call came on (shows whether a proxy carried it). */
  remotePort?: number;
  /** The W3C trace context the call carried, if any (traceparent header). */
  traceparent?: string;
}

/** Calls `log()` keeps by default (counts cover every call). */
export const LOG_LIMIT = 10_000;

/**
 * What the simulator counts: calls per endpoint and tokens granted per scope for the whole run,
 * and a log that keeps only the latest calls, so a long-running simulator (npm start,
 * benchmarks) does not grow without bound.
 */
export class CallLog {
  private entries: RecordedCall[] = [];
  private counts = new Map<string, number>();
  private grants: string[] = [];

  constructor(private readonly limit: number = LOG_LIMIT) {}

  /** Logs and counts a call; its status (and scopes) are filled in as it is answered. */
  record(call: RecordedCall): void {
    this.entries.push(call);
    if (this.entries.length > this.limit + Math.ceil(this.limit / 10)) this.entries.splice(0, this.entries.length - this.limit);
    this.counts.set(call.endpoint, (this.counts.get(call.endpoint) ?? 0) + 1);
  }

  /** Counts a token granted for `scope` (Okta's or a refresh endpoint's). */
  grant(scope: string): void {
    this.grants.push(scope);
  }

  /** Tokens granted, for one scope string or in all. */
  tokenRequests(scope?: string): number {
    return scope === undefined ? this.grants.length : this.grants.filter((g) => g === scope).length;
  }

  /** Calls of one endpoint. */
  calls(endpoint: string): number {
    return this.counts.get(endpoint) ?? 0;
  }

  /** The most recent calls, oldest first. */
  log(): readonly RecordedCall[] {
    return this.entries;
  }

  /** The counts alone, never a token: `GET /__sim/counters` for benchmarks and curl users in another process. */
  summary(): { tokenRequests: number; tokenRequestsByScope: Record<string, number>; calls: Record<string, number> } {
    const byScope: Record<string, number> = {};
    for (const g of this.grants) byScope[g] = (byScope[g] ?? 0) + 1;
    return { tokenRequests: this.grants.length, tokenRequestsByScope: byScope, calls: Object.fromEntries(this.counts) };
  }

  /** Forgets every call and grant. */
  reset(): void {
    this.entries = [];
    this.counts = new Map();
    this.grants = [];
  }
}
