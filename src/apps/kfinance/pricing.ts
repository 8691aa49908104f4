import { count, none, type AppPricing, type FieldCalls } from '../pricing.js';
import { MAX_IDS_PER_CALL } from './client.js';

/** A kFinance read: its call, and the account's permissions read once per operation. */
const kf = (calls = 1): FieldCalls => ({ calls: () => calls, once: 'kfinance-permissions' });

/** kFinance's fields and their calls. */
export const kfinancePricing: AppPricing = {
  // kFinance: identifiers in calls of 100; per-company reads through the operation's loaders.
  'Query.resolveCompanies': { calls: (args) => Math.ceil(count(args.identifiers) / MAX_IDS_PER_CALL), items: (args) => count(args.identifiers), once: 'kfinance-permissions' },
  'Query.company': kf(),
  'Query.merger': kf(),
  // Companies by id are identified through /ids, 100 a call.
  'CompanyLink.company': { batched: { key: 'kfinance-ids', perCall: MAX_IDS_PER_CALL }, once: 'kfinance-permissions' },
  'Entity.company': { batched: { key: 'kfinance-ids', perCall: MAX_IDS_PER_CALL }, once: 'kfinance-permissions' },
  'CompanyResolution.company': none,
  // kFinance's identification (/ids) carries the name (UPSTREAMS-MORE §2.3); /info is read only
  // where it does not, and the run-time budget holds that.
  'Company.name': none,
  'Company.status': kf(),
  'Company.companyType': kf(),
  'Company.simpleIndustry': kf(),
  'Company.employees': kf(),
  'Company.foundedOn': kf(),
  'Company.website': kf(),
  'Company.headquarters': kf(),
  'Company.summary': kf(),
  'Company.description': kf(),
  'Company.securities': kf(),
  'Company.financialStatement': kf(),
  'Company.lineItem': kf(),
  'Company.segments': kf(),
  'Company.earningsCalls': kf(),
  // The competitors' ids, then their identification (one /ids call per 100).
  'Company.competitors': kf(2),
  'Company.marketCaps': kf(),
  'Company.fundingRounds': kf(),
  'Company.mergers': kf(),
  'Company.relatedCompanies': kf(),
  'RelatedCompanies.current': kf(),
  'RelatedCompanies.previous': kf(),
  'MergerSummary.details': kf(),
  'Merger.target': kf(),
  'Merger.buyers': kf(),
  'Merger.sellers': kf(),
  'Security.isin': kf(),
  'Security.cusip': kf(),
  'Security.tradingItems': kf(),
  'TradingItem.symbol': kf(),
  'TradingItem.exchange': kf(),
  'TradingItem.currency': kf(),
  'TradingItem.instrumentType': kf(),
  'TradingItem.firstTradeDate': kf(),
  'TradingItem.prices': kf(),
  'EarningsCall.transcript': kf(),
  'EarningsCall.transcriptText': kf(),
  // The transcript, then NERD.
  'EarningsCall.entities': { calls: () => 2, once: 'kfinance-permissions' },
};
