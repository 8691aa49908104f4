import DataLoader from 'dataloader';
import { toError } from '../../errors.js';
import type { NerdClient } from './client.js';
import type { NerdKbResult, NerdRequestBody } from './wire.js';

/** One annotate call: the NERD body plus the scope of the field that asked for it. */
export interface AnnotateKey {
  readonly scope: string;
  readonly body: NerdRequestBody;
}

/** NERD's per-operation loaders. */
export interface NerdLoaders {
  /** Identical annotate calls within one operation reach NERD once. */
  readonly annotate: DataLoader<AnnotateKey, NerdKbResult[], string>;
}

/** Builds NERD's loaders for one operation; each key fails when NERD is not configured. */
export function createNerdLoaders(nerd: NerdClient | undefined, signal?: AbortSignal): NerdLoaders {
  return {
    annotate: new DataLoader<AnnotateKey, NerdKbResult[], string>(
      async (keys) =>
        // NERD has no batch endpoint: distinct texts are separate calls, made concurrently;
        // DataLoader has already folded identical keys into one.
        Promise.all(keys.map((k) => (nerd ? nerd.annotate(k.body, k.scope, signal).catch((e: unknown) => toError(e)) : new Error('NERD is not configured')))),
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.body.text, k.body.knowledge_bases, k.body.tag_people ?? null, k.body.originating_entity_id ?? null]) },
    ),
  };
}
