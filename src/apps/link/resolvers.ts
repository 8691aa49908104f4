import { BadUserInputError } from '../../errors.js';
import type { LinkKnowledgeBase, Resolvers } from '../../generated/resolvers-types.js';
import { operationStats } from '../../observability/operation-context.js';
import { fieldUpstream } from '../field-upstream.js';
import type { LinkKnowledgeBaseWire } from './wire.js';
import { linkRecords } from './input.js';
import { linkSettings } from './settings.js';

const TO_WIRE: Record<LinkKnowledgeBase, LinkKnowledgeBaseWire> = { CAPIQ: 'capiq', MI: 'mi' };

/** Resolvers of the Link part of the schema (src/apps/link/schema.graphql). */
export const linkResolvers: Resolvers = {
  Query: {
    async linkCompanies(_parent, args, ctx, info) {
      const { maxRecords, maxTopN } = linkSettings.of(ctx.services.config);
      // Refuse bad input before any token or upstream call.
      const topN = args.topN ?? 1;
      if (!Number.isInteger(topN) || topN < 1 || topN > maxTopN) throw new BadUserInputError(`topN must be between 1 and ${maxTopN}`, { argument: 'topN', maxTopN });
      const records = linkRecords(args.records, maxRecords);
      if (records.length === 0) return [];
      // The cap holds per request, over every linkCompanies field and alias of the operation.
      const stats = operationStats(ctx.signal);
      if (stats) {
        if (stats.linkRecords + records.length > maxRecords) {
          throw new BadUserInputError(`this request already sends ${stats.linkRecords} records to Kensho Link; at most ${maxRecords} are accepted per request, over all linkCompanies fields`, { argument: 'records', count: stats.linkRecords + records.length, maxRecords });
        }
        stats.linkRecords += records.length;
      }
      const knowledgeBase = args.knowledgeBase ?? 'CAPIQ';
      const { scope } = fieldUpstream(info);
      const results = await ctx.loaders.linkCompanies.load({ scope, knowledgeBase: TO_WIRE[knowledgeBase], topN, records });
      // CompanyLink.company (src/apps/kfinance/schema.graphql) joins CAPIQ candidates to kFinance through capiqId.
      return results.map((r) => ({
        uid: r.uid,
        candidates: r.candidates.map((c) => ({ knowledgeBase, kbId: c.kbId, score: c.score, kbName: c.kbName, capiqId: knowledgeBase === 'CAPIQ' ? c.kbId : null })),
      }));
    },
  },
};
