import { count, type AppPricing } from '../pricing.js';
import { linkSettings } from './settings.js';

/** Link's fields and their calls. */
export const linkPricing: AppPricing = {
  // Link: records in calls of LINK_BATCH_SIZE, each record with at most `topN` candidates.
  'Query.linkCompanies': {
    calls: (args, config) => Math.ceil(count(args.records) / linkSettings.of(config).batchSize),
    items: (args) => count(args.records),
    below: (args) => ({ 'CompanyRecordLinks.candidates': typeof args.topN === 'number' ? Math.max(0, args.topN) : 1 }),
  },
};
