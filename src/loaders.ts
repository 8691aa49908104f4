import DataLoader from 'dataloader';
import type { GatewayServices } from './services.js';
import type { NerdKbResult, NerdKnowledgeBase, NerdRequestBody } from './upstreams/nerd/wire.js';
import { annotateBatched } from './upstreams/extract/entities.js';
import type { ExtractionState, OutputFormatWire } from './upstreams/extract/wire.js';
import type { SkykitTenantWire } from './upstreams/skykit/wire.js';

/** One annotate call: the NERD body plus the scope of the field that asked for it. */
export interface AnnotateKey {
  readonly scope: string;
  readonly body: NerdRequestBody;
}

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

/** The per-operation loaders. */
export interface Loaders {
  /** Identical annotate calls within one operation reach NERD once. */
  readonly annotate: DataLoader<AnnotateKey, NerdKbResult[], string>;
  /** Skykit tenants by code: one walk of the tenant list serves every device resolved together. */
  readonly skykitTenant: DataLoader<string, SkykitTenantWire | null>;
  /** Extractions by id and format: one upstream read per operation however often a query names it. */
  readonly extraction: DataLoader<ExtractionKey, ExtractionState | null, string>;
  /** Entities of many texts in a few NERD calls (texts joined, split at EXTRACT_ENTITIES_BATCH_CHARS). */
  readonly textEntities: DataLoader<TextEntitiesKey, NerdKbResult[], string>;
}

/** The most tenant pages one lookup walks (a guard: 100 tenants a page). */
const MAX_TENANT_PAGES = 100;

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
    extraction: new DataLoader<ExtractionKey, ExtractionState | null, string>(
      async (keys) => {
        const extract = services.extract;
        return Promise.all(keys.map((k) => (extract ? extract.get(k.id, k.scope, k.format, signal).catch((e: unknown) => toError(e)) : new Error('Kensho Extract is not configured'))));
      },
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.format, k.id]) },
    ),
    textEntities: new DataLoader<TextEntitiesKey, NerdKbResult[], string>(
      async (keys) => {
        const nerd = services.nerd;
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
              services.config.extract.entitiesBatchChars,
              (text) => nerd.annotate({ text, knowledge_bases: [...knowledgeBases] }, scope, signal),
            );
            indexes.forEach((keyIndex, j) => (out[keyIndex] = results[j]!));
          }),
        );
        return out;
      },
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.knowledgeBases, k.text]) },
    ),
    skykitTenant: new DataLoader<string, SkykitTenantWire | null>(async (codes) => {
      const skykit = services.skykit;
      if (!skykit) return codes.map(() => new Error('Skykit is not configured'));
      // Skykit has no tenant-by-code call: walk the tenant list until every code asked for is
      // found (a fleet of up to 100 tenants costs one call), stopping early when it is.
      const wanted = new Set(codes);
      const found = new Map<string, SkykitTenantWire>();
      const seen = new Set<string>();
      let cursor: string | null = null;
      for (let pages = 0; pages < MAX_TENANT_PAGES && found.size < wanted.size; pages++) {
        const page = await skykit.tenantsPage({}, cursor);
        for (const t of page.items) if (wanted.has(t.tenantCode)) found.set(t.tenantCode, t);
        if (page.next === undefined || seen.has(page.next)) break;
        seen.add(page.next);
        cursor = page.next;
      }
      return codes.map((code) => found.get(code) ?? null);
    }),
  };
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
