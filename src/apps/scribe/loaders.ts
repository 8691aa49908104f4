import type DataLoader from 'dataloader';
import { sourcedLoader } from '../../upstreams/provenance-scope.js';
import { toError } from '../../errors.js';
import type { ScribeClient } from './client.js';
import type { TranscriptionState } from './wire.js';

/** One transcription read, with the scope of the field asking. */
export interface TranscriptionKey {
  readonly id: string;
  readonly scope: string;
}

/** Scribe's per-operation loaders. */
export interface ScribeLoaders {
  /** Transcriptions by id: one status read per operation however often a query names it. */
  readonly transcription: DataLoader<TranscriptionKey, TranscriptionState | null, string>;
}

/** Builds Scribe's loaders for one operation. */
export function createScribeLoaders(scribe: ScribeClient, signal?: AbortSignal): ScribeLoaders {
  return {
    transcription: sourcedLoader<TranscriptionKey, TranscriptionState | null, string>(
      signal,
      async (keys, signalFor) => {
        // Scribe has no batch read: one HEAD per distinct id, paced by the client's throttle.
        return Promise.all(keys.map((k, i) => scribe.get(k.id, k.scope, signalFor(i)).catch((e: unknown) => toError(e))));
      },
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.id]) },
    ),
  };
}
