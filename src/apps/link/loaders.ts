import type DataLoader from 'dataloader';
import { sourcedLoader } from '../../upstreams/provenance-scope.js';
import { toError } from '../../errors.js';
import type { LinkClient, LinkRecordResult } from './client.js';
import type { LinkKnowledgeBaseWire, LinkRecordWire } from './wire.js';

/** One linkCompanies call: the validated records, the options and the field's scope. */
export interface LinkKey {
  readonly scope: string;
  readonly knowledgeBase: LinkKnowledgeBaseWire;
  readonly topN: number;
  readonly records: readonly LinkRecordWire[];
}

/** Link's per-operation loaders. */
export interface LinkLoaders {
  /** Identical linkCompanies calls within one operation reach Link once. */
  readonly linkCompanies: DataLoader<LinkKey, LinkRecordResult[], string>;
}

/** Builds Link's loaders for one operation. */
export function createLinkLoaders(link: LinkClient, signal?: AbortSignal): LinkLoaders {
  // The operation's share of Link's concurrency, taken on its first call.
  let slots: ReturnType<LinkClient['slots']> | undefined;
  return {
    linkCompanies: sourcedLoader<LinkKey, LinkRecordResult[], string>(
      signal,
      async (keys, signalFor) =>
        Promise.all(keys.map((k, i) => link.linkCompanies(k.records, k.knowledgeBase, k.topN, k.scope, signalFor(i), (slots ??= link.slots())).catch((e: unknown) => toError(e)))),
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.knowledgeBase, k.topN, k.records]) },
    ),
  };
}
