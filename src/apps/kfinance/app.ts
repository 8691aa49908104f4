import { defineUpstreamApp } from '../app.js';
import { kfinanceEntities } from './entities.js';
import { kfinancePricing } from './pricing.js';
import { KfinanceClient } from './client.js';
import { KFINANCE_FIELD_ENTITLEMENTS } from './entitlements.js';
import { createKfinanceLoaders, KFINANCE_SCOPE } from './loaders.js';
import { kfinanceResolvers } from './resolvers.js';
import { kfinanceSettings } from './settings.js';

/** The Kensho LLM-ready API, kFinance (UPSTREAMS-MORE §2): S&P Capital IQ company data. */
export const kfinanceApp = defineUpstreamApp({
  key: 'kfinance',
  name: 'Kensho LLM-ready API (kFinance)',
  enumValue: 'KFINANCE',
  scope: KFINANCE_SCOPE,
  // kFinance documents 403, never 401, for a missing or expired token, and answers 403 to a
  // missing entitlement too: renew only a token that was not just minted (UPSTREAMS-MORE §2.13).
  renewOn403AfterMs: (config) => kfinanceSettings.of(config).renewOn403AfterSeconds * 1000,
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE (a client granted kensho:app:kfinance), or KENSHO_KFINANCE_REFRESH_TOKEN, or KENSHO_KFINANCE_ACCESS_TOKEN',
  settings: kfinanceSettings,
  schema: new URL('./schema.graphql', import.meta.url),
  pricing: kfinancePricing,
  resolvers: kfinanceResolvers,
  entities: kfinanceEntities,
  playground: new URL('./playground.graphql', import.meta.url),
  tools: new URL('./tools/', import.meta.url),
  entitlements: {
    fields: KFINANCE_FIELD_ENTITLEMENTS,
    granted: (parts: { readonly kfinance: KfinanceClient }, signal?: AbortSignal) => parts.kfinance.permissions(KFINANCE_SCOPE, signal),
  },
  doctor: {
    // The account's entitlements: no company data, and every kFinance account may read them.
    probe: () => ({ endpoint: 'doctor.kfinance.permissions', method: 'GET', path: '/api/v1/users/permissions', withToken: true, shown: 'GET /api/v1/users/permissions' }),
  },
  create: ({ http, config, clock, store }) => {
    const settings = kfinanceSettings.of(config);
    return {
      kfinance: new KfinanceClient({
        http,
        store,
        clock,
        mergersApi: settings.mergersApi,
        ttls: {
          companyMs: settings.companyCacheTtlSeconds * 1000,
          historyMs: settings.historyCacheTtlSeconds * 1000,
          financialsMs: settings.financialsCacheTtlSeconds * 1000,
          listMs: settings.listCacheTtlSeconds * 1000,
        },
      }),
    };
  },
  loaders: (parts, signal) => createKfinanceLoaders(parts.kfinance, signal),
});
