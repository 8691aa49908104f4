import type DataLoader from 'dataloader';
import { linkedLoader, sourcedLoader } from '../../upstreams/provenance-scope.js';
import { UpstreamError, scrubUpstreamText, toError } from '../../errors.js';
import type { FinancialsKind, FinancialsParams, KfinanceClient } from './client.js';
import { MAX_IDS_PER_CALL, MAX_IN_FLIGHT } from './client.js';
import type { KfCompanyInfo, KfDescriptions, KfFinancialSeries, KfIdEntry, KfIdTriple, KfMergerInfo, KfPricingMetadata } from './wire.js';

/** The scope every kFinance call asks for (UPSTREAMS-MORE §2). */
export const KFINANCE_SCOPE = 'kensho:app:kfinance';

/**
 * A company as the gateway passes it between resolvers: the CapIQ id and what `/ids` said about
 * it (name, ticker, listing). Everything else is loaded when a field asks for it.
 */
export interface CompanyModel {
  readonly id: string;
  readonly triple: KfIdTriple;
}

/** One batched statements/line-item/segments request: companies with the same kind and params share a call. */
export interface FinancialsKey {
  readonly kind: FinancialsKind;
  readonly params: FinancialsParams;
  readonly companyId: string;
}

/** kFinance's per-operation loaders. */
export interface KfinanceLoaders {
  /** Identifiers (ticker, ISIN, CUSIP, name, `C_<id>`) → `/ids` entries, up to 100 per call. */
  readonly kfinanceIds: DataLoader<string, KfIdEntry>;
  /**
   * CapIQ company id → the company, or null when kFinance does not know it. The join other apps
   * use (NERD CAPIQ entities, Link candidates): any number of ids in one operation cost one
   * `/ids` call per 100. A per-company failure inside the 200 is an Error for that id only.
   */
  readonly kfinanceCompany: DataLoader<string, CompanyModel | null>;
  readonly kfinanceInfo: DataLoader<string, KfCompanyInfo | null>;
  readonly kfinanceDescriptions: DataLoader<string, KfDescriptions | null>;
  /** Trading item id → pricing metadata; one call per listing (no batch form), at most 10 in flight. */
  readonly kfinancePricingMetadata: DataLoader<string, KfPricingMetadata | null>;
  readonly kfinanceFinancials: DataLoader<FinancialsKey, KfFinancialSeries, string>;
  /** Transaction id → deal details, or null for an unknown deal; one batched call with v7. */
  readonly kfinanceMerger: DataLoader<string, KfMergerInfo | null>;
}

/** kFinance's "no such identifier" entry: a company kFinance does not know, not a failure (§2.3). */
const NOT_FOUND = /no identification triple found/i;

/** Builds kFinance's loaders for one operation. */
export function createKfinanceLoaders(client: KfinanceClient, signal?: AbortSignal): KfinanceLoaders {
  const kfinanceIds = sourcedLoader<string, KfIdEntry>(
    signal,
    async (identifiers, signalFor) => {
      try {
        const answered = await client.identify(identifiers, KFINANCE_SCOPE, signalFor(), signalFor);
        return identifiers.map((i) => answered.get(i) ?? new Error(`no answer for ${i}`));
      } catch (e) {
        return identifiers.map(() => toError(e));
      }
    },
    { maxBatchSize: MAX_IDS_PER_CALL * MAX_IN_FLIGHT },
  );
  const kfinanceCompany = sourcedLoader<string, CompanyModel | null>(signal, async (ids, signalFor) =>
    Promise.all(
      ids.map(async (id, i) => {
        try {
          // The company's part rests on its identification: the key's own view of the loader.
          const entry = await linkedLoader(kfinanceIds, signalFor(i)).load(`C_${id}`);
          if ('error' in entry) {
            if (NOT_FOUND.test(entry.error)) return null;
            return companyFailure(id, 'identification', entry.error);
          }
          return { id: entry.companyId, triple: entry };
        } catch (e) {
          return toError(e);
        }
      }),
    ),
  );
  return {
    kfinanceIds,
    kfinanceCompany,
    // /info and descriptions have no batch form: one call per company, at most 10 in flight.
    kfinanceInfo: sourcedLoader(signal, (ids: readonly string[], signalFor) => fanOut(ids, (id, i) => client.info(id, KFINANCE_SCOPE, signalFor(i)))),
    kfinanceDescriptions: sourcedLoader(signal, (ids: readonly string[], signalFor) => fanOut(ids, (id, i) => client.descriptions(id, KFINANCE_SCOPE, signalFor(i)))),
    kfinancePricingMetadata: sourcedLoader(signal, (ids: readonly string[], signalFor) => fanOut(ids, (id, i) => client.pricingMetadata(id, KFINANCE_SCOPE, signalFor(i)))),
    kfinanceMerger: sourcedLoader<string, KfMergerInfo | null>(signal, async (tids, signalFor) => {
      try {
        const answered = await client.mergerInfo(tids, KFINANCE_SCOPE, signalFor(), signalFor);
        return tids.map((t) => answered.get(t) ?? null);
      } catch (e) {
        return tids.map(() => toError(e));
      }
    }),
    kfinanceFinancials: sourcedLoader<FinancialsKey, KfFinancialSeries, string>(
      signal,
      async (keys, signalFor) => {
        // Identical parameter sets share one call with every company in it (§4.3).
        const groups = new Map<string, FinancialsKey[]>();
        const indexOf = new Map<FinancialsKey, number>();
        keys.forEach((k, i) => {
          const g = `${k.kind}:${JSON.stringify(k.params)}`;
          groups.set(g, [...(groups.get(g) ?? []), k]);
          indexOf.set(k, i);
        });
        const answers = new Map<string, KfFinancialSeries | Error>();
        await Promise.all(
          [...groups.entries()].map(async ([g, group]) => {
            const first = group[0]!;
            try {
              const byCompany = await client.financials(first.kind, group.map((k) => k.companyId), first.params, KFINANCE_SCOPE, signalFor(), (j) => signalFor(indexOf.get(group[j]!)));
              for (const k of group) {
                const r = byCompany.get(k.companyId);
                answers.set(`${g}:${k.companyId}`, !r ? new Error('no answer') : 'error' in r ? companyFailure(k.companyId, k.kind.replace('_', ' '), r.error) : r);
              }
            } catch (e) {
              for (const k of group) answers.set(`${g}:${k.companyId}`, toError(e));
            }
          }),
        );
        return keys.map((k) => answers.get(`${k.kind}:${JSON.stringify(k.params)}:${k.companyId}`) ?? new Error('no answer'));
      },
      { cacheKeyFn: (k) => `${k.kind}:${JSON.stringify(k.params)}:${k.companyId}` },
    ),
  };
}

/** Calls `fn` for every key with at most MAX_IN_FLIGHT at once; a failure is that key's Error. */
async function fanOut<K, V>(keys: readonly K[], fn: (key: K, index: number) => Promise<V>): Promise<Array<V | Error>> {
  const out: Array<V | Error> = new Array(keys.length);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const i = next++;
      out[i] = await fn(keys[i]!, i).catch((e: unknown) => toError(e));
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT, keys.length) }, worker));
  return out;
}

/** A per-company failure kFinance reported inside a 200: an error on that company's field only. */
export function companyFailure(companyId: string, what: string, message: string): UpstreamError {
  return new UpstreamError('UPSTREAM_UNAVAILABLE', 'kfinance', `The Kensho LLM-ready API could not return the ${what} of company ${companyId}: ${scrubUpstreamText(message, 200)}`, {
    extensions: { companyId },
  });
}
