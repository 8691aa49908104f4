import { DICTIONARY } from './nerd-dictionary.js';

/** A company Link's simulator can match a record to. */
export interface LinkCompany {
  /** The Capital IQ company id: the same one NERD's CAPIQ links give, so joins work offline. */
  readonly capiqId: string;
  /** A placeholder Market Intelligence id (the real mapping is unknown [assumed]). */
  readonly miId: string;
  /** The name as the knowledge base spells it (`knowledge_base_name`). */
  readonly name: string;
  /** Other names and tickers matched against a record's name and aliases. */
  readonly aliases: readonly string[];
  /** ISO 3166-1 alpha-3 country of the headquarters. */
  readonly countryIso3: string;
}

/** Headquarters and extra names (tickers, legal names) by Capital IQ id, for the NERD dictionary's companies. */
const EXTRA: Readonly<Record<string, { country: string; name?: string; aliases: string[] }>> = {
  '251994106': { country: 'USA', aliases: ['Kensho Technologies, LLC'] },
  '248435': { country: 'USA', name: 'S&P Global Inc.', aliases: ['S&P', 'SPGI', 'Standard & Poor\'s', 'McGraw Hill Financial'] },
  '24937': { country: 'USA', aliases: ['AAPL', 'Apple Computer'] },
  '21835': { country: 'USA', name: 'Microsoft Corporation', aliases: ['MSFT'] },
  '29096': { country: 'USA', name: 'Alphabet Inc.', aliases: ['GOOGL', 'Google LLC'] },
  '18749': { country: 'USA', name: 'Amazon.com, Inc.', aliases: ['AMZN'] },
  '20087': { country: 'USA', name: 'The Goldman Sachs Group, Inc.', aliases: ['GS'] },
  '20215': { country: 'USA', name: 'JPMorgan Chase & Co.', aliases: ['JPM', 'J.P. Morgan'] },
  '27444752': { country: 'USA', aliases: ['TSLA', 'Tesla Motors'] },
  '32307': { country: 'USA', name: 'NVIDIA Corporation', aliases: ['NVDA'] },
  '20334': { country: 'USA', aliases: ['MS'] },
  '18868': { country: 'USA', name: 'International Business Machines Corporation', aliases: ['IBM'] },
  '672271': { country: 'DEU', name: 'Siemens Aktiengesellschaft', aliases: ['Siemens AG', 'SIE'] },
  '319676': { country: 'JPN', name: 'Toyota Motor Corporation', aliases: ['Toyota Motor', '7203'] },
  '669484': { country: 'CHE', name: 'Nestlé S.A.', aliases: ['Nestle', 'NESN'] },
};

/**
 * The companies of the NERD simulator's dictionary (CAPIQ links of type COMPANY), so a record
 * Link matches carries the id NERD would give for the same company. MI ids are numeric
 * placeholders (9 followed by the CapIQ id): how MI ids relate to CapIQ ids is not published.
 */
export const LINK_COMPANIES: readonly LinkCompany[] = DICTIONARY.flatMap((entry) => {
  if (!entry.capiq || entry.capiq.type !== 'COMPANY') return [];
  const capiqId = String(entry.capiq.id);
  const extra = EXTRA[capiqId];
  const name = extra?.name ?? entry.capiq.label;
  return [{ capiqId, miId: `9${capiqId}`, name, aliases: [...new Set([entry.capiq.label, ...entry.aliases, ...(extra?.aliases ?? [])])], countryIso3: extra?.country ?? 'USA' }];
});
