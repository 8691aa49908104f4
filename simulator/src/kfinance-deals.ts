/** The simulated kFinance's M&A deals, funding rounds and relationship types (UPSTREAMS-MORE §2.9, §2.10). */

export interface Deal {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly announced: string;
  readonly closed: string | null;
  readonly target: string;
  readonly buyers: readonly string[];
  readonly sellers: readonly string[];
  /** Gross transaction value, a 6-decimal string, or null when undisclosed. */
  readonly value: string | null;
}

/** Targets outside the dataset: kFinance knows them, the joins find no company. */
export const OUTSIDE: Record<string, string> = { '900000001': 'Acme Widgets LLC' };
export function d2name(id: string): string {
  return OUTSIDE[id] ?? id;
}

/** M&A deals: S&P Global's acquisition of Kensho (2018, from public reports); the other is a placeholder. */
export const DEALS: readonly Deal[] = [
  { id: '565411111', title: 'S&P Global Inc. acquired Kensho Technologies, Inc.', status: 'Closed', announced: '2018-03-06', closed: '2018-04-06', target: '251994106', buyers: ['248435'], sellers: [], value: '550000000.000000' },
  { id: '565433333', title: 'Amazon.com, Inc. agreed to acquire Acme Widgets LLC', status: 'Announced', announced: '2024-09-02', closed: null, target: '900000001', buyers: ['18749'], sellers: ['20087'], value: null },
];

/** Funding rounds: Kensho's 2017 round led by S&P Global (public reports; amounts left out). */
export const ROUNDS: ReadonlyArray<{ id: string; target: string; investors: readonly string[]; notes: string; closed: string; type: string }> = [
  { id: '571100001', target: '251994106', investors: ['248435', '20087', '20215', '20334'], notes: 'Kensho Technologies raised a Series B round led by S&P Global.', closed: '2017-02-28', type: 'Series B' },
];

/** Relationship types of `GET /relationship/{company_id}/{type}` (§2.9). */
export const RELATIONSHIPS = ['borrower', 'client_services', 'creditor', 'customer', 'distributor', 'franchisee', 'franchisor', 'investor_relations_client', 'investor_relations_firm', 'landlord', 'lessee', 'lessor', 'licensee', 'licensor', 'strategic_alliance', 'supplier', 'tenant', 'transfer_agent', 'transfer_agent_client', 'vendor'];
