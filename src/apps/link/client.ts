import type { UpstreamHttp } from '../../upstreams/http.js';
import { parseLinkAnswer, type LinkCandidate, type LinkKnowledgeBaseWire, type LinkRecordWire } from './wire.js';

export interface LinkClientOptions {
  readonly http: UpstreamHttp;
  /** Records per Link call; larger requests are split. */
  readonly batchSize: number;
  /** Link calls in flight at once for one request. */
  readonly concurrency: number;
  /** Where a warning goes when Link's answer lacks a record that was sent. */
  readonly logger?: { warn(obj: object, msg: string): void };
}

/** One record's answer: its uid and the candidates Link found, best first. */
export interface LinkRecordResult {
  readonly uid: string;
  readonly candidates: readonly LinkCandidate[];
}

/** A typed client for Kensho Link On-Demand (UPSTREAMS-MORE §3). Input is validated by the caller. */
export class LinkClient {
  constructor(private readonly options: LinkClientOptions) {}

  /** Fresh slots for one operation's Link calls (the per-operation loaders hold one). */
  slots(): CallSlots {
    return new CallSlots(this.options.concurrency);
  }

  /**
   * Links `records` against `knowledgeBase`: split into calls of at most `batchSize` records,
   * at most `concurrency` of them in flight for the operation (`slots`, shared by every field
   * and alias of one operation), and merged back in input order (one result per
   * record, whatever order Link answered in).
   */
  async linkCompanies(records: readonly LinkRecordWire[], knowledgeBase: LinkKnowledgeBaseWire, topN: number, scope: string, signal?: AbortSignal, slots: CallSlots = this.slots()): Promise<LinkRecordResult[]> {
    const { batchSize } = this.options;
    const batches: LinkRecordWire[][] = [];
    for (let i = 0; i < records.length; i += batchSize) batches.push(records.slice(i, i + batchSize));
    // The first failure rejects the whole (the other calls finish, their results are dropped).
    const answers = await Promise.all(batches.map((batch) => slots.run(() => this.call(batch, knowledgeBase, topN, scope, signal))));
    const merged = new Map<string, LinkCandidate[]>();
    for (const answer of answers) for (const [uid, candidates] of answer) merged.set(uid, candidates);
    const missing = records.filter((r) => !merged.has(r.uid)).length;
    if (missing > 0) this.options.logger?.warn({ upstream: 'link', recordsSent: records.length, recordsMissing: missing }, 'Kensho Link answered without some records; they are shown without candidates');
    return records.map((r) => ({ uid: r.uid, candidates: (merged.get(r.uid) ?? []).slice().sort((a, b) => b.score - a.score).slice(0, topN) }));
  }

  private async call(records: LinkRecordWire[], knowledgeBase: LinkKnowledgeBaseWire, topN: number, scope: string, signal?: AbortSignal): Promise<Map<string, LinkCandidate[]>> {
    const endpoint = 'link.companies';
    const response = await this.options.http.request({
      endpoint,
      method: 'POST',
      // `generic` is the only model Link documents.
      path: `/api/ondemand/v0/companies/${knowledgeBase}/generic`,
      json: { records, num_top_records: topN, include_response_fields: ['knowledge_base_name'] },
      scope,
      signal,
      // Linking is a pure function of the body: safe to send again.
      idempotent: true,
    });
    return parseLinkAnswer(response.body, endpoint);
  }
}

/**
 * At most `limit` calls in flight at once, shared by every linkCompanies field and alias of one
 * operation (LINK_CONCURRENCY holds per request, not per field). Written by hand: a dozen
 * lines, where a dependency would add more than it saves.
 */
export class CallSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<R>(fn: () => Promise<R>): Promise<R> {
    // A freed slot is handed to the next waiter directly, so `active` never passes the limit.
    if (this.active < Math.max(1, this.limit)) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
