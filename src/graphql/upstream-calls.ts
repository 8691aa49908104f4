import { MAX_IDS_PER_CALL } from '../upstreams/kfinance/client.js';
import { pollsWithin } from '../upstreams/job-watcher.js';
import { pageSize, SKYKIT_PAGE_ITEMS } from '../upstreams/skykit/paging.js';
import type { Config } from '../config/types.js';

/** A field's coerced arguments, as graphql-js hands them to its resolver. */
export type Args = Readonly<Record<string, unknown>>;

/**
 * What one execution of a field can cost in upstream calls, and how many items its children are
 * resolved for. Read by the limits (limits.ts) before anything runs, with the arguments coerced
 * as graphql-js coerces them for the resolver, so an omitted or null `first` is priced at the
 * page size the resolver will really use.
 */
export interface FieldCalls {
  /** Upstream calls one execution can make at most (0 when it makes none). */
  readonly calls?: (args: Args, config: Config) => number;
  /**
   * How many items the field's children are resolved for: a known bound (a page size, the
   * length of an argument), or undefined for a list whose length the upstream decides.
   */
  readonly items?: (args: Args, config: Config) => number;
  /**
   * The field loads through a per-operation DataLoader (`key`) whose one call serves `perCall`
   * loads: the loads made together (below the nearest field above that makes its own call, whose
   * answer they all wait for) cost ceil(loads / perCall) calls, not one each.
   */
  readonly batched?: { readonly key: string; readonly perCall: number };
  /**
   * A call made at most once per operation whatever the number of such fields (kFinance's
   * `/users/permissions` read behind every entitled call, until it is cached).
   */
  readonly once?: string;
  /** Bounds this field sets for lists below it (Link's candidates: at most `topN`). */
  readonly below?: (args: Args, config: Config) => Readonly<Record<string, number>>;
}

const one = { calls: () => 1 } as const;
/** A kFinance read: its call, and the account's permissions read once per operation. */
const kf = (calls = 1): FieldCalls => ({ calls: () => calls, once: 'kfinance-permissions' });
const none = { calls: () => 0 } as const;
/** A list the parent already sized (a connection's edges): its items were counted at the connection. */
const sizedByParent = { items: () => 1 } as const;
const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/** A Relay connection over Skykit's fixed pages: `first` items, one call per upstream page read. */
const connection: FieldCalls = {
  calls: (args) => {
    const first = pageSize(args.first);
    // From the start, ceil(first / page) pages; resuming mid-page (`after`) may read one more.
    return first <= 0 ? 0 : Math.ceil(first / SKYKIT_PAGE_ITEMS) + (args.after ? 1 : 0);
  },
  items: (args) => Math.max(0, pageSize(args.first)),
};

/** Polls of a shared job watch within the field's wait, the first read included. */
const awaitJob = (settings: (config: Config) => { maxAwaitSeconds: number; pollInitialMs: number; pollMaxMs: number }): FieldCalls => ({
  calls: (args, config) => {
    const s = settings(config);
    const timeout = typeof args.timeoutSeconds === 'number' ? args.timeoutSeconds : Math.min(25, s.maxAwaitSeconds);
    return pollsWithin(Math.max(0, Math.min(timeout, s.maxAwaitSeconds)) * 1000, s.pollInitialMs, s.pollMaxMs);
  },
});

/**
 * Every field that can reach an upstream, by `Type.field`, beyond the default of one call for a
 * field with `@upstream`; and every list with a known bound. A field missing here that makes
 * calls is caught by the property test (test/integration/upstream-calls.test.ts), which counts
 * the calls the simulator receives for generated operations against the bound computed here.
 */
export const FIELD_CALLS: Readonly<Record<string, FieldCalls>> = {
  // Skykit: connections, and a device's tenant (one walk of the tenant list per batch).
  'Query.skykitDevices': connection,
  'Query.skykitTenants': connection,
  'SkykitTenant.devices': connection,
  'SkykitDeviceConnection.edges': sizedByParent,
  'SkykitTenantConnection.edges': sizedByParent,
  // One walk of the tenant list (100 a page) finds every tenant asked for together.
  'SkykitDevice.tenant': { batched: { key: 'skykit-tenants', perCall: Infinity } },
  // A mutation reads the device again when Skykit answered without it.
  'Mutation.updateSkykitDevice': { calls: () => 2 },
  'ChangeSkykitContentPayload.device': one,
  // kFinance: identifiers in calls of 100; per-company reads through the operation's loaders.
  'Query.resolveCompanies': { calls: (args) => Math.ceil(count(args.identifiers) / MAX_IDS_PER_CALL), items: (args) => count(args.identifiers), once: 'kfinance-permissions' },
  'Query.company': kf(),
  'Query.merger': kf(),
  // Companies by id are identified through /ids, 100 a call.
  'CompanyLink.company': { batched: { key: 'kfinance-ids', perCall: MAX_IDS_PER_CALL }, once: 'kfinance-permissions' },
  'Entity.company': { batched: { key: 'kfinance-ids', perCall: MAX_IDS_PER_CALL }, once: 'kfinance-permissions' },
  'CompanyResolution.company': none,
  // kFinance's identification (/ids) carries the name (UPSTREAMS-MORE §2.3); /info is read only
  // where it does not, and the run-time budget holds that.
  'Company.name': none,
  'Company.status': kf(),
  'Company.companyType': kf(),
  'Company.simpleIndustry': kf(),
  'Company.employees': kf(),
  'Company.foundedOn': kf(),
  'Company.website': kf(),
  'Company.headquarters': kf(),
  'Company.summary': kf(),
  'Company.description': kf(),
  'Company.securities': kf(),
  'Company.financialStatement': kf(),
  'Company.lineItem': kf(),
  'Company.segments': kf(),
  'Company.earningsCalls': kf(),
  // The competitors' ids, then their identification (one /ids call per 100).
  'Company.competitors': kf(2),
  'Company.marketCaps': kf(),
  'Company.fundingRounds': kf(),
  'Company.mergers': kf(),
  'Company.relatedCompanies': kf(),
  'RelatedCompanies.current': kf(),
  'RelatedCompanies.previous': kf(),
  'MergerSummary.details': kf(),
  'Merger.target': kf(),
  'Merger.buyers': kf(),
  'Merger.sellers': kf(),
  'Security.isin': kf(),
  'Security.cusip': kf(),
  'Security.tradingItems': kf(),
  'TradingItem.symbol': kf(),
  'TradingItem.exchange': kf(),
  'TradingItem.currency': kf(),
  'TradingItem.instrumentType': kf(),
  'TradingItem.firstTradeDate': kf(),
  'TradingItem.prices': kf(),
  'EarningsCall.transcript': kf(),
  'EarningsCall.transcriptText': kf(),
  // The transcript, then NERD.
  'EarningsCall.entities': { calls: () => 2, once: 'kfinance-permissions' },
  // Link: records in calls of LINK_BATCH_SIZE, each record with at most `topN` candidates.
  'Query.linkCompanies': {
    calls: (args, config) => Math.ceil(count(args.records) / config.link.batchSize),
    items: (args) => count(args.records),
    below: (args) => ({ 'CompanyRecordLinks.candidates': typeof args.topN === 'number' ? Math.max(0, args.topN) : 1 }),
  },
  // Extract and Scribe: waits poll a shared watch; submissions may take an upload URL first.
  'Query.awaitExtraction': awaitJob((c) => c.extract),
  'Query.awaitTranscription': awaitJob((c) => c.scribe),
  'Mutation.submitExtraction': { calls: () => 3 },
  'Mutation.submitTranscription': { calls: () => 2 },
};

/** Calls and item bound of `Type.field`, with `@upstream` fields at one call unless listed. */
export function fieldCalls(key: string, hasUpstream: boolean): FieldCalls | undefined {
  return FIELD_CALLS[key] ?? (hasUpstream ? one : undefined);
}
