import { BadUserInputError } from '../../errors.js';
import { appClients, type AppContext } from '../context.js';
import type { PeriodSelection, Resolvers, StatementType } from '../../generated/resolvers-types.js';
import type { KfinanceClient } from './client.js';
import { companyFailure, KFINANCE_SCOPE, type CompanyModel } from './loaders.js';
import type { KfCompanyRef, KfTranscriptPart } from './wire.js';
import { operationStats } from '../../observability/operation-context.js';
import { fieldUpstream } from '../field-upstream.js';
import { wireKnowledgeBases } from '../nerd/resolvers.js';
import type { TradingItemModel } from './models.js';
import { DateScalar, DecimalScalar } from './scalars.js';
import { nerdSettings } from '../nerd/settings.js';

/** Most identifiers one resolveCompanies may carry (five `/ids` calls of 100). */
const MAX_RESOLVE = 500;

const STATEMENTS: Record<StatementType, string> = { INCOME_STATEMENT: 'income_statement', BALANCE_SHEET: 'balance_sheet', CASH_FLOW: 'cashflow' };

function client(ctx: AppContext): KfinanceClient {
  return appClients(ctx.services, 'kfinance').kfinance;
}

/** kFinance's period fields (§2.6) from a PeriodSelection; BAD_USER_INPUT for values kFinance refuses. */
export function periodParams(p: PeriodSelection | null | undefined): Record<string, string | number> {
  if (!p) return {};
  const out: Record<string, string | number> = {};
  const range = (name: string, v: number | null | undefined, min: number, max: number, wire: string) => {
    if (v == null) return;
    if (v < min || v > max) throw new BadUserInputError(`period.${name} must be between ${min} and ${max}`, { argument: `period.${name}` });
    out[wire] = v;
  };
  if (p.periodType) out.period_type = p.periodType.toLowerCase();
  if (p.calendar) out.calendar_type = p.calendar.toLowerCase();
  range('startYear', p.startYear, 1000, 9999, 'start_year');
  range('endYear', p.endYear, 1000, 9999, 'end_year');
  range('startQuarter', p.startQuarter, 1, 4, 'start_quarter');
  range('endQuarter', p.endQuarter, 1, 4, 'end_quarter');
  range('numPeriods', p.numPeriods, 1, 99, 'num_periods');
  range('numPeriodsBack', p.numPeriodsBack, 0, 99, 'num_periods_back');
  const absolute = p.startYear != null || p.endYear != null || p.startQuarter != null || p.endQuarter != null;
  const relative = p.numPeriods != null || p.numPeriodsBack != null;
  if (absolute && relative) throw new BadUserInputError('period: give years and quarters, or numPeriods/numPeriodsBack, not both', { argument: 'period' });
  return out;
}

function listing(c: CompanyModel): TradingItemModel | null {
  const t = c.triple;
  return t.tradingItemId ? { id: t.tradingItemId, securityId: t.securityId, ticker: t.ticker, company: c } : null;
}

/** kFinance's raw transcript form (§2.8): `Speaker: text` per turn, a blank line between turns. */
function transcriptText(parts: readonly KfTranscriptPart[] | null): string | null {
  return parts === null ? null : parts.map((p) => `${p.speaker}: ${p.text}`).join('\n\n');
}

/** Companies by reference, in one batched identification; one kFinance cannot resolve is left out. */
async function companiesOf(ctx: AppContext, refs: readonly KfCompanyRef[]): Promise<CompanyModel[]> {
  const companies = await ctx.loaders.kfinanceCompany.loadMany(refs.map((r) => r.companyId));
  return companies.filter((x): x is CompanyModel => x !== null && !(x instanceof Error));
}

/** Resolvers of the kFinance part of the schema (src/apps/kfinance/schema.graphql). */
export const kfinanceResolvers: Resolvers = {
  Decimal: DecimalScalar,
  Date: DateScalar,
  Query: {
    company(_p, args, ctx) {
      if (!/^\d{1,18}$/.test(args.id)) throw new BadUserInputError('id must be a CapIQ company id (digits)', { argument: 'id' });
      return ctx.loaders.kfinanceCompany.load(args.id);
    },
    merger(_p, args, ctx) {
      if (!/^\d{1,18}$/.test(args.transactionId)) throw new BadUserInputError('transactionId must be digits', { argument: 'transactionId' });
      return ctx.loaders.kfinanceMerger.load(args.transactionId);
    },
    async resolveCompanies(_p, args, ctx) {
      if (args.identifiers.length > MAX_RESOLVE) throw new BadUserInputError(`at most ${MAX_RESOLVE} identifiers per request`, { argument: 'identifiers' });
      const bad = args.identifiers.find((i) => i.trim() === '' || i.length > 255);
      if (bad !== undefined) throw new BadUserInputError('each identifier must be 1 to 255 characters', { argument: 'identifiers' });
      // The cap holds per request, over every resolveCompanies field and alias of the operation.
      const stats = operationStats(ctx.signal);
      if (stats) {
        if (stats.kfinanceIdentifiers + args.identifiers.length > MAX_RESOLVE) {
          throw new BadUserInputError(`this request already resolves ${stats.kfinanceIdentifiers} identifiers; at most ${MAX_RESOLVE} are accepted per request, over all resolveCompanies fields`, { argument: 'identifiers' });
        }
        stats.kfinanceIdentifiers += args.identifiers.length;
      }
      const entries = await ctx.loaders.kfinanceIds.loadMany(args.identifiers);
      return entries.map((entry, i) => {
        const input = args.identifiers[i]!;
        if (entry instanceof Error) throw entry;
        if ('error' in entry) return { input, company: null, error: entry.error };
        return { input, company: { id: entry.companyId, triple: entry }, error: null };
      });
    },
  },
  Entity: {
    company(e, _a, ctx) {
      // Only CapIQ organisations are kFinance companies; a person id must never reach a company call (§4.1).
      if (e.knowledgeBase !== 'capiq' || e.type === 'PERSON' || !/^\d{1,18}$/.test(e.kbId)) return null;
      return ctx.loaders.kfinanceCompany.load(e.kbId);
    },
  },
  CompanyLink: {
    // Link's CAPIQ candidates carry the Capital IQ id kFinance keys companies by (UPSTREAMS-MORE §4.1).
    company: (link, _a, ctx) => (link.capiqId && /^\d{1,18}$/.test(link.capiqId) ? ctx.loaders.kfinanceCompany.load(link.capiqId) : null),
  },
  CompanyResolution: {
    tradingItem: (r) => (r.company ? listing(r.company) : null),
    security: (r) => (r.company?.triple.securityId ? { id: r.company.triple.securityId, company: r.company } : null),
  },
  Security: {
    isin: (s, _a, ctx) => client(ctx).securityCode('isin', s.id, KFINANCE_SCOPE, ctx.signal),
    cusip: (s, _a, ctx) => client(ctx).securityCode('cusip', s.id, KFINANCE_SCOPE, ctx.signal),
    async tradingItems(s, _a, ctx) {
      const ids = await client(ctx).tradingItems(s.id, KFINANCE_SCOPE, ctx.signal);
      const t = s.company.triple;
      // Only the listing /ids chose comes with a ticker; others are known by id.
      return ids.map((id) => ({ id, securityId: s.id, ticker: id === t.tradingItemId ? t.ticker : null, company: s.company }));
    },
  },
  Company: {
    async name(c, _a, ctx) {
      return c.triple.companyName ?? (await ctx.loaders.kfinanceInfo.load(c.id))?.name ?? null;
    },
    ticker: (c) => c.triple.ticker,
    country: (c) => c.triple.country,
    status: async (c, _a, ctx) => (await ctx.loaders.kfinanceInfo.load(c.id))?.status ?? null,
    companyType: async (c, _a, ctx) => (await ctx.loaders.kfinanceInfo.load(c.id))?.type ?? null,
    simpleIndustry: async (c, _a, ctx) => (await ctx.loaders.kfinanceInfo.load(c.id))?.simpleIndustry ?? null,
    employees: async (c, _a, ctx) => (await ctx.loaders.kfinanceInfo.load(c.id))?.employees ?? null,
    foundedOn: async (c, _a, ctx) => (await ctx.loaders.kfinanceInfo.load(c.id))?.foundingDate ?? null,
    website: async (c, _a, ctx) => (await ctx.loaders.kfinanceInfo.load(c.id))?.webpage ?? null,
    headquarters: (c, _a, ctx) => ctx.loaders.kfinanceInfo.load(c.id),
    summary: async (c, _a, ctx) => (await ctx.loaders.kfinanceDescriptions.load(c.id))?.summary ?? null,
    description: async (c, _a, ctx) => (await ctx.loaders.kfinanceDescriptions.load(c.id))?.description ?? null,
    primaryListing: (c) => listing(c),
    async securities(c, _a, ctx) {
      if (!c.triple.securityId) return [];
      return (await client(ctx).securities(c.id, KFINANCE_SCOPE, ctx.signal)).map((id) => ({ id, company: c }));
    },
    financialStatement: (c, args, ctx) =>
      ctx.loaders.kfinanceFinancials.load({ kind: 'statements', params: { statement_type: STATEMENTS[args.type], ...periodParams(args.period) }, companyId: c.id }),
    lineItem(c, args, ctx) {
      if (!/^[a-z0-9_]{1,100}$/.test(args.name)) throw new BadUserInputError('name must be a kFinance line item such as revenue or net_income', { argument: 'name' });
      return ctx.loaders.kfinanceFinancials.load({ kind: 'line_item', params: { line_item: args.name, ...periodParams(args.period) }, companyId: c.id });
    },
    segments: (c, args, ctx) =>
      ctx.loaders.kfinanceFinancials.load({ kind: 'segments', params: { segment_type: (args.type ?? 'BUSINESS').toLowerCase(), ...periodParams(args.period) }, companyId: c.id }),
    earningsCalls: async (c, _a, ctx) => (await client(ctx).earnings(c.id, KFINANCE_SCOPE, ctx.signal)).map((e) => ({ ...e, company: c })),
    competitors: async (c, _a, ctx) => companiesOf(ctx, await client(ctx).competitors(c.id, KFINANCE_SCOPE, ctx.signal)),
    async marketCaps(c, args, ctx) {
      if (!c.triple.securityId) return null;
      if (args.from && args.to && args.from > args.to) throw new BadUserInputError('from must not be after to', { argument: 'from' });
      const series = await client(ctx).marketCaps(c.id, args.from ?? null, args.to ?? null, KFINANCE_SCOPE, ctx.signal);
      if (series.points.length === 0 && series.errors.length > 0) throw companyFailure(c.id, 'market caps', series.errors.join('; '));
      return series;
    },
    fundingRounds: (c, args, ctx) => client(ctx).fundingRounds(c.id, args.role === 'INVESTED' ? 'investor' : 'target', KFINANCE_SCOPE, ctx.signal),
    mergers(c, args, ctx) {
      if (args.from && args.to && args.from > args.to) throw new BadUserInputError('from must not be after to', { argument: 'from' });
      return client(ctx).mergers(c.id, args.from ?? null, args.to ?? null, KFINANCE_SCOPE, ctx.signal);
    },
    relatedCompanies: (c, args, ctx) => client(ctx).relationships(c.id, args.relationship.toLowerCase(), KFINANCE_SCOPE, ctx.signal),
  },
  CompanyMergers: {
    asTarget: (m) => m.target,
    asBuyer: (m) => m.buyer,
    asSeller: (m) => m.seller,
  },
  MergerSummary: {
    details: (m, _a, ctx) => ctx.loaders.kfinanceMerger.load(m.transactionId),
  },
  Merger: {
    target: (m, _a, ctx) => (m.target ? ctx.loaders.kfinanceCompany.load(m.target.companyId) : null),
    buyers: (m, _a, ctx) => companiesOf(ctx, m.buyers),
    sellers: (m, _a, ctx) => companiesOf(ctx, m.sellers),
  },
  RelatedCompanies: {
    current: (r, _a, ctx) => companiesOf(ctx, r.current),
    previous: (r, _a, ctx) => companiesOf(ctx, r.previous),
  },
  Address: {
    street: (i) => i.address,
    zip: (i) => i.zip,
    countryIso3: (i) => i.isoCountry,
  },
  TradingItem: {
    symbol: async (t, _a, ctx) => (await ctx.loaders.kfinancePricingMetadata.load(t.id))?.symbol ?? null,
    exchange: async (t, _a, ctx) => (await ctx.loaders.kfinancePricingMetadata.load(t.id))?.exchange ?? null,
    currency: async (t, _a, ctx) => (await ctx.loaders.kfinancePricingMetadata.load(t.id))?.currency ?? null,
    instrumentType: async (t, _a, ctx) => (await ctx.loaders.kfinancePricingMetadata.load(t.id))?.instrumentType ?? null,
    firstTradeDate: async (t, _a, ctx) => (await ctx.loaders.kfinancePricingMetadata.load(t.id))?.firstTradeDate ?? null,
    security: (t) => (t.securityId ? { id: t.securityId, company: t.company } : null),
    async prices(t, args, ctx) {
      if (args.from && args.to && args.from > args.to) throw new BadUserInputError('from must not be after to', { argument: 'from' });
      const series = await client(ctx).prices(t.id, args.from ?? null, args.to ?? null, (args.periodicity ?? 'DAY').toLowerCase(), args.adjusted ?? true, KFINANCE_SCOPE, ctx.signal);
      // Prices put per-item failures in `errors` inside the 200 (§2.13).
      if (series.bars.length === 0 && series.errors.length > 0) throw companyFailure(t.company.id, 'prices', series.errors.join('; '));
      return series;
    },
  },
  EarningsCall: {
    transcript: (e, _a, ctx) => client(ctx).transcript(e.keyDevId, KFINANCE_SCOPE, ctx.signal),
    transcriptText: async (e, _a, ctx) => transcriptText(await client(ctx).transcript(e.keyDevId, KFINANCE_SCOPE, ctx.signal)),
    async entities(e, args, ctx, info) {
      const text = transcriptText(await client(ctx).transcript(e.keyDevId, KFINANCE_SCOPE, ctx.signal));
      if (text === null || text.trim() === '') return null;
      const { maxTextChars } = nerdSettings.of(ctx.services.config);
      if (text.length > maxTextChars) throw new BadUserInputError(`the transcript is ${text.length} characters long; this gateway sends NERD at most ${maxTextChars}`, { length: text.length, maxTextChars });
      const { scope } = fieldUpstream(info);
      return ctx.loaders.annotate.load({ scope, body: { text, knowledge_bases: wireKnowledgeBases(args.knowledgeBases ?? ['CAPIQ']), originating_entity_id: e.company.id } });
    },
  },
};
