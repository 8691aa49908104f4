import { CAMEL_CASE_REFRESH } from '../../auth/outbound/refresh-credential.js';
import { defineUpstreamApp } from '../app.js';
import { linkPricing } from './pricing.js';
import { LinkClient } from './client.js';
import { createLinkLoaders } from './loaders.js';
import { linkResolvers } from './resolvers.js';
import { linkSettings } from './settings.js';

/** Kensho Link (UPSTREAMS-MORE §3): matches company records to S&P Capital IQ / Market Intelligence ids. */
export const linkApp = defineUpstreamApp({
  key: 'link',
  name: 'Kensho Link',
  enumValue: 'LINK',
  scope: 'kensho:app:link',
  hint: 'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE, or KENSHO_LINK_REFRESH_TOKEN, or KENSHO_LINK_ACCESS_TOKEN',
  settings: linkSettings,
  // Link's refresh endpoint is the camelCase one: ?refreshToken=… → {"accessToken"} (UPSTREAMS §1.2).
  refreshWire: CAMEL_CASE_REFRESH,
  schema: new URL('./schema.graphql', import.meta.url),
  pricing: linkPricing,
  resolvers: linkResolvers,
  playground: new URL('./playground.graphql', import.meta.url),
  tools: new URL('./tools/', import.meta.url),
  // No base-URL row: Link has no harmless authenticated GET (its one call links records).
  doctor: {},
  create: ({ http, config, logger }) => {
    const settings = linkSettings.of(config);
    return { link: new LinkClient({ http, batchSize: settings.batchSize, concurrency: settings.concurrency, logger }) };
  },
  loaders: (parts, signal) => createLinkLoaders(parts.link, signal),
});
