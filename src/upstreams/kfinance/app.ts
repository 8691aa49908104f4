import { kenshoAppCredential } from '../../auth/outbound/kensho-app-credential.js';
import { defineUpstreamApp } from '../app.js';
import { KfinanceClient } from './client.js';
import { createKfinanceLoaders, KFINANCE_SCOPE } from './loaders.js';

/** The Kensho LLM-ready API, kFinance (UPSTREAMS-MORE §2): S&P Capital IQ company data. */
export const kfinanceApp = defineUpstreamApp({
  key: 'kfinance',
  name: 'Kensho LLM-ready API (kFinance)',
  enumValue: 'KFINANCE',
  scope: KFINANCE_SCOPE,
  // kFinance documents 403, never 401, for a missing or expired token, and answers 403 to a
  // missing entitlement too: renew only a token that was not just minted (UPSTREAMS-MORE §2.13).
  renewOn403AfterMs: (config) => config.kfinance.renewOn403AfterSeconds * 1000,
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE (a client granted kensho:app:kfinance), or KENSHO_KFINANCE_REFRESH_TOKEN, or KENSHO_KFINANCE_ACCESS_TOKEN',
  baseUrl: (config) => config.upstreams.kfinanceUrl,
  baseUrlVariable: 'KENSHO_KFINANCE_URL',
  credential(config, deps) {
    // kFinance has its own refresh endpoint, GET {base}/oauth2/refresh?refresh_token= (§2.1).
    return kenshoAppCredential(this, config.kensho.kfinance, config.upstreams.kfinanceUrl, this.scope, deps);
  },
  create: ({ http, config, clock, store }) => ({
    kfinance: new KfinanceClient({
      http,
      store,
      clock,
      mergersApi: config.kfinance.mergersApi,
      ttls: {
        companyMs: config.kfinance.companyCacheTtlSeconds * 1000,
        historyMs: config.kfinance.historyCacheTtlSeconds * 1000,
        financialsMs: config.kfinance.financialsCacheTtlSeconds * 1000,
        listMs: config.kfinance.listCacheTtlSeconds * 1000,
      },
    }),
  }),
  loaders: (sources: { readonly kfinance: KfinanceClient | undefined }, signal) => createKfinanceLoaders(sources.kfinance, signal),
});
