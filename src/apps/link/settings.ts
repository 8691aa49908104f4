import { appSettings } from '../../config/settings.js';

/** Kensho Link's variables (docs/link.md, docs/configuration.md). */
export const linkSettings = appSettings('link', {
  // The newer docs live on api.link.kensho.com.
  url: { kind: 'url', variable: 'KENSHO_LINK_URL', default: 'https://link-streaming.kensho.com', doc: 'Link base URL' },
  maxRecords: { kind: 'int', variable: 'LINK_MAX_RECORDS', default: 1000, min: 1, max: 100_000, unit: 'records', doc: 'records one linkCompanies request may carry; more are refused with BAD_USER_INPUT before any call' },
  batchSize: { kind: 'int', variable: 'LINK_BATCH_SIZE', default: 100, min: 1, max: 10_000, unit: 'records', doc: 'records per Link call; larger requests are split (Link publishes no limit [assumed])' },
  concurrency: { kind: 'int', variable: 'LINK_CONCURRENCY', default: 4, min: 1, max: 32, unit: 'calls', doc: 'Link calls one operation keeps in flight at once' },
  maxTopN: { kind: 'int', variable: 'LINK_MAX_TOP_N', default: 10, min: 1, max: 100, unit: 'candidates', doc: "largest topN (Link's num_top_records) a caller may ask" },
});
