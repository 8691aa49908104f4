import { DICTIONARY } from './nerd-dictionary.js';

/** One company of the simulated kFinance dataset (UPSTREAMS-MORE §2.2, §2.4). */
export interface SimCompany {
  /** The CapIQ company id: the same as the NERD simulator's CAPIQ entity, so joins work offline. */
  readonly companyId: string;
  readonly name: string;
  /** Null for a private company (no security, no listing). */
  readonly listing: {
    readonly securityId: string;
    readonly tradingItemId: string;
    /** Exchange-qualified, as kFinance sends it (`NasdaqGS:AAPL`). */
    readonly ticker: string;
    readonly isin: string;
    readonly currency: string;
    /** Price level of the series, in cents. */
    readonly basePriceCents: number;
  } | null;
  readonly info: {
    readonly status: string;
    readonly type: string;
    readonly simpleIndustry: string;
    readonly employees: string;
    readonly foundingDate: string;
    readonly webpage: string;
    readonly address: string;
    readonly city: string;
    readonly zip: string;
    readonly state: string | null;
    readonly country: string;
    readonly iso3: string;
  };
  /** Annual revenue of the latest fiscal year, in micro-units of the currency (exact). */
  readonly revenueMicros: bigint;
  readonly competitors: readonly string[];
}

interface Row {
  ticker?: string;
  isin?: string;
  currency?: string;
  price?: number;
  industry: string;
  employees: number;
  founded: string;
  web: string;
  address: [string, string, string, string | null, string, string];
  /** Revenue in millions. */
  revenueM: number;
  competitors?: string[];
}

/**
 * Facts per CapIQ id of the NERD dictionary. Apple's security and trading item are Kensho's own
 * example ids (UPSTREAMS-MORE §2.2); the other ids, ISINs of non-US issuers and all figures are
 * stable placeholders, not market data.
 */
const ROWS: Record<string, Row> = {
  '251994106': { industry: 'Software', employees: 400, founded: '2013-01-01', web: 'www.kensho.com', address: ['44 Brattle Street', 'Cambridge', '02138', 'Massachusetts', 'United States', 'USA'], revenueM: 120 },
  '248435': { ticker: 'NYSE:SPGI', isin: 'US78409V1044', price: 42_150, industry: 'Capital Markets', employees: 40_450, founded: '1860-01-01', web: 'www.spglobal.com', address: ['55 Water Street', 'New York', '10041', 'New York', 'United States', 'USA'], revenueM: 14_208, competitors: ['20087', '20334'] },
  '24937': { ticker: 'NasdaqGS:AAPL', isin: 'US0378331005', price: 18_950, industry: 'Technology Hardware, Storage and Peripherals', employees: 161_000, founded: '1976-01-01', web: 'www.apple.com', address: ['One Apple Park Way', 'Cupertino', '95014', 'California', 'United States', 'USA'], revenueM: 383_285, competitors: ['21835', '29096', '18868'] },
  '21835': { ticker: 'NasdaqGS:MSFT', isin: 'US5949181045', price: 41_020, industry: 'Software', employees: 221_000, founded: '1975-01-01', web: 'www.microsoft.com', address: ['One Microsoft Way', 'Redmond', '98052', 'Washington', 'United States', 'USA'], revenueM: 211_915, competitors: ['24937', '29096', '18749', '18868'] },
  '29096': { ticker: 'NasdaqGS:GOOGL', isin: 'US02079K3059', price: 16_310, industry: 'Interactive Media and Services', employees: 182_502, founded: '1998-09-04', web: 'www.abc.xyz', address: ['1600 Amphitheatre Parkway', 'Mountain View', '94043', 'California', 'United States', 'USA'], revenueM: 307_394, competitors: ['21835', '18749'] },
  '18749': { ticker: 'NasdaqGS:AMZN', isin: 'US0231351067', price: 17_840, industry: 'Broadline Retail', employees: 1_525_000, founded: '1994-07-05', web: 'www.amazon.com', address: ['410 Terry Avenue North', 'Seattle', '98109', 'Washington', 'United States', 'USA'], revenueM: 574_785, competitors: ['21835', '29096'] },
  '20087': { ticker: 'NYSE:GS', isin: 'US38141G1040', price: 45_230, industry: 'Capital Markets', employees: 45_300, founded: '1869-01-01', web: 'www.goldmansachs.com', address: ['200 West Street', 'New York', '10282', 'New York', 'United States', 'USA'], revenueM: 46_254, competitors: ['20334', '20215'] },
  '20215': { ticker: 'NYSE:JPM', isin: 'US46625H1005', price: 19_870, industry: 'Banks', employees: 309_926, founded: '1799-01-01', web: 'www.jpmorganchase.com', address: ['383 Madison Avenue', 'New York', '10179', 'New York', 'United States', 'USA'], revenueM: 158_104, competitors: ['20087', '20334'] },
  '27444752': { ticker: 'NasdaqGS:TSLA', isin: 'US88160R1014', price: 24_560, industry: 'Automobiles', employees: 140_473, founded: '2003-07-01', web: 'www.tesla.com', address: ['1 Tesla Road', 'Austin', '78725', 'Texas', 'United States', 'USA'], revenueM: 96_773, competitors: ['319676'] },
  '32307': { ticker: 'NasdaqGS:NVDA', isin: 'US67066G1040', price: 12_120, industry: 'Semiconductors and Semiconductor Equipment', employees: 29_600, founded: '1993-04-05', web: 'www.nvidia.com', address: ['2788 San Tomas Expressway', 'Santa Clara', '95051', 'California', 'United States', 'USA'], revenueM: 60_922, competitors: ['18868'] },
  '20334': { ticker: 'NYSE:MS', isin: 'US6174464486', price: 9_640, industry: 'Capital Markets', employees: 80_006, founded: '1935-01-01', web: 'www.morganstanley.com', address: ['1585 Broadway', 'New York', '10036', 'New York', 'United States', 'USA'], revenueM: 54_143, competitors: ['20087', '20215'] },
  '18868': { ticker: 'NYSE:IBM', isin: 'US4592001014', price: 18_330, industry: 'IT Services', employees: 288_300, founded: '1911-06-16', web: 'www.ibm.com', address: ['One New Orchard Road', 'Armonk', '10504', 'New York', 'United States', 'USA'], revenueM: 61_860, competitors: ['21835'] },
  '672271': { ticker: 'XTRA:SIE', isin: 'DE0007236101', currency: 'EUR', price: 17_260, industry: 'Industrial Conglomerates', employees: 320_000, founded: '1847-10-01', web: 'www.siemens.com', address: ['Werner-von-Siemens-Strasse 1', 'Munich', '80333', null, 'Germany', 'DEU'], revenueM: 77_769 },
  '319676': { ticker: 'TSE:7203', isin: 'JP3633400001', currency: 'JPY', price: 298_500, industry: 'Automobiles', employees: 375_235, founded: '1937-08-28', web: 'global.toyota', address: ['1 Toyota-cho', 'Toyota', '471-8571', 'Aichi', 'Japan', 'JPN'], revenueM: 37_154_298, competitors: ['27444752'] },
  '669484': { ticker: 'SWX:NESN', isin: 'CH0038863350', currency: 'CHF', price: 9_820, industry: 'Food Products', employees: 270_000, founded: '1866-01-01', web: 'www.nestle.com', address: ['Avenue Nestlé 55', 'Vevey', '1800', null, 'Switzerland', 'CHE'], revenueM: 92_998 },
};

/** Apple's security and trading item in Kensho's own examples (UPSTREAMS-MORE §2.2). */
const KNOWN_LISTING_IDS: Record<string, [string, string]> = { '24937': ['2590359', '2590360'] };

/**
 * The companies of the simulated kFinance: every CAPIQ company of the NERD dictionary, with the
 * same id and name. Deterministic: built the same way on every start.
 */
export function buildKfinanceDataset(): ReadonlyMap<string, SimCompany> {
  const out = new Map<string, SimCompany>();
  let n = 0;
  for (const entry of DICTIONARY) {
    if (!entry.capiq || entry.capiq.type !== 'COMPANY') continue;
    const companyId = String(entry.capiq.id);
    const row = ROWS[companyId];
    if (!row) continue;
    n++;
    const [securityId, tradingItemId] = KNOWN_LISTING_IDS[companyId] ?? [String(3_000_000 + n * 10), String(3_000_000 + n * 10 + 1)];
    out.set(companyId, {
      companyId,
      name: entry.capiq.label,
      listing: row.ticker
        ? { securityId, tradingItemId, ticker: row.ticker, isin: row.isin ?? '', currency: row.currency ?? 'USD', basePriceCents: row.price ?? 10_000 }
        : null,
      info: {
        status: 'Operating',
        type: row.ticker ? 'Public Company' : 'Private Company',
        simpleIndustry: row.industry,
        employees: `${row.employees}.0000`,
        foundingDate: row.founded,
        webpage: row.web,
        address: row.address[0],
        city: row.address[1],
        zip: row.address[2],
        state: row.address[3],
        country: row.address[4],
        iso3: row.address[5],
      },
      // Plus a few micro-units, so values carry more significant digits than a double holds.
      revenueMicros: BigInt(row.revenueM) * 1_000_000_000_000n + BigInt(n * 123_457),
      competitors: row.competitors ?? [],
    });
  }
  return out;
}

/** Formats micro-units as kFinance's 6-decimal string ("383285000000.000000"). */
export function micros(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / 1_000_000n;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}
