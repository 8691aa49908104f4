/** One entity the simulator's NERD can recognise. */
export interface DictionaryEntry {
  /** Surface forms matched in text (case-sensitive, whole words). */
  readonly aliases: readonly string[];
  /** NER type, as NERD's wikimedia model names them. */
  readonly nerType: 'ORG' | 'GPE' | 'LOC' | 'PERSON' | 'NORP' | 'FAC' | 'EVENT' | 'PRODUCT';
  /**
   * The Wikidata link: a bare Wikidata number ("3870" for Q3870, as NERD sends them; a few as
   * JSON numbers, since ids may arrive as numbers) and the knowledge base's own type (CITY,
   * COMPANY, …, not the NER type). Null for spans recognised but not linkable.
   */
  readonly wikimedia: { readonly id: string | number; readonly label: string; readonly type: string } | null;
  /** The Capital IQ link (company, or person for tag_people); some ids as numbers. */
  readonly capiq?: { readonly id: string | number; readonly label: string; readonly type: string };
}

const org = (aliases: string[], wikidata: string | number, label: string, type: string, capiq?: string | number): DictionaryEntry => ({
  aliases,
  nerType: 'ORG',
  wikimedia: { id: wikidata, label, type },
  ...(capiq !== undefined ? { capiq: { id: capiq, label, type: 'COMPANY' } } : {}),
});
const place = (aliases: string[], wikidata: string | number, label: string, type: string, nerType: 'GPE' | 'LOC' = 'GPE'): DictionaryEntry => ({
  aliases,
  nerType,
  wikimedia: { id: wikidata, label, type },
});
const person = (aliases: string[], wikidata: string, label: string, capiq: string | number): DictionaryEntry => ({
  aliases,
  nerType: 'PERSON',
  wikimedia: { id: wikidata, label, type: 'PERSON' },
  capiq: { id: capiq, label, type: 'PERSON' },
});

/**
 * A small dictionary of real entities (the Wikidata numbers are the real ones). Capital IQ ids
 * other than Kensho's (251994106, from Kensho's documentation) are stable placeholders, and so
 * are the knowledge-base type names beyond those the documentation shows (CITY, COMPANY, NGO,
 * GOVERNMENT, PERSON).
 */
export const DICTIONARY: readonly DictionaryEntry[] = [
  org(['Kensho Technologies', 'Kensho'], '24834758', 'Kensho Technologies', 'COMPANY', '251994106'),
  org(['S&P Global'], '1754325', 'S&P Global', 'COMPANY', 248435),
  org(['Apple Inc.', 'Apple'], '312', 'Apple Inc.', 'COMPANY', 24937),
  org(['Microsoft'], '2283', 'Microsoft', 'COMPANY', '21835'),
  org(['Alphabet', 'Google'], '95', 'Google', 'COMPANY', '29096'),
  org(['Amazon'], '3884', 'Amazon', 'COMPANY', '18749'),
  org(['Goldman Sachs'], '193326', 'Goldman Sachs', 'COMPANY', '20087'),
  org(['JPMorgan Chase', 'JPMorgan'], '192314', 'JPMorgan Chase', 'COMPANY', '20215'),
  org(['Tesla'], 478214, 'Tesla, Inc.', 'COMPANY', 27444752),
  org(['Nvidia', 'NVIDIA'], '182477', 'Nvidia', 'COMPANY', '32307'),
  org(['Morgan Stanley'], '207652', 'Morgan Stanley', 'COMPANY', '20334'),
  org(['IBM'], '37156', 'IBM', 'COMPANY', '18868'),
  org(['Siemens'], '81230', 'Siemens', 'COMPANY', '672271'),
  org(['Toyota'], '53268', 'Toyota', 'COMPANY', '319676'),
  org(['Nestlé'], '160746', 'Nestlé', 'COMPANY', '669484'),
  org(['United Nations'], '1065', 'United Nations', 'NGO'),
  org(['European Central Bank'], '8901', 'European Central Bank', 'GOVERNMENT'),
  org(['Federal Reserve'], '53536', 'Federal Reserve System', 'GOVERNMENT'),
  org(['World Bank'], '7164', 'World Bank', 'NGO'),
  org(['Harvard University', 'Harvard'], '13371', 'Harvard University', 'UNIVERSITY'),
  place(['Nairobi'], '3870', 'Nairobi', 'CITY'),
  place(['Cambridge'], '49111', 'Cambridge, Massachusetts', 'CITY'),
  place(['New York City', 'New York'], '60', 'New York City', 'CITY'),
  place(['London'], 84, 'London', 'CITY'),
  place(['Paris'], '90', 'Paris', 'CITY'),
  place(['Zürich', 'Zurich'], '72', 'Zürich', 'CITY'),
  place(['São Paulo'], '174', 'São Paulo', 'CITY'),
  place(['Tokyo'], '1490', 'Tokyo', 'CITY'),
  place(['Cupertino'], '189471', 'Cupertino', 'CITY'),
  place(['Redmond'], '199797', 'Redmond', 'CITY'),
  place(['Germany'], '183', 'Germany', 'COUNTRY'),
  place(['Japan'], '17', 'Japan', 'COUNTRY'),
  place(['United States'], '30', 'United States', 'COUNTRY'),
  place(['Massachusetts'], '771', 'Massachusetts', 'STATE'),
  place(['Atlantic Ocean', 'Atlantic'], '97', 'Atlantic Ocean', 'OCEAN', 'LOC'),
  place(['Alps'], '1286', 'Alps', 'MOUNTAIN_RANGE', 'LOC'),
  person(['Tim Cook'], '265852', 'Tim Cook', 1284302),
  person(['Satya Nadella'], '7426870', 'Satya Nadella', '1781342'),
  person(['Christine Lagarde'], '10620', 'Christine Lagarde', '2404186'),
  // Recognised as entities but not linkable: links come back null (UPSTREAMS §3).
  { aliases: ['Acme Widgets'], nerType: 'ORG', wikimedia: null },
  { aliases: ['Northwind Traders'], nerType: 'ORG', wikimedia: null },
];
