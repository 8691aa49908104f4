import type DataLoader from 'dataloader';
import { sourcedLoader } from '../../upstreams/provenance-scope.js';
import { toError } from '../../errors.js';
import type { NerdClient } from './client.js';
import { annotateBatched } from './text-entities.js';
import type { NerdKbResult, NerdKnowledgeBase, NerdRequestBody } from './wire.js';

/** One annotate call: the NERD body plus the scope of the field that asked for it. */
export interface AnnotateKey {
  readonly scope: string;
  readonly body: NerdRequestBody;
}

/** NERD's per-operation loaders. */
export interface NerdLoaders {
  /** Identical annotate calls within one operation reach NERD once. */
  readonly annotate: DataLoader<AnnotateKey, NerdKbResult[], string>;
  /**
   * The entities of many texts (document nodes, transcripts) in a few NERD calls: texts joined,
   * split at EXTRACT_ENTITIES_BATCH_CHARS. Extract, Scribe and kFinance ask through it.
   */
  readonly textEntities: DataLoader<TextEntitiesKey, NerdKbResult[], string>;
}

/** The entities of one text, found in a batch with the other texts asked for. */
export interface TextEntitiesKey {
  readonly scope: string;
  readonly knowledgeBases: readonly NerdKnowledgeBase[];
  readonly text: string;
}

/** Builds NERD's loaders for one operation. */
export function createNerdLoaders(nerd: NerdClient, signal: AbortSignal | undefined, entitiesBatchChars: number): NerdLoaders {
  return {
    annotate: sourcedLoader<AnnotateKey, NerdKbResult[], string>(
      signal,
      async (keys, signalFor) =>
        // NERD has no batch endpoint: distinct texts are separate calls, made concurrently;
        // DataLoader has already folded identical keys into one.
        Promise.all(keys.map((k, i) => nerd.annotate(k.body, k.scope, signalFor(i)).catch((e: unknown) => toError(e)))),
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.body.text, k.body.knowledge_bases, k.body.tag_people ?? null, k.body.originating_entity_id ?? null]) },
    ),
    textEntities: sourcedLoader<TextEntitiesKey, NerdKbResult[], string>(
      signal,
      async (keys, signalFor) => {
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
              entitiesBatchChars,
              // A joined text serves the keys whose texts it holds.
              (text, members) => nerd.annotate({ text, knowledge_bases: [...knowledgeBases] }, scope, signalFor(members.map((j) => indexes[j]!))),
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
