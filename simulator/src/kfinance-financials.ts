import type { SimCompany } from './kfinance-data.js';

/** The simulated kFinance's periods and statements (UPSTREAMS-MORE §2.6): figures derived exactly (BigInt) from each company's revenue. */

/** One period of a company's simulated statements. */
export interface Period {
  readonly key: string;
  readonly end: string;
  readonly months: number;
  readonly year: number;
  readonly quarter: number | null;
  /** Revenue of the period in micro-units. */
  readonly revenue: bigint;
}

/** FY2020–FY2024 (PED keys for private companies), or the eight quarters of 2023–2024. */
export function allPeriods(c: SimCompany, type: 'annual' | 'quarterly'): Period[] {
  const out: Period[] = [];
  for (let year = 2020; year <= 2024; year++) {
    const annual = (c.revenueMicros * BigInt(100 - (2024 - year) * 4)) / 100n;
    if (type === 'annual') {
      out.push({ key: c.listing ? `FY${year}` : `PED${year}-12-31`, end: `${year}-12-31`, months: 12, year, quarter: null, revenue: annual });
    } else if (year >= 2023 && c.listing) {
      for (let q = 1; q <= 4; q++) {
        const end = new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
        out.push({ key: `FY${year}Q${q}`, end, months: 3, year, quarter: q, revenue: annual / 4n + BigInt(q * 1_000_007) });
      }
    }
  }
  return out;
}

/** Absolute years/quarters, or the relative window, or the latest `latest` periods (§2.6). */
export function selectPeriods(c: SimCompany, type: 'annual' | 'quarterly', body: Record<string, unknown>, latest: number): Period[] {
  let periods = allPeriods(c, type);
  const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  const sy = int(body.start_year);
  const ey = int(body.end_year);
  const sq = int(body.start_quarter);
  const eq = int(body.end_quarter);
  const n = int(body.num_periods);
  const back = int(body.num_periods_back) ?? 0;
  if (sy !== null || ey !== null) {
    periods = periods.filter((p) => {
      const v = p.year * 10 + (p.quarter ?? 0);
      return (sy === null || v >= sy * 10 + (p.quarter === null ? 0 : (sq ?? 1))) && (ey === null || v <= ey * 10 + (p.quarter === null ? 0 : (eq ?? 4)));
    });
    return periods;
  }
  const count = n ?? latest;
  const endAt = Math.max(0, periods.length - back);
  return periods.slice(Math.max(0, endAt - count), endAt);
}

export const STATEMENT_ALIASES: Record<string, 'income_statement' | 'balance_sheet' | 'cash_flow'> = {
  income_statement: 'income_statement',
  is: 'income_statement',
  income_stmt: 'income_statement',
  balance_sheet: 'balance_sheet',
  bs: 'balance_sheet',
  cash_flow: 'cash_flow',
  cf: 'cash_flow',
  cashflow: 'cash_flow',
};
export const STATEMENT_NAMES = { income_statement: 'Income Statement', balance_sheet: 'Balance Sheet', cash_flow: 'Cash Flow' } as const;

/** Line items per statement, as shares of revenue (exact: BigInt micro-units). */
export function statementItems(type: 'income_statement' | 'balance_sheet' | 'cash_flow', revenue: bigint): Array<[string, bigint]> {
  const share = (pct: bigint) => (revenue * pct) / 100n;
  switch (type) {
    case 'income_statement':
      return [
        ['Total Revenues', revenue],
        ['Gross Profit', share(45n)],
        ['Operating Income', share(28n)],
        ['Net Income', share(22n)],
        ['Diluted EPS', share(22n) / 15_500_000_000n],
      ];
    case 'balance_sheet':
      return [
        ['Cash And Equivalents', share(18n)],
        ['Total Assets', share(95n)],
        ['Total Debt', share(30n)],
        ['Total Equity', share(20n)],
      ];
    case 'cash_flow':
      return [
        ['Cash from Operations', share(29n)],
        ['Capital Expenditure', -share(3n)],
        ['Free Cash Flow', share(26n)],
      ];
  }
}

/** Line-item names (a few of the 517, aliases included) → statement and display name. */
export const LINE_ITEMS: Record<string, ['income_statement' | 'balance_sheet' | 'cash_flow', string]> = {
  revenue: ['income_statement', 'Total Revenues'],
  total_revenue: ['income_statement', 'Total Revenues'],
  gross_profit: ['income_statement', 'Gross Profit'],
  operating_income: ['income_statement', 'Operating Income'],
  net_income: ['income_statement', 'Net Income'],
  diluted_eps: ['income_statement', 'Diluted EPS'],
  cash_and_equivalents: ['balance_sheet', 'Cash And Equivalents'],
  total_assets: ['balance_sheet', 'Total Assets'],
  total_debt: ['balance_sheet', 'Total Debt'],
  capex: ['cash_flow', 'Capital Expenditure'],
  free_cash_flow: ['cash_flow', 'Free Cash Flow'],
};
