import DataLoader from 'dataloader';
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

/** Builds Link's loaders for one operation; each key fails when Link is not configured. */
export function createLinkLoaders(link: LinkClient | undefined, signal?: AbortSignal): LinkLoaders {
  const slots = link?.slots();
  return {
    linkCompanies: new DataLoader<LinkKey, LinkRecordResult[], string>(
      async (keys) =>
        Promise.all(keys.map((k) => (link ? link.linkCompanies(k.records, k.knowledgeBase, k.topN, k.scope, signal, slots).catch((e: unknown) => toError(e)) : new Error('Kensho Link is not configured')))),
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.knowledgeBase, k.topN, k.records]) },
    ),
  };
}
