import { InvalidRepresentationError, keyField, type AppEntities } from '../entities.js';
import { MAX_IDS_PER_CALL } from './client.js';

/**
 * kFinance's Federation entity: `Company @key(fields: "id")`. The CapIQ company id is the id the
 * other apps join on (a NERD CAPIQ `Entity.kbId`, a Link candidate's `capiqId`; UPSTREAMS-MORE §4.1), so another
 * subgraph that knows a company by that id can extend it. References load through the same
 * loader as `Entity.company`: every company of one `_entities` call is identified in one `/ids`
 * call per 100 (UPSTREAMS-MORE §2.3).
 */
export const kfinanceEntities: AppEntities = {
  Company: {
    key: 'id',
    why: 'the CapIQ company id: the same number as a NERD CAPIQ Entity.kbId and a Link candidate capiqId',
    resolve(representation, ctx) {
      const id = keyField(representation, 'id', 'Company');
      if (!/^\d{1,18}$/.test(id)) throw new InvalidRepresentationError('a Company id is a CapIQ company id (digits)', 'Company');
      return ctx.loaders.kfinanceCompany.load(id);
    },
    // As `Entity.company`: identified through /ids, 100 a call; priced with the permissions read.
    calls: { batched: { key: 'kfinance-ids', perCall: MAX_IDS_PER_CALL }, once: 'kfinance-permissions' },
  },
};
