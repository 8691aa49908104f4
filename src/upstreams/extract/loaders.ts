import DataLoader from 'dataloader';
import type { Config } from '../../config/types.js';
import { toError } from '../../errors.js';
import type { NerdClient } from '../nerd/client.js';
import type { NerdKbResult, NerdKnowledgeBase } from '../nerd/wire.js';
import type { ExtractClient } from './client.js';
import { annotateBatched } from './entities.js';
import type { ExtractionState, OutputFormatWire } from './wire.js';

/** One extraction read: its id, the output format and the scope of the field asking. */
export interface ExtractionKey {
  readonly id: string;
  readonly format: OutputFormatWire;
  readonly scope: string;
}

/** The entities of one text (a document node), found in a batch with the other texts asked for. */
export interface TextEntitiesKey {
  readonly scope: string;
  readonly knowledgeBases: readonly NerdKnowledgeBase[];
  readonly text: string;
}

/** Extract's per-operation loaders. */
export interface ExtractLoaders {
  /** Extractions by id and format: one upstream read per operation however often a query names it. */
  readonly extraction: DataLoader<ExtractionKey, ExtractionState | null, string>;
  /** Entities of many texts in a few NERD calls (texts joined, split at EXTRACT_ENTITIES_BATCH_CHARS). */
  readonly textEntities: DataLoader<TextEntitiesKey, NerdKbResult[], string>;
}

/** What Extract's loaders read: its client, and NERD's for the entities of document nodes. */
export interface ExtractLoaderSources {
  readonly config: Config;
  readonly extract: ExtractClient | undefined;
  readonly nerd: NerdClient | undefined;
}

/** Builds Extract's loaders for one operation; each key fails when its app is not configured. */
export function createExtractLoaders(sources: ExtractLoaderSources, signal?: AbortSignal): ExtractLoaders {
  return {
    extraction: new DataLoader<ExtractionKey, ExtractionState | null, string>(
      async (keys) => {
        const extract = sources.extract;
        return Promise.all(keys.map((k) => (extract ? extract.get(k.id, k.scope, k.format, signal).catch((e: unknown) => toError(e)) : new Error('Kensho Extract is not configured'))));
      },
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.format, k.id]) },
    ),
    textEntities: new DataLoader<TextEntitiesKey, NerdKbResult[], string>(
      async (keys) => {
        const nerd = sources.nerd;
        if (!nerd) return keys.map(() => new Error('Kensho NERD is not configured'));
        // One batch per (scope, knowledge bases); usually all keys share both.
        const groups = new Map<string, number[]>();
        keys.forEach((k, i) => {
          const g = JSON.stringify([k.scope, k.knowledgeBases]);
          const group = groups.get(g);
          if (group) group.push(i);
          else groups.set(g, [i]);
        });
        const out: Array<NerdKbResult[] | Error> = new Array(keys.length);
        await Promise.all(
          [...groups.values()].map(async (indexes) => {
            const { scope, knowledgeBases } = keys[indexes[0]!]!;
            const results = await annotateBatched(
              indexes.map((i) => keys[i]!.text),
              knowledgeBases,
              sources.config.extract.entitiesBatchChars,
              (text) => nerd.annotate({ text, knowledge_bases: [...knowledgeBases] }, scope, signal),
            );
            indexes.forEach((keyIndex, j) => (out[keyIndex] = results[j]!));
          }),
        );
        return out;
      },
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.knowledgeBases, k.text]) },
    ),
  };
}
