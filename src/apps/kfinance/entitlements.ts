import { ENTITLEMENTS } from './client.js';

/**
 * The fields whose kFinance call needs an entitlement (UPSTREAMS-MORE §2.1), by `Type.field`,
 * with the entitlements that allow it (any one). The schema's descriptions say the same in words
 * ("needs PricingPermission"); a test keeps the two in step. MCP hides a tool that reads one of
 * these fields from an account without any of its entitlements.
 */
export const KFINANCE_FIELD_ENTITLEMENTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'Query.merger': ENTITLEMENTS.mergers,
  'Company.summary': ENTITLEMENTS.descriptions,
  'Company.description': ENTITLEMENTS.descriptions,
  'Company.financialStatement': ENTITLEMENTS.statements,
  'Company.lineItem': ENTITLEMENTS.line_item,
  'Company.segments': ENTITLEMENTS.segments,
  'Company.earningsCalls': ENTITLEMENTS.earnings,
  'Company.competitors': ENTITLEMENTS.competitors,
  'Company.relatedCompanies': ENTITLEMENTS.relationship,
  'Company.marketCaps': ENTITLEMENTS.market_caps,
  'Company.fundingRounds': ENTITLEMENTS.mergers,
  'Company.mergers': ENTITLEMENTS.mergers,
  'Security.isin': ENTITLEMENTS.isin,
  'Security.cusip': ENTITLEMENTS.cusip,
  'TradingItem.prices': ENTITLEMENTS.prices,
  'EarningsCall.transcript': ENTITLEMENTS.transcript,
  'EarningsCall.transcriptText': ENTITLEMENTS.transcript,
});
