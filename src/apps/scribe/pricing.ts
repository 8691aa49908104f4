import { awaitJob, type AppPricing } from '../pricing.js';
import { scribeSettings } from './settings.js';

/** Scribe's fields beyond one call each. */
export const scribePricing: AppPricing = {
  // Scribe's state is a HEAD, then one GET of the result once the job is done.
  'Query.transcription': { calls: () => 2 },
  'Query.awaitTranscription': awaitJob((config) => scribeSettings.of(config), 1),
  'Mutation.submitTranscription': { calls: () => 2 },
};
