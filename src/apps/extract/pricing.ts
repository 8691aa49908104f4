import { awaitJob, type AppPricing } from '../pricing.js';
import { extractSettings } from './settings.js';

/** Extract's fields beyond one call each. */
export const extractPricing: AppPricing = {
  // A wait polls the shared watch of its job; a submission may take an upload URL first.
  'Query.awaitExtraction': awaitJob((config) => extractSettings.of(config)),
  'Mutation.submitExtraction': { calls: () => 3 },
};
