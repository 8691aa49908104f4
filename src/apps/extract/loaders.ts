import type DataLoader from 'dataloader';
import { sourcedLoader } from '../../upstreams/provenance-scope.js';
import { toError } from '../../errors.js';
import type { ExtractClient } from './client.js';
import type { ExtractionState, OutputFormatWire } from './wire.js';

/** One extraction read: its id, the output format and the scope of the field asking. */
export interface ExtractionKey {
  readonly id: string;
  readonly format: OutputFormatWire;
  readonly scope: string;
}

/** Extract's per-operation loaders. */
export interface ExtractLoaders {
  /** Extractions by id and format: one upstream read per operation however often a query names it. */
  readonly extraction: DataLoader<ExtractionKey, ExtractionState | null, string>;
}

/** Builds Extract's loaders for one operation. */
export function createExtractLoaders(extract: ExtractClient, signal?: AbortSignal): ExtractLoaders {
  return {
    extraction: sourcedLoader<ExtractionKey, ExtractionState | null, string>(
      signal,
      async (keys, signalFor) => Promise.all(keys.map((k, i) => extract.get(k.id, k.scope, k.format, signalFor(i)).catch((e: unknown) => toError(e)))),
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.format, k.id]) },
    ),
  };
}
