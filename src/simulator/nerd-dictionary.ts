/** One entity the simulator's NERD can recognise. */
export interface DictionaryEntry {
  /** Surface forms matched in text (case-sensitive, whole words). */
  readonly aliases: readonly string[];
  /** NER type, as NERD's wikimedia model names them. */
  readonly nerType: 'ORG' | 'GPE' | 'LOC' | 'PERSON' | 'NORP' | 'FAC' | 'EVENT' | 'PRODUCT';
  /** Wikidata id and label; null for spans recognised but not linkable. */
  readonly wikimedia: { readonly id: string; readonly label: string; readonly type: string } | null;
  /** Capital IQ company id (some as numbers: the doc says ids may arrive as numbers). */
  readonly capiq?: { readonly id: string | number; readonly label: string };
}

const org = (aliases: string[], qid: string, label: string, capiq?: string | number): DictionaryEntry => ({
  aliases,
  nerType: 'ORG',
  wikimedia: { id: qid, label, type: 'ORG' },
  ...(capiq !== undefined ? { capiq: { id: capiq, label } } : {}),
});
const place = (aliases: string[], qid: string, label: string, nerType: 'GPE' | 'LOC' = 'GPE'): DictionaryEntry => ({
  aliases,
  nerType,
  wikimedia: { id: qid, label, type: nerType },
});
const person = (aliases: string[], qid: string, label: string): DictionaryEntry => ({ aliases, nerType: 'PERSON', wikimedia: { id: qid, label, type: 'PERSON' } });

/**
 * A small dictionary of real entities (Wikidata ids are the real ones). Capital IQ ids other
 * than Kensho's (251994106, from Kensho's documentation) are stable placeholders.
 */
export const DICTIONARY: readonly DictionaryEntry[] = [
  org(['Kensho Technologies', 'Kensho'], 'Q24834758', 'Kensho Technologies', '251994106'),
  org(['S&P Global'], 'Q1754325', 'S&P Global', 248435),
  org(['Apple Inc.', 'Apple'], 'Q312', 'Apple Inc.', 24937),
  org(['Microsoft'], 'Q2283', 'Microsoft', '21835'),
  org(['Alphabet', 'Google'], 'Q95', 'Google', '29096'),
  org(['Amazon'], 'Q3884', 'Amazon', '18749'),
  org(['Goldman Sachs'], 'Q193326', 'Goldman Sachs', '20087'),
  org(['JPMorgan Chase', 'JPMorgan'], 'Q192314', 'JPMorgan Chase', '20215'),
  org(['Tesla'], 'Q478214', 'Tesla, Inc.', 27444752),
  org(['Nvidia', 'NVIDIA'], 'Q182477', 'Nvidia', '32307'),
  org(['Morgan Stanley'], 'Q207652', 'Morgan Stanley', '20334'),
  org(['IBM'], 'Q37156', 'IBM', '18868'),
  org(['Siemens'], 'Q81230', 'Siemens', '672271'),
  org(['Toyota'], 'Q53268', 'Toyota', '319676'),
  org(['Nestlé'], 'Q160746', 'Nestlé', '669484'),
  org(['United Nations'], 'Q1065', 'United Nations'),
  org(['European Central Bank'], 'Q8901', 'European Central Bank'),
  org(['Federal Reserve'], 'Q53536', 'Federal Reserve System'),
  org(['World Bank'], 'Q7164', 'World Bank'),
  org(['Harvard University', 'Harvard'], 'Q13371', 'Harvard University'),
  place(['Cambridge'], 'Q49111', 'Cambridge, Massachusetts'),
  place(['New York City', 'New York'], 'Q60', 'New York City'),
  place(['London'], 'Q84', 'London'),
  place(['Paris'], 'Q90', 'Paris'),
  place(['Zürich', 'Zurich'], 'Q72', 'Zürich'),
  place(['São Paulo'], 'Q174', 'São Paulo'),
  place(['Tokyo'], 'Q1490', 'Tokyo'),
  place(['Cupertino'], 'Q189471', 'Cupertino'),
  place(['Redmond'], 'Q199797', 'Redmond'),
  place(['Germany'], 'Q183', 'Germany'),
  place(['Japan'], 'Q17', 'Japan'),
  place(['United States'], 'Q30', 'United States'),
  place(['Massachusetts'], 'Q771', 'Massachusetts'),
  place(['Atlantic Ocean', 'Atlantic'], 'Q97', 'Atlantic Ocean', 'LOC'),
  place(['Alps'], 'Q1286', 'Alps', 'LOC'),
  person(['Tim Cook'], 'Q265852', 'Tim Cook'),
  person(['Satya Nadella'], 'Q7426870', 'Satya Nadella'),
  person(['Christine Lagarde'], 'Q10620', 'Christine Lagarde'),
  // Recognised as entities but not linkable: links come back null (UPSTREAMS §3).
  { aliases: ['Acme Widgets'], nerType: 'ORG', wikimedia: null, capiq: undefined },
  { aliases: ['Northwind Traders'], nerType: 'ORG', wikimedia: null, capiq: undefined },
];
