import { appSettings } from '../../config/settings.js';

/** kFinance's variables (docs/kfinance.md, "Caching"; docs/configuration.md). A TTL of 0 turns that cache off. */
export const kfinanceSettings = appSettings('kfinance', {
  // Every path is under /api/v1/ (UPSTREAMS-MORE §2).
  url: { kind: 'url', variable: 'KENSHO_KFINANCE_URL', default: 'https://kfinance.kensho.com', doc: 'kFinance base URL' },
  // Such facts change rarely.
  companyCacheTtlSeconds: { kind: 'int', variable: 'KFINANCE_COMPANY_CACHE_TTL_SECONDS', default: 6 * 3600, min: 0, max: 30 * 86_400, unit: 'seconds', doc: 'cache lifetime of identification (/ids), company info and descriptions' },
  // Closed days do not change.
  historyCacheTtlSeconds: { kind: 'int', variable: 'KFINANCE_HISTORY_CACHE_TTL_SECONDS', default: 86_400, min: 0, max: 30 * 86_400, unit: 'seconds', doc: 'cache lifetime of price histories that end before today' },
  // Filings arrive at most a few times a quarter.
  financialsCacheTtlSeconds: { kind: 'int', variable: 'KFINANCE_FINANCIALS_CACHE_TTL_SECONDS', default: 6 * 3600, min: 0, max: 30 * 86_400, unit: 'seconds', doc: 'cache lifetime of statements, line items and segments' },
  listCacheTtlSeconds: { kind: 'int', variable: 'KFINANCE_LIST_CACHE_TTL_SECONDS', default: 3600, min: 0, max: 30 * 86_400, unit: 'seconds', doc: "cache lifetime of earnings-call lists (they gain upcoming calls) and the account's entitlements" },
  // 'v7': the current client's mergers/{id}/{start}/{end} and batched POST mergers/info; 'spec':
  // the harvested spec's mergers/{id} and GET merger/info/{id} (UPSTREAMS-MORE §2.10).
  mergersApi: { kind: 'enum', variable: 'KFINANCE_MERGERS_API', values: ['v7', 'spec'], default: 'v7', doc: 'which M&A calls to use: v7 (the current client) or spec (the harvested spec)' },
  // kFinance answers 403 both to an expired token and to a missing entitlement (UPSTREAMS-MORE
  // §2.13): a token this young was just minted, so its 403 is a refusal.
  renewOn403AfterSeconds: { kind: 'int', variable: 'KFINANCE_RENEW_ON_403_AFTER_SECONDS', default: 30, min: 0, max: 3_600, unit: 'seconds', doc: 'a kFinance 403 renews the token (once per token) only when the token is at least this old' },
});
