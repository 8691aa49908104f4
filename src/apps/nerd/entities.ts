import { none } from '../pricing.js';
import { InvalidRepresentationError, keyField, type AppEntities } from '../entities.js';
import type { EntityModel } from './models.js';
import type { NerdKnowledgeBase } from './wire.js';

const KNOWLEDGE_BASES: Readonly<Record<string, NerdKnowledgeBase>> = { WIKIMEDIA: 'wikimedia', CAPIQ: 'capiq' };

/**
 * NERD's Federation entity: `Entity @key(fields: "knowledgeBase kbId")`. An id alone is ambiguous
 * (a Wikidata number and a Capital IQ id are both digits), so the key is the pair. NERD has no
 * lookup by id (UPSTREAMS §3: it only links entities inside a text), so a reference costs no call
 * and carries its key only: `label` and `type` are null, `wikidataId`, `url` and (CAPIQ
 * companies) `company` resolve as for any entity.
 */
export const nerdEntities: AppEntities = {
  Entity: {
    key: 'knowledgeBase kbId',
    why: 'NERD has no id of its own: an entity is its knowledge base and its id there (a Wikidata number, a Capital IQ id)',
    resolve(representation): EntityModel {
      const kb = representation.knowledgeBase;
      const knowledgeBase = typeof kb === 'string' && Object.hasOwn(KNOWLEDGE_BASES, kb) ? KNOWLEDGE_BASES[kb]! : undefined;
      if (!knowledgeBase) throw new InvalidRepresentationError(`an Entity's knowledgeBase is one of ${Object.keys(KNOWLEDGE_BASES).join(', ')}`, 'Entity');
      return { kbId: keyField(representation, 'kbId', 'Entity'), knowledgeBase, label: null, type: null };
    },
    calls: none,
  },
};
