import type { CompanyModel } from './loaders.js';
import type { KfCompanyRef, KfEarningsCall } from './wire.js';

/** A listing: its ids and ticker from `/ids`, and the company it belongs to. */
export interface TradingItemModel {
  readonly id: string;
  readonly securityId: string | null;
  readonly ticker: string | null;
  readonly company: CompanyModel;
}

/** One answer of resolveCompanies. */
export interface CompanyResolutionModel {
  readonly input: string;
  readonly company: CompanyModel | null;
  readonly error: string | null;
}

/** A security and its issuer. */
export interface SecurityModel {
  readonly id: string;
  readonly company: CompanyModel;
}

/** The current and previous counterparts of one relationship, as kFinance lists them. */
export interface RelatedCompaniesModel {
  readonly current: readonly KfCompanyRef[];
  readonly previous: readonly KfCompanyRef[];
}

/** An earnings call with the company it belongs to. */
export interface EarningsCallModel extends KfEarningsCall {
  readonly company: CompanyModel;
}
