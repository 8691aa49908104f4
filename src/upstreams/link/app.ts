import { kenshoAppCredential } from '../../auth/outbound/kensho-app-credential.js';
import { CAMEL_CASE_REFRESH } from '../../auth/outbound/refresh-credential.js';
import { defineUpstreamApp } from '../app.js';
import { LinkClient } from './client.js';
import { createLinkLoaders } from './loaders.js';

/** Kensho Link (UPSTREAMS-MORE §3): matches company records to S&P Capital IQ / Market Intelligence ids. */
export const linkApp = defineUpstreamApp({
  key: 'link',
  name: 'Kensho Link',
  enumValue: 'LINK',
  scope: 'kensho:app:link',
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_LINK_REFRESH_TOKEN, or KENSHO_LINK_ACCESS_TOKEN',
  baseUrl: (config) => config.upstreams.linkUrl,
  baseUrlVariable: 'KENSHO_LINK_URL',
  credential(config, deps) {
    // Link's refresh endpoint is the camelCase one: ?refreshToken=… → {"accessToken"} (UPSTREAMS §1.2).
    return kenshoAppCredential(this, config.kensho.link, config.upstreams.linkUrl, this.scope, deps, CAMEL_CASE_REFRESH);
  },
  create: ({ http, config, logger }) => ({
    link: new LinkClient({ http, batchSize: config.link.batchSize, concurrency: config.link.concurrency, logger }),
  }),
  loaders: (sources: { readonly link: LinkClient | undefined }, signal) => createLinkLoaders(sources.link, signal),
});
