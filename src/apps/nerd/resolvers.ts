import { BadUserInputError } from '../../errors.js';
import type { KnowledgeBase, Resolvers } from '../../generated/resolvers-types.js';
import { fieldUpstream } from '../field-upstream.js';
import type { NerdKnowledgeBase } from './wire.js';
import { nerdSettings } from './settings.js';

const TO_WIRE: Record<KnowledgeBase, NerdKnowledgeBase> = { WIKIMEDIA: 'wikimedia', CAPIQ: 'capiq' };

/** Knowledge bases as NERD names them, without repeats; BAD_USER_INPUT when none is named. */
export function wireKnowledgeBases(kbs: readonly KnowledgeBase[] | null | undefined): NerdKnowledgeBase[] {
  const list = kbs ?? ['WIKIMEDIA'];
  if (list.length === 0) throw new BadUserInputError('knowledgeBases must name at least one knowledge base', { argument: 'knowledgeBases' });
  return [...new Set(list.map((kb) => TO_WIRE[kb]))];
}
/**
 * The Wikidata item id of a Wikimedia entity: NERD sends the bare number ("3870" for Q3870,
 * UPSTREAMS §3); a `Q…` id is taken as it is, should NERD ever send one. Null for CapIQ.
 */
export function wikidataId(kb: NerdKnowledgeBase, kbId: string): string | null {
  if (kb !== 'wikimedia') return null;
  if (/^[1-9]\d*$/.test(kbId)) return `Q${kbId}`;
  return /^Q[1-9]\d*$/.test(kbId) ? kbId : null;
}

const FROM_WIRE: Record<NerdKnowledgeBase, KnowledgeBase> = { wikimedia: 'WIKIMEDIA', capiq: 'CAPIQ' };

/** Resolvers of the NERD part of the schema (src/apps/nerd/schema.graphql). */
export const nerdResolvers: Resolvers = {
  Query: {
    async annotateText(_parent, args, ctx, info) {
      const { maxTextChars } = nerdSettings.of(ctx.services.config);
      // Refuse bad input before any token or upstream call.
      if (args.text.trim() === '') throw new BadUserInputError('text must not be empty', { argument: 'text' });
      if (args.text.length > maxTextChars) {
        throw new BadUserInputError(`text is ${args.text.length} characters long; this gateway accepts at most ${maxTextChars}`, {
          argument: 'text',
          length: args.text.length,
          maxTextChars,
        });
      }
      const knowledgeBases = wireKnowledgeBases(args.knowledgeBases);
      const { scope } = fieldUpstream(info);
      return ctx.loaders.annotate.load({
        scope,
        body: {
          text: args.text,
          knowledge_bases: knowledgeBases,
          ...(args.tagPeople != null ? { tag_people: args.tagPeople } : {}),
          ...(args.originatingEntityId ? { originating_entity_id: args.originatingEntityId } : {}),
        },
      });
    },
  },
  KnowledgeBaseAnnotations: {
    knowledgeBase: (r) => FROM_WIRE[r.knowledgeBase],
    // Parsed annotations carry their knowledge base already; results cached by an earlier
    // version (NERD_CACHE_TTL_SECONDS, shared through Redis) may not, and get it here.
    annotations: (r) => (r.annotations.every((a) => a.knowledgeBase === r.knowledgeBase) ? r.annotations : r.annotations.map((a) => ({ ...a, knowledgeBase: r.knowledgeBase }))),
    relevance: (r) => [...r.relevance].map(([kbId, score]) => ({ kbId, score })),
  },
  EntityAnnotation: {
    entity: (a) => (a.entityKbId === null ? null : { kbId: a.entityKbId, label: a.entityLabel, type: a.entityType, knowledgeBase: a.knowledgeBase }),
  },
  Entity: {
    knowledgeBase: (e) => FROM_WIRE[e.knowledgeBase],
    wikidataId: (e) => wikidataId(e.knowledgeBase, e.kbId),
    url: (e) => {
      const q = wikidataId(e.knowledgeBase, e.kbId);
      // NERD documents no Capital IQ page, so only Wikidata entities get a url.
      return q === null ? null : `https://www.wikidata.org/wiki/${q}`;
    },
  },
};
