import DataLoader from 'dataloader';
import type { GatewayServices } from './services.js';
import type { NerdKbResult, NerdRequestBody } from './upstreams/nerd/wire.js';

/** One annotate call: the NERD body plus the scope of the field that asked for it. */
export interface AnnotateKey {
  readonly scope: string;
  readonly body: NerdRequestBody;
}

/** The per-operation loaders. */
export interface Loaders {
  /** Identical annotate calls within one operation reach NERD once. */
  readonly annotate: DataLoader<AnnotateKey, NerdKbResult[], string>;
}

/** Builds a fresh set of loaders for one operation. */
export function createLoaders(services: GatewayServices, signal?: AbortSignal): Loaders {
  return {
    annotate: new DataLoader<AnnotateKey, NerdKbResult[], string>(
      async (keys) => {
        const nerd = services.nerd;
        // NERD has no batch endpoint: distinct texts are separate calls, made concurrently;
        // DataLoader has already folded identical keys into one.
        return Promise.all(keys.map((k) => (nerd ? nerd.annotate(k.body, k.scope, signal).catch((e: unknown) => toError(e)) : new Error('NERD is not configured'))));
      },
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.body.text, k.body.knowledge_bases, k.body.tag_people ?? null, k.body.originating_entity_id ?? null]) },
    ),
  };
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
