/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string; }
  /**
   * An ISO-8601 date-time in UTC with milliseconds, e.g. 2026-10-01T12:34:56.000Z. As input, any
   * ISO-8601 date-time is accepted and normalised to UTC.
   */
  DateTime: { input: string; output: string; }
  /** An exact decimal, serialised as a string ("383285000000.000000") so no precision is lost; parse it with a decimal library, not as a float. */
  Decimal: { input: string; output: string; }
  /** Any JSON value (object, array, string, number, boolean or null), passed through unchanged. */
  JSON: { input: unknown; output: unknown; }
  /**
   * A file sent with the GraphQL multipart request spec
   * (https://github.com/jaydenseric/graphql-multipart-request-spec), as apollo-upload-client and
   * urql send it. The request must also carry an `Apollo-Require-Preflight: true` (or
   * `x-apollo-operation-name`) header: the gateway's CSRF protection refuses multipart requests
   * without one.
   */
  Upload: { input: File; output: File; }
};

/** A postal address. */
export type Address = {
  __typename: 'Address';
  /** City. */
  city: Maybe<Scalars['String']['output']>;
  /** Country name. */
  country: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-3 country code. */
  countryIso3: Maybe<Scalars['String']['output']>;
  /** State or region; null where there is none. */
  state: Maybe<Scalars['String']['output']>;
  /** Street line. */
  street: Maybe<Scalars['String']['output']>;
  /** Postal code. */
  zip: Maybe<Scalars['String']['output']>;
};

/** Business relationships kFinance records (§2.9). */
export type BusinessRelationship =
  /** Borrower. */
  | 'BORROWER'
  /** Client services. */
  | 'CLIENT_SERVICES'
  /** Creditor. */
  | 'CREDITOR'
  /** Customer. */
  | 'CUSTOMER'
  /** Distributor. */
  | 'DISTRIBUTOR'
  /** Franchisee. */
  | 'FRANCHISEE'
  /** Franchisor. */
  | 'FRANCHISOR'
  /** Investor relations client. */
  | 'INVESTOR_RELATIONS_CLIENT'
  /** Investor relations firm. */
  | 'INVESTOR_RELATIONS_FIRM'
  /** Landlord. */
  | 'LANDLORD'
  /** Lessee. */
  | 'LESSEE'
  /** Lessor. */
  | 'LESSOR'
  /** Licensee. */
  | 'LICENSEE'
  /** Licensor. */
  | 'LICENSOR'
  /** Strategic alliance. */
  | 'STRATEGIC_ALLIANCE'
  /** Supplier. */
  | 'SUPPLIER'
  /** Tenant. */
  | 'TENANT'
  /** Transfer agent. */
  | 'TRANSFER_AGENT'
  /** Transfer agent client. */
  | 'TRANSFER_AGENT_CLIENT'
  /** Vendor. */
  | 'VENDOR';

/** Fiscal or calendar periods. */
export type CalendarType =
  /** Calendar periods, to compare companies. */
  | 'CALENDAR'
  /** The company's fiscal periods (kFinance's default). */
  | 'FISCAL';

/** A content change. Exactly one of deviceId and serialNumber, and exactly one of contentId and contentName. */
export type ChangeSkykitContentInput = {
  /** Skykit's id of the content to play; give this or `contentName`. */
  contentId?: InputMaybe<Scalars['ID']['input']>;
  /** The name of the content to play, as Skykit's content manager shows it; give this or `contentId`. */
  contentName?: InputMaybe<Scalars['String']['input']>;
  /** Skykit's device id (`SkykitDevice.id`); give this or `serialNumber`. */
  deviceId?: InputMaybe<Scalars['ID']['input']>;
  /** The device's serial number; give this or `deviceId`. */
  serialNumber?: InputMaybe<Scalars['String']['input']>;
};

/** The result of `changeSkykitContent`. */
export type ChangeSkykitContentPayload = {
  __typename: 'ChangeSkykitContentPayload';
  /** Always true: Skykit accepted the change (it answers 204; the device plays it later). When Skykit refuses, the mutation answers an error instead. */
  accepted: Scalars['Boolean']['output'];
  /** The device, read from Skykit after the change (only when asked for; contentPending names the requested content until it plays); null when Skykit does not know it. */
  device: Maybe<SkykitDevice>;
};

/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type Company = {
  __typename: 'Company';
  /** Company type, e.g. Public Company or Private Company. */
  companyType: Maybe<Scalars['String']['output']>;
  /** Competitors from every source kFinance knows (needs CompetitorsPermission). */
  competitors: Maybe<Array<Company>>;
  /** ISO 3166 country code kFinance gives with the identification; null when it sends none. */
  country: Maybe<Scalars['String']['output']>;
  /** Long profile in sections (needs the CompanyIntelligencePermission entitlement). */
  description: Maybe<Scalars['String']['output']>;
  /** Past and upcoming earnings calls, newest first (needs EarningsPermission or TranscriptsPermission). */
  earningsCalls: Maybe<Array<EarningsCall>>;
  /** Number of employees, exact as kFinance sends it ("161000.0000"). */
  employees: Maybe<Scalars['Decimal']['output']>;
  /** One statement over the selected periods (needs StatementsPermission or PrivateCompanyFinancialsPermission). Companies asked with the same arguments in one operation share one kFinance call. */
  financialStatement: Maybe<FinancialSeries>;
  /** Founding date. */
  foundedOn: Maybe<Scalars['Date']['output']>;
  /** Funding rounds the company raised or invested in (needs MergersPermission). */
  fundingRounds: Maybe<Array<FundingRound>>;
  /** Head-office address. */
  headquarters: Maybe<Address>;
  /** The CapIQ company id (digits). */
  id: Scalars['ID']['output'];
  /** One line item, e.g. revenue, net_income, diluted_eps, total_debt (kFinance's names); same entitlements and batching as financialStatement. */
  lineItem: Maybe<FinancialSeries>;
  /** Daily market capitalisation, total enterprise value and shares outstanding between two dates, inclusive (needs PricingPermission); null for private companies. */
  marketCaps: Maybe<MarketCapSeries>;
  /** M&A deals the company took part in, by role (needs MergersPermission). */
  mergers: Maybe<CompanyMergers>;
  /** The company's name as kFinance resolves it. */
  name: Maybe<Scalars['String']['output']>;
  /** The primary listing (trading item); null for private companies. */
  primaryListing: Maybe<TradingItem>;
  /** The companies that stand in `relationship` to this one: for SUPPLIER, its suppliers (needs RelationshipPermission). */
  relatedCompanies: Maybe<RelatedCompanies>;
  /** The company's securities (none for private companies). */
  securities: Maybe<Array<Security>>;
  /** Business or geographic segments (needs SegmentsPermission); five periods when none are selected. */
  segments: Maybe<FinancialSeries>;
  /** kFinance's simple industry, e.g. Software. */
  simpleIndustry: Maybe<Scalars['String']['output']>;
  /** Operating status, e.g. Operating. */
  status: Maybe<Scalars['String']['output']>;
  /** One-paragraph summary (needs the CompanyIntelligencePermission entitlement). */
  summary: Maybe<Scalars['String']['output']>;
  /** Exchange-qualified ticker of the primary listing, e.g. NasdaqGS:AAPL; null for private companies. */
  ticker: Maybe<Scalars['String']['output']>;
  /** Web address as kFinance sends it, usually without a scheme (www.apple.com). */
  website: Maybe<Scalars['String']['output']>;
};


/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type CompanyFinancialStatementArgs = {
  period?: InputMaybe<PeriodSelection>;
  type: StatementType;
};


/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type CompanyFundingRoundsArgs = {
  role?: InputMaybe<FundingRole>;
};


/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type CompanyLineItemArgs = {
  name: Scalars['String']['input'];
  period?: InputMaybe<PeriodSelection>;
};


/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type CompanyMarketCapsArgs = {
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type CompanyMergersArgs = {
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type CompanyRelatedCompaniesArgs = {
  relationship: BusinessRelationship;
};


/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type CompanySegmentsArgs = {
  period?: InputMaybe<PeriodSelection>;
  type?: InputMaybe<SegmentType>;
};

/** A company in the knowledge base that may be the record's (Link's Entity Link). */
export type CompanyLink = {
  __typename: 'CompanyLink';
  /** The Capital IQ company id for CAPIQ candidates (equal to kbId), the key kFinance's `company(id:)` takes; null for MI. */
  capiqId: Maybe<Scalars['ID']['output']>;
  /** CAPIQ candidates only: the kFinance company with this Capital IQ id (capiqId); null for MI candidates and for ids kFinance does not know. All candidates of one operation are resolved together, with NERD's entities (one kFinance identification call per 100 ids). */
  company: Maybe<Company>;
  /** The company's id in that knowledge base, as a string whatever Link sent. */
  kbId: Scalars['ID']['output'];
  /** The company's name as the knowledge base spells it; null when Link sent none. */
  kbName: Maybe<Scalars['String']['output']>;
  /** The knowledge base the id belongs to. */
  knowledgeBase: LinkKnowledgeBase;
  /** Link's score, raw; higher is a better match. Link publishes no range, so choose a threshold by looking at your data. */
  score: Scalars['Float']['output'];
};

/** A company's M&A deals by its role in them. */
export type CompanyMergers = {
  __typename: 'CompanyMergers';
  /** Deals in which the company bought. */
  asBuyer: Array<MergerSummary>;
  /** Deals in which the company sold. */
  asSeller: Array<MergerSummary>;
  /** Deals in which the company was acquired (or was to be). */
  asTarget: Array<MergerSummary>;
};

/**
 * One company record to match, as you know it. Only `uid` and `name` are required; every other
 * field is a model feature that helps Link decide. Checked before any call: a bad record refuses
 * the whole request with BAD_USER_INPUT listing every problem.
 */
export type CompanyRecordInput = {
  /** Street address. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Other names (tickers, short names); each not blank, at most 50 of them. */
  aliases?: InputMaybe<Array<Scalars['String']['input']>>;
  /** City. */
  city?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-3 country code, three letters ("USA", "DEU"); lower case is accepted and sent upper case. */
  countryIso3?: InputMaybe<Scalars['String']['input']>;
  /** The company's name. Not blank, at most 500 characters. */
  name: Scalars['String']['input'];
  /** A phone number. */
  phoneNumber?: InputMaybe<Scalars['String']['input']>;
  /** State or region. */
  state?: InputMaybe<Scalars['String']['input']>;
  /** Your key for the record; Link echoes it. Not blank, at most 256 characters, unique within the request. */
  uid: Scalars['ID']['input'];
  /** The company's web site. */
  url?: InputMaybe<Scalars['String']['input']>;
  /** Year the company was founded, 1000 to 2100. */
  yearFounded?: InputMaybe<Scalars['Int']['input']>;
  /** Postal code. */
  zipcode?: InputMaybe<Scalars['String']['input']>;
};

/** The candidates Link found for one input record, in the order the records were given. */
export type CompanyRecordLinks = {
  __typename: 'CompanyRecordLinks';
  /** The best candidates first, at most `topN`; empty when Link found no match. */
  candidates: Array<CompanyLink>;
  /** The record's `uid`, as given. */
  uid: Scalars['ID']['output'];
};

/** The answer for one identifier of resolveCompanies. */
export type CompanyResolution = {
  __typename: 'CompanyResolution';
  /** The company; null when kFinance found none (then `error` says why). */
  company: Maybe<Company>;
  /** kFinance's message when the identifier could not be resolved. */
  error: Maybe<Scalars['String']['output']>;
  /** The identifier as sent. */
  input: Scalars['String']['output'];
  /** The security the identifier resolved to; null for private companies. */
  security: Maybe<Security>;
  /** The primary listing the identifier resolved to; null for private companies. */
  tradingItem: Maybe<TradingItem>;
};

/** A node of the document's content tree. */
export type ContentNode = {
  __typename: 'ContentNode';
  /** The nodes nested in this one, in reading order. */
  children: Array<ContentNode>;
  /** The node's own text as Extract sent it; may be empty for nodes that only hold others (e.g. DOCUMENT, TABLE). */
  content: Scalars['String']['output'];
  /** The node's depth in the content tree: 0 for the DOCUMENT root, 1 for its children, and so on. */
  depth: Scalars['Int']['output'];
  /**
   * Entities in this node's content, found by Kensho NERD, with offsets into `content`. All nodes
   * asked for in one operation are annotated together in a few NERD calls (their texts joined,
   * split only at EXTRACT_ENTITIES_BATCH_CHARS, 20 000 unless configured), so relevance scores are
   * relative to that batch.
   */
  entities: Maybe<Array<KnowledgeBaseAnnotations>>;
  /** The node's boxes on the page (several when it spans columns or pages); empty in the STRUCTURED_DOCUMENT format. */
  locations: Array<Location>;
  /** The page of the node's first location (0-based, as in `Location.page`); null without locations (e.g. in the STRUCTURED_DOCUMENT format). */
  page: Maybe<Scalars['Int']['output']>;
  /** The node this one is nested in; null for the DOCUMENT root. */
  parent: Maybe<ContentNode>;
  /** Relations this node takes part in, as source or target. */
  relations: Array<ContentRelation>;
  /** The table this node is (TABLE and FIGURE_EXTRACTED_TABLE nodes); null for every other node. */
  table: Maybe<Table>;
  /** Per-line data; only with the WITH_CHARACTER_OFFSETS format. */
  textNodeData: Maybe<TextNodeData>;
  /** The kind of content; OTHER for a kind this schema does not name (see `typeName`). */
  type: ContentType;
  /** Extract's name for the type, also for kinds this schema does not name (OTHER). */
  typeName: Scalars['String']['output'];
  /** Extract's id for the node, unique within the document (the gateway makes one up, `gateway-node-N`, for a node Extract sent without). */
  uid: Scalars['ID']['output'];
};


/** A node of the document's content tree. */
export type ContentNodeEntitiesArgs = {
  knowledgeBases?: InputMaybe<Array<KnowledgeBase>>;
};

/** A relation Extract found between two nodes (with `includeRelations`). */
export type ContentRelation = {
  __typename: 'ContentRelation';
  /** The node the relation starts from; null when Extract named a uid the document does not have. */
  source: Maybe<ContentNode>;
  /** The node the relation points to; null when Extract named a uid the document does not have. */
  target: Maybe<ContentNode>;
  /** Extract's relation type, as sent (`unknown` when Extract sent none). */
  type: Scalars['String']['output'];
};

/**
 * The kinds of content Extract recognises. Which appear depends on `documentType` (GENERAL,
 * HIERARCHICAL, HIERARCHICAL_V2) and on `figureExtraction`. Kinds added by Extract later arrive as
 * OTHER; `ContentNode.typeName` always has Extract's own name.
 */
export type ContentType =
  /** A figure recognised as a bar chart (with `figureExtraction`). */
  | 'BAR_CHART'
  /** The root of the content tree; there is exactly one. */
  | 'DOCUMENT'
  /** A figure (with `figureExtraction`). */
  | 'FIGURE'
  /** A figure's caption (HIERARCHICAL_V2). */
  | 'FIGURE_CAPTION'
  /** A table Extract read out of a figure (with `figureExtraction`); `ContentNode.table` rebuilds its grid. */
  | 'FIGURE_EXTRACTED_TABLE'
  /** One cell of a FIGURE_EXTRACTED_TABLE; its text may come from the table-structure annotation rather than the node. */
  | 'FIGURE_EXTRACTED_TABLE_CELL'
  /** A figure's title (HIERARCHICAL and HIERARCHICAL_V2). */
  | 'FIGURE_TITLE'
  /** A first-level heading; the content it heads is nested under it (HIERARCHICAL and HIERARCHICAL_V2). */
  | 'H1'
  /** A second-level heading (HIERARCHICAL and HIERARCHICAL_V2). */
  | 'H2'
  /** A third-level heading (HIERARCHICAL_V2). */
  | 'H3'
  /** A fourth-level heading (HIERARCHICAL_V2). */
  | 'H4'
  /** A fifth-level heading (HIERARCHICAL_V2). */
  | 'H5'
  /** An image (with `figureExtraction` or `includeImages`). */
  | 'IMAGE'
  /** An image's caption (HIERARCHICAL_V2). */
  | 'IMAGE_CAPTION'
  /** A figure recognised as a line plot (with `figureExtraction`). */
  | 'LINE_PLOT'
  /** A kind this schema does not name yet; see `typeName`. */
  | 'OTHER'
  /** Text repeated at the bottom of pages (HIERARCHICAL_V2); left out of `ExtractedDocument.markdown`. */
  | 'PAGE_FOOTER'
  /** A footnote at the bottom of a page (HIERARCHICAL_V2). */
  | 'PAGE_FOOTNOTE'
  /** Text repeated at the top of pages (HIERARCHICAL_V2); left out of `ExtractedDocument.markdown`. */
  | 'PAGE_HEADER'
  /** A paragraph (HIERARCHICAL and HIERARCHICAL_V2). */
  | 'PARAGRAPH'
  /** A figure recognised as a pie chart (with `figureExtraction`). */
  | 'PIE_CHART'
  /** A figure recognised as a scatter plot (with `figureExtraction`). */
  | 'SCATTER_PLOT'
  /** A table; its cells are TABLE_CELL children, and `ContentNode.table` rebuilds its grid. */
  | 'TABLE'
  /** A table's caption (HIERARCHICAL_V2). */
  | 'TABLE_CAPTION'
  /** One cell of a TABLE. */
  | 'TABLE_CELL'
  /** Text at the foot of a table (HIERARCHICAL_V2). */
  | 'TABLE_FOOTER'
  /** A table of contents (HIERARCHICAL_V2). */
  | 'TABLE_OF_CONTENTS'
  /** A table's title (HIERARCHICAL and HIERARCHICAL_V2). */
  | 'TABLE_TITLE'
  /** A block of text. */
  | 'TEXT'
  /** The document's title. */
  | 'TITLE';

/** How the gateway obtains tokens for an upstream. */
export type CredentialKind =
  /** A pasted access token; it cannot be renewed. */
  | 'ACCESS_TOKEN'
  /** Okta client credentials with a signed client assertion (production). */
  | 'KEY_PAIR'
  /** No credential is configured: the app's fields answer UPSTREAM_NOT_CONFIGURED. */
  | 'NONE'
  /** A per-app refresh token from the app's Account page. */
  | 'REFRESH_TOKEN'
  /** A JWT the gateway signs itself (Skykit). */
  | 'SELF_SIGNED_JWT'
  /** The built-in simulator `npm start` runs when no credentials are set: demo data, not Kensho or Skykit. */
  | 'SIMULATOR';

/** An earnings call. */
export type EarningsCall = {
  __typename: 'EarningsCall';
  /** The company whose call it is. */
  company: Company;
  /** NERD over transcriptText, with the call's company as originatingEntityId; CAPIQ entities lead on to `Entity.company`. Null until a transcript exists. */
  entities: Maybe<Array<KnowledgeBaseAnnotations>>;
  /** kFinance's key development id; it leads to the transcript. */
  keyDevId: Scalars['ID']['output'];
  /** When the call starts (UTC). */
  startsAt: Maybe<Scalars['DateTime']['output']>;
  /** The call's title, e.g. "S&P Global Inc., Q1 2025 Earnings Call, Apr 29, 2025". */
  title: Scalars['String']['output'];
  /** Null until a transcript exists (upcoming calls); needs TranscriptsPermission. */
  transcript: Maybe<Array<EarningsTranscriptPart>>;
  /** The transcript as one text, each turn `Speaker: text`, turns separated by a blank line (kFinance's raw form); `entities` offsets index this text. Null until a transcript exists. */
  transcriptText: Maybe<Scalars['String']['output']>;
};


/** An earnings call. */
export type EarningsCallEntitiesArgs = {
  knowledgeBases?: InputMaybe<Array<KnowledgeBase>>;
};

/** One turn of a transcript. */
export type EarningsTranscriptPart = {
  __typename: 'EarningsTranscriptPart';
  /** kFinance's component type, e.g. Presentation Operator Message. */
  componentType: Scalars['String']['output'];
  /** Who speaks. */
  speaker: Scalars['String']['output'];
  /** What was said. */
  text: Scalars['String']['output'];
};

/** An entity in a knowledge base. */
export type Entity = {
  __typename: 'Entity';
  /** CAPIQ companies only: the kFinance company with this id. Null for WIKIMEDIA, for people, and for ids kFinance does not know. All entities of one operation are resolved together (one kFinance identification call per 100). */
  company: Maybe<Company>;
  /**
   * The entity's id in its knowledge base exactly as NERD sends it: for WIKIMEDIA a bare Wikidata
   * number ("3870" for Nairobi, Q3870; see wikidataId), for CAPIQ a Capital IQ id ("251994106").
   */
  kbId: Scalars['ID']['output'];
  /** The knowledge base the entity belongs to. */
  knowledgeBase: KnowledgeBase;
  /** The entity's name in the knowledge base; null when NERD sent none. */
  label: Maybe<Scalars['String']['output']>;
  /** The knowledge base's type for the entity, e.g. CITY, COMPANY, NGO, GOVERNMENT, PERSON (not the NER type); null when NERD sent none. */
  type: Maybe<Scalars['String']['output']>;
  /** The entity's Wikidata page (https://www.wikidata.org/wiki/Q3870) for WIKIMEDIA; null for CAPIQ (NERD documents no Capital IQ page). */
  url: Maybe<Scalars['String']['output']>;
  /** The Wikidata item id ("Q3870") of a WIKIMEDIA entity; null for CAPIQ. */
  wikidataId: Maybe<Scalars['String']['output']>;
};

/** A span of the text recognised as an entity. */
export type EntityAnnotation = {
  __typename: 'EntityAnnotation';
  /** Offset just after the last character (exclusive), in UTF-16 code units (what JavaScript's String.slice uses); null with startIndex. */
  endIndex: Maybe<Scalars['Int']['output']>;
  /** The linked entity; null when the span is an entity that could not be linked. */
  entity: Maybe<Entity>;
  /** Confidence of the link, 0 to 1; null when the span could not be linked. */
  nedScore: Maybe<Scalars['Float']['output']>;
  /** Confidence of the recognition, 0 to 1; null when NERD sent none. */
  nerScore: Maybe<Scalars['Float']['output']>;
  /**
   * The type the recogniser gave the span (NER type): for WIKIMEDIA one of EVENT, FAC, GPE, LAW,
   * LOC, NORP, ORG, PERSON, PRODUCT, WORK_OF_ART; always ORG for CAPIQ (a person tagged with
   * tagPeople too); UNKNOWN when NERD sent none. Not the knowledge base's own type, which is Entity.type.
   */
  nerType: Scalars['String']['output'];
  /**
   * Offset of the first character, in JavaScript string indices (UTF-16 code units), whatever
   * unit NERD counted in (it counts code points, which differ after emoji and other characters
   * outside the BMP). Null, with endIndex, when NERD's offsets fit neither unit and the span's
   * text was not found in the text (the gateway logs a warning).
   */
  startIndex: Maybe<Scalars['Int']['output']>;
  /** The span itself, equal to text.slice(startIndex, endIndex) in JavaScript (NERD's own span text when the span could not be placed). */
  text: Scalars['String']['output'];
};

/** How relevant one linked entity is to the text. */
export type EntityRelevance = {
  __typename: 'EntityRelevance';
  /** The entity's id in the knowledge base, as `Entity.kbId` gives it (a bare Wikidata number for WIKIMEDIA, a Capital IQ id for CAPIQ). */
  kbId: Scalars['ID']['output'];
  /** NERD's relevance score as sent: higher is more relevant (e.g. 0.5); NERD does not publish its range. */
  score: Scalars['Float']['output'];
};

/** The structured document Extract produced. */
export type ExtractedDocument = {
  __typename: 'ExtractedDocument';
  /**
   * Entities in `text`, found by Kensho NERD node by node (in a few batched calls), with offsets
   * into `text` (UTF-16 code units). An entity found in several batches keeps its highest relevance.
   */
  entities: Maybe<Array<KnowledgeBaseAnnotations>>;
  /** The output format this document was read in. */
  format: ExtractionOutputFormat;
  /** The document as Markdown: headings, paragraphs, captions in italics and tables (page headers and footers left out); empty when the document has no text. */
  markdown: Scalars['String']['output'];
  /** The node with this uid (the root included); null when the document has none. */
  node: Maybe<ContentNode>;
  /**
   * Nodes in reading order (the root excluded), optionally only of some types, or only those with a
   * location on one page (0-based; in the STRUCTURED_DOCUMENT format nodes have no locations).
   */
  nodes: Array<ContentNode>;
  /** The processed pages, in order; empty when Extract sent no page sizes. */
  pages: Array<PdfPage>;
  /** Every relation between nodes Extract sent (only with `includeRelations`; empty otherwise). */
  relations: Array<ContentRelation>;
  /** The DOCUMENT node at the root of the content tree. */
  root: ContentNode;
  /** Every TABLE and FIGURE_EXTRACTED_TABLE in reading order, rebuilt as grids. */
  tables: Array<Table>;
  /** The document's text in reading order: one block per node with text, blocks separated by a blank line, a table as newline-separated rows of tab-separated cells. */
  text: Scalars['String']['output'];
};


/** The structured document Extract produced. */
export type ExtractedDocumentEntitiesArgs = {
  knowledgeBases?: InputMaybe<Array<KnowledgeBase>>;
};


/** The structured document Extract produced. */
export type ExtractedDocumentNodeArgs = {
  uid: Scalars['ID']['input'];
};


/** The structured document Extract produced. */
export type ExtractedDocumentNodesArgs = {
  page?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<ContentType>>;
};

/** One extraction job. */
export type Extraction = {
  __typename: 'Extraction';
  /**
   * The structured document once the job succeeded; null while PENDING and when FAILED. Asking
   * for another format than the default may cost one more call to Extract.
   */
  document: Maybe<ExtractedDocument>;
  /** Why the job failed, as Extract said it (or a gateway message when Extract gave no reason); null unless FAILED. */
  error: Maybe<Scalars['String']['output']>;
  /** Extract's request id, a UUID; pass it to `extraction`, `awaitExtraction` or `extractionUpdated`. */
  id: Scalars['ID']['output'];
  /** What Extract reports about the job, as it sent it (a JSON object; `{}` when it sent none). */
  metadata: Scalars['JSON']['output'];
  /** Where the job stands; Extract's upload-waiting states count as PENDING. */
  status: ExtractionStatus;
};


/** One extraction job. */
export type ExtractionDocumentArgs = {
  format?: InputMaybe<ExtractionOutputFormat>;
};

/** How Extract structures a document. */
export type ExtractionDocumentType =
  /** Titles, text and tables. */
  | 'GENERAL'
  /** Adds paragraphs, H1/H2 headings, table and figure titles, nested under their headings. */
  | 'HIERARCHICAL'
  /** Adds H3–H5, page headers and footers, footnotes, captions and tables of contents. */
  | 'HIERARCHICAL_V2';

/**
 * Options of one extraction; each maps to one of Extract's documented form fields. Files larger
 * than the gateway's EXTRACT_UPLOAD_URL_THRESHOLD_BYTES (25 MiB unless configured) go through Extract's upload-url call,
 * which does not take `includeImages`, `includeRelations` or `returnAbsolutePageNumbers`: for such
 * a file, setting one of them to true is refused with BAD_USER_INPUT (reason
 * NOT_SUPPORTED_FOR_LARGE_FILES) instead of being dropped.
 */
export type ExtractionOptions = {
  /** Your own id for the document (1 to 256 characters), sent to Extract as `document_id`. */
  documentId?: InputMaybe<Scalars['String']['input']>;
  /** How finely Extract structures the document (sent as `document_type`). */
  documentType?: InputMaybe<ExtractionDocumentType>;
  /** Use Extract's enhanced table extraction, for tables with complex layouts (sent as `enhanced_table_extraction`). */
  enhancedTableExtraction?: InputMaybe<Scalars['Boolean']['input']>;
  /** Also read tables out of figures (FIGURE_EXTRACTED_TABLE nodes). */
  figureExtraction?: InputMaybe<Scalars['Boolean']['input']>;
  /** Also return image nodes. Not for files over EXTRACT_UPLOAD_URL_THRESHOLD_BYTES. */
  includeImages?: InputMaybe<Scalars['Boolean']['input']>;
  /** Also return relations between nodes (see `ExtractedDocument.relations`). Not for files over EXTRACT_UPLOAD_URL_THRESHOLD_BYTES. */
  includeRelations?: InputMaybe<Scalars['Boolean']['input']>;
  /** True for scanned PDFs (runs OCR); false for PDFs with a text layer. */
  ocr?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * Only these pages: 1-based numbers and ascending ranges, comma separated, e.g. "1-5,7,14-16"
   * (spaces are ignored); anything else is refused with BAD_USER_INPUT. All pages when left out.
   */
  pages?: InputMaybe<Scalars['String']['input']>;
  /** LOW for jobs that can wait; leave it out for Extract's normal priority. */
  priority?: InputMaybe<ExtractionPriority>;
  /** Page numbers in locations count from the PDF's first page instead of the first requested page. Not for files over EXTRACT_UPLOAD_URL_THRESHOLD_BYTES. */
  returnAbsolutePageNumbers?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The output formats of Extract; they differ in how much position data each node carries. */
export type ExtractionOutputFormat =
  /** Structure and text only: no locations. */
  | 'STRUCTURED_DOCUMENT'
  /** Adds per-line texts, boxes and character positions (`ContentNode.textNodeData`). */
  | 'WITH_CHARACTER_OFFSETS'
  /** Adds each node's boxes on the page (the default). */
  | 'WITH_LOCATIONS';

/**
 * How soon Extract processes a job. Extract documents a single value, `low`, for jobs that can
 * wait; without it a job gets Extract's normal priority.
 */
export type ExtractionPriority =
  /** Extract's normal priority: nothing is sent, exactly as when `priority` is left out (Extract has no higher priority). */
  | 'HIGH'
  /** Extract's low priority (sent as `priority=low`). */
  | 'LOW';

/** Where a job stands. */
export type ExtractionStatus =
  /** Finished without a document: `Extraction.error` says why. */
  | 'FAILED'
  /** Queued, waiting for its upload, or running (also any state Extract adds later). */
  | 'PENDING'
  /** Finished: `Extraction.document` holds the structured document. */
  | 'SUCCESS';

/** One period. `key` is kFinance's label (FY2023, FY2024Q1, CY2024Q1, PED2023-08-31): show it, and compute with endDate and months. */
export type FinancialPeriod = {
  __typename: 'FinancialPeriod';
  /** Last day of the period. */
  endDate: Maybe<Scalars['Date']['output']>;
  /** Statements, segments, or the single line item asked for. */
  groups: Array<LineItemGroup>;
  /** kFinance's period label. */
  key: Scalars['String']['output'];
  /** Length of the period in months. */
  months: Maybe<Scalars['Int']['output']>;
};

/** Financial data over periods. */
export type FinancialSeries = {
  __typename: 'FinancialSeries';
  /** ISO currency of the values. */
  currency: Maybe<Scalars['String']['output']>;
  /** The periods, in kFinance's order (oldest first). */
  periods: Array<FinancialPeriod>;
};

/** A company's side of a funding round. */
export type FundingRole =
  /** The company invested in it. */
  | 'INVESTED'
  /** The company raised the round. */
  | 'RAISED';

/** A round of funding. */
export type FundingRound = {
  __typename: 'FundingRound';
  /** Closing date. */
  closedOn: Maybe<Scalars['Date']['output']>;
  /** e.g. Series B. */
  fundingType: Maybe<Scalars['String']['output']>;
  /** kFinance's notes on the round. */
  notes: Maybe<Scalars['String']['output']>;
  /** kFinance's transaction id. */
  transactionId: Scalars['ID']['output'];
};

/** Facts about this gateway, for people exploring it. */
export type GatewayInfo = {
  __typename: 'GatewayInfo';
  /** Each upstream application and whether it is configured, one entry per app. */
  upstreams: Array<UpstreamStatus>;
  /** The gateway's version (the package version, e.g. 0.1.0). */
  version: Scalars['String']['output'];
};

/** A knowledge base NERD links entities to. */
export type KnowledgeBase =
  /** S&P Capital IQ companies (numeric ids), and people when tagPeople is asked for and granted. */
  | 'CAPIQ'
  /** Wikidata/Wikipedia entities. NERD identifies them by bare Wikidata number ("312" for Q312). */
  | 'WIKIMEDIA';

/** The annotations NERD found against one knowledge base. */
export type KnowledgeBaseAnnotations = {
  __typename: 'KnowledgeBaseAnnotations';
  /** Spans recognised in the text, in text order. */
  annotations: Array<EntityAnnotation>;
  /** The knowledge base these annotations link to. */
  knowledgeBase: KnowledgeBase;
  /** Relevance of each linked entity to the whole text, one entry per entity (empty when NERD sent no scores). */
  relevance: Array<EntityRelevance>;
};

/** A statement (Income Statement), a segment (Ratings), or the single line item asked for. */
export type LineItemGroup = {
  __typename: 'LineItemGroup';
  /** Its line items. */
  items: Array<LineItemValue>;
  /** The statement's, segment's or line item's name. */
  name: Scalars['String']['output'];
};

/** One value. */
export type LineItemValue = {
  __typename: 'LineItemValue';
  /** Line item name, e.g. Total Revenues. */
  name: Scalars['String']['output'];
  /** Where the figure comes from (Capital IQ document links); empty for many private companies. */
  sources: Array<SourceLink>;
  /** The value, exact; null when kFinance has none. */
  value: Maybe<Scalars['Decimal']['output']>;
};

/** A knowledge base Kensho Link matches company records against. */
export type LinkKnowledgeBase =
  /** S&P Capital IQ: the id is a Capital IQ company id, the same number space as a NERD CAPIQ `Entity.kbId`. */
  | 'CAPIQ'
  /** S&P Market Intelligence (the newer Link docs call the database S&P Capital IQ Pro). */
  | 'MI';

/** A box on a page, as fractions of the page's width and height, origin top-left. */
export type Location = {
  __typename: 'Location';
  /** The box's height as a fraction of the page height, 0–1. */
  height: Scalars['Float']['output'];
  /**
   * 0-based page number, relative to the requested pages (page 0 is the first page of
   * `ExtractionOptions.pages`) unless `returnAbsolutePageNumbers` was asked for.
   */
  page: Scalars['Int']['output'];
  /** The box's width as a fraction of the page width, 0–1. */
  width: Scalars['Float']['output'];
  /** The box's left edge, measured from the page's left edge as a fraction of the page width, 0–1. */
  x: Scalars['Float']['output'];
  /** The box's top edge, measured down from the page's top edge as a fraction of the page height, 0–1. */
  y: Scalars['Float']['output'];
};

/** One day's market data of a company. */
export type MarketCapPoint = {
  __typename: 'MarketCapPoint';
  /** The trading day. */
  date: Maybe<Scalars['Date']['output']>;
  /** Market capitalisation, exact. */
  marketCap: Maybe<Scalars['Decimal']['output']>;
  /** Shares outstanding. */
  sharesOutstanding: Maybe<Scalars['Decimal']['output']>;
  /** Total enterprise value, exact. */
  tev: Maybe<Scalars['Decimal']['output']>;
};

/** Market capitalisation over time. */
export type MarketCapSeries = {
  __typename: 'MarketCapSeries';
  /** ISO currency of the values. */
  currency: Maybe<Scalars['String']['output']>;
  /** One point per trading day, oldest first. */
  points: Array<MarketCapPoint>;
};

/** An M&A deal. */
export type Merger = {
  __typename: 'Merger';
  /** The buyers kFinance knows as companies. */
  buyers: Array<Company>;
  /** What was paid; null when undisclosed. */
  consideration: Maybe<MergerConsideration>;
  /** The sellers kFinance knows as companies. */
  sellers: Array<Company>;
  /** The company acquired; null when kFinance does not know it as a company. */
  target: Maybe<Company>;
  /** What happened when. */
  timeline: Array<MergerEvent>;
  /** kFinance's transaction id. */
  transactionId: Scalars['ID']['output'];
};

/** A deal's value, exact. */
export type MergerConsideration = {
  __typename: 'MergerConsideration';
  /** Currency name as kFinance sends it (US Dollar). */
  currency: Maybe<Scalars['String']['output']>;
  /** Gross total transaction value. */
  grossTotalValue: Maybe<Scalars['Decimal']['output']>;
  /** Implied enterprise value. */
  impliedEnterpriseValue: Maybe<Scalars['Decimal']['output']>;
  /** Implied equity value. */
  impliedEquityValue: Maybe<Scalars['Decimal']['output']>;
};

/** One step of a deal. */
export type MergerEvent = {
  __typename: 'MergerEvent';
  /** When. */
  date: Maybe<Scalars['Date']['output']>;
  /** e.g. Announced, Closed. */
  status: Scalars['String']['output'];
};

/** One deal in a company's M&A list. */
export type MergerSummary = {
  __typename: 'MergerSummary';
  /** Announcement date (v7 only). */
  announcedOn: Maybe<Scalars['Date']['output']>;
  /** Closing date; null while open. */
  closedOn: Maybe<Scalars['Date']['output']>;
  /** The deal's details (one batched call for every deal of the operation with v7). */
  details: Maybe<Merger>;
  /** Deal status, e.g. Closed (v7 only). */
  status: Maybe<Scalars['String']['output']>;
  /** A title: kFinance's (spec) or built from the buyers' and target's names (v7). */
  title: Maybe<Scalars['String']['output']>;
  /** kFinance's transaction id. */
  transactionId: Scalars['ID']['output'];
};

/** The entry point for changes: Extract and Scribe submissions, deleting a transcription, and Skykit device changes. */
export type Mutation = {
  __typename: 'Mutation';
  /** Asks a device to play other content; Skykit accepts the change and the device plays it later. */
  changeSkykitContent: Maybe<ChangeSkykitContentPayload>;
  /** Deletes the job's data at Scribe. Idempotent: true also for unknown ids. */
  deleteTranscription: Scalars['Boolean']['output'];
  /**
   * Sends a PDF to Kensho Extract and returns the new job (PENDING). The file streams to Extract;
   * larger files than the gateway's limit, empty files and files that are not PDFs (by content,
   * not name) are refused with BAD_USER_INPUT before anything is sent.
   */
  submitExtraction: Extraction;
  /**
   * Streams an audio or video file to Scribe (GraphQL multipart request). Refused with
   * BAD_USER_INPUT before anything is sent: files over SCRIBE_MAX_FILE_BYTES (1 GB) and content
   * that is not AAC, FLAC, MP1/MP3, WAV or MP4 (sniffed from the bytes, not the name).
   */
  submitTranscription: Transcription;
  /** Has Scribe download the media itself (http/https, under 2048 characters, no credentials: a pre-signed URL works). The gateway never fetches it. Loopback, link-local, private and localhost hosts are refused (BAD_USER_INPUT, reason PRIVATE_MEDIA_URL) unless SCRIBE_ALLOW_PRIVATE_MEDIA_URLS is set. */
  submitTranscriptionFromUrl: Transcription;
  /** Sets a device's time zone and/or hours of operation. */
  updateSkykitDevice: Maybe<UpdateSkykitDevicePayload>;
};


/** The entry point for changes: Extract and Scribe submissions, deleting a transcription, and Skykit device changes. */
export type MutationChangeSkykitContentArgs = {
  input: ChangeSkykitContentInput;
};


/** The entry point for changes: Extract and Scribe submissions, deleting a transcription, and Skykit device changes. */
export type MutationDeleteTranscriptionArgs = {
  id: Scalars['ID']['input'];
};


/** The entry point for changes: Extract and Scribe submissions, deleting a transcription, and Skykit device changes. */
export type MutationSubmitExtractionArgs = {
  file: Scalars['Upload']['input'];
  options?: InputMaybe<ExtractionOptions>;
};


/** The entry point for changes: Extract and Scribe submissions, deleting a transcription, and Skykit device changes. */
export type MutationSubmitTranscriptionArgs = {
  file: Scalars['Upload']['input'];
  options?: InputMaybe<TranscriptionOptions>;
};


/** The entry point for changes: Extract and Scribe submissions, deleting a transcription, and Skykit device changes. */
export type MutationSubmitTranscriptionFromUrlArgs = {
  mediaUrl: Scalars['String']['input'];
  options?: InputMaybe<TranscriptionOptions>;
};


/** The entry point for changes: Extract and Scribe submissions, deleting a transcription, and Skykit device changes. */
export type MutationUpdateSkykitDeviceArgs = {
  input: UpdateSkykitDeviceInput;
};

/** Relay pagination state of a connection. */
export type PageInfo = {
  __typename: 'PageInfo';
  /** Pass as `after` to continue after the last edge; null when there are no edges. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when more items follow the last edge; always false when `first` is 0 (the gateway does not look ahead). */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A page of the processed PDF, with its size in PDF points (1/72 inch). */
export type PdfPage = {
  __typename: 'PdfPage';
  /** The page's height in PDF points (1/72 inch). */
  height: Scalars['Float']['output'];
  /** 0-based position among the pages Extract listed, as locations count them (without absolute page numbering). */
  index: Scalars['Int']['output'];
  /** Degrees the page must be turned counter-clockwise to read it, rounded to a whole number (0 for an upright page). */
  requiredCcwRotation: Scalars['Int']['output'];
  /** The page's width in PDF points (1/72 inch). */
  width: Scalars['Float']['output'];
};

/** Which periods to return: absolute years (and quarters), or a window relative to now (numPeriods, numPeriodsBack), not both; nothing for the latest data. */
export type PeriodSelection = {
  /** Fiscal or calendar periods. */
  calendar?: InputMaybe<CalendarType>;
  /** Last quarter (1–4) of endYear. */
  endQuarter?: InputMaybe<Scalars['Int']['input']>;
  /** Last year (1000–9999). */
  endYear?: InputMaybe<Scalars['Int']['input']>;
  /** How many periods (1–99), ending now. */
  numPeriods?: InputMaybe<Scalars['Int']['input']>;
  /** How many periods back the window ends (0–99). */
  numPeriodsBack?: InputMaybe<Scalars['Int']['input']>;
  /** Period granularity; kFinance's default when omitted. */
  periodType?: InputMaybe<PeriodType>;
  /** First quarter (1–4) of startYear. */
  startQuarter?: InputMaybe<Scalars['Int']['input']>;
  /** First year (1000–9999). */
  startYear?: InputMaybe<Scalars['Int']['input']>;
};

/** Period granularity. */
export type PeriodType =
  /** Years (calendar years for public companies, fiscal years for private ones, as kFinance defines them). */
  | 'ANNUAL'
  /** Last twelve months. */
  | 'LTM'
  /** Quarters. */
  | 'QUARTERLY'
  /** Year to date. */
  | 'YTD';

/** Bar length of a price series. */
export type Periodicity =
  /** One bar per trading day, labelled with its date. */
  | 'DAY'
  /** One bar per month, labelled like "January 2024". */
  | 'MONTH'
  /** One bar per week, labelled like "2024 Week 2". */
  | 'WEEK'
  /** One bar per year, labelled like "2024". */
  | 'YEAR';

/** One bar. `label` is a date (YYYY-MM-DD) for DAY, otherwise kFinance's label ("2024 Week 2", "January 2024", "2024"): keep it as a label, do not parse it as a date. */
export type PriceBar = {
  __typename: 'PriceBar';
  /** Closing price. */
  close: Maybe<Scalars['Decimal']['output']>;
  /** Highest price. */
  high: Maybe<Scalars['Decimal']['output']>;
  /** The bar's label (see the type). */
  label: Scalars['String']['output'];
  /** Lowest price. */
  low: Maybe<Scalars['Decimal']['output']>;
  /** Opening price; kFinance sometimes has none. */
  open: Maybe<Scalars['Decimal']['output']>;
  /** Shares traded. */
  volume: Maybe<Scalars['Decimal']['output']>;
};

/** A price history. */
export type PriceSeries = {
  __typename: 'PriceSeries';
  /** Bars, oldest first. */
  bars: Array<PriceBar>;
  /** ISO currency of the prices. */
  currency: Maybe<Scalars['String']['output']>;
};

/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type Query = {
  __typename: 'Query';
  /**
   * Finds and links named entities in a text with Kensho NERD. Short texts use NERD's
   * synchronous call, long ones an async job the gateway follows for you. Identical calls within
   * one operation reach NERD once. Null (with an error) when NERD cannot answer, so the rest of
   * the operation still resolves.
   */
  annotateText: Maybe<Array<KnowledgeBaseAnnotations>>;
  /**
   * Long poll for clients that cannot use WebSockets: answers as soon as the job reaches a final
   * state, or after `timeoutSeconds` with its current state. Null for an unknown id.
   */
  awaitExtraction: Maybe<Extraction>;
  /** Long poll: the transcription as soon as it is final, or its current state after `timeoutSeconds` (default 25, at most SCRIBE_MAX_AWAIT_SECONDS); null for an unknown id. If Scribe kept failing until the wait ended: UPSTREAM_UNAVAILABLE (retryable), with the last known status in `extensions.lastKnownStatus`. */
  awaitTranscription: Maybe<Transcription>;
  /** A company by CapIQ company id; null when kFinance does not know it. */
  company: Maybe<Company>;
  /** An extraction job by id; null when Extract does not know it. */
  extraction: Maybe<Extraction>;
  /** Facts about this gateway: version and which upstreams are configured. Needs no upstream and no caller scope. */
  gateway: GatewayInfo;
  /**
   * Matches your company records to S&P ids with Kensho Link. Read-only, so a query. Requests of
   * more than LINK_BATCH_SIZE records (100 unless configured) are split into several Link calls,
   * made a few at a time, and merged back in input order. Null (with an error) when Link cannot
   * answer, so the rest of the operation still resolves.
   */
  linkCompanies: Maybe<Array<CompanyRecordLinks>>;
  /** An M&A deal by kFinance transaction id; null when kFinance does not know it. */
  merger: Maybe<Merger>;
  /** Tickers (AAPL or NasdaqGS:AAPL), ISINs, CUSIPs, company names or CapIQ ids (as C_123): one result per input, in order. Names resolve to kFinance's most likely match: show the returned name. At most 500 per query. */
  resolveCompanies: Array<CompanyResolution>;
  /** One device by exactly one of id and serialNumber; null when Skykit does not know it. */
  skykitDevice: Maybe<SkykitDevice>;
  /** Devices, optionally of one tenant or managing organization, as a Relay connection, in Skykit's order. */
  skykitDevices: Maybe<SkykitDeviceConnection>;
  /** Tenants, optionally of one managing organization, as a Relay connection, in Skykit's order. */
  skykitTenants: Maybe<SkykitTenantConnection>;
  /** A transcription's current state (one HEAD; one GET more once it has finished); null for an unknown, deleted or expired id. */
  transcription: Maybe<Transcription>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryAnnotateTextArgs = {
  knowledgeBases?: InputMaybe<Array<KnowledgeBase>>;
  originatingEntityId?: InputMaybe<Scalars['String']['input']>;
  tagPeople?: InputMaybe<Scalars['Boolean']['input']>;
  text: Scalars['String']['input'];
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryAwaitExtractionArgs = {
  id: Scalars['ID']['input'];
  timeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryAwaitTranscriptionArgs = {
  id: Scalars['ID']['input'];
  timeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryCompanyArgs = {
  id: Scalars['ID']['input'];
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryExtractionArgs = {
  id: Scalars['ID']['input'];
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryLinkCompaniesArgs = {
  knowledgeBase?: InputMaybe<LinkKnowledgeBase>;
  records: Array<CompanyRecordInput>;
  topN?: InputMaybe<Scalars['Int']['input']>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryMergerArgs = {
  transactionId: Scalars['ID']['input'];
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryResolveCompaniesArgs = {
  identifiers: Array<Scalars['String']['input']>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QuerySkykitDeviceArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  serialNumber?: InputMaybe<Scalars['String']['input']>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QuerySkykitDevicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  managingOrgCode?: InputMaybe<Scalars['String']['input']>;
  tenantCode?: InputMaybe<Scalars['String']['input']>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QuerySkykitTenantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  managingOrgCode?: InputMaybe<Scalars['String']['input']>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryTranscriptionArgs = {
  id: Scalars['ID']['input'];
};

/** Companies in one business relationship to a company. */
export type RelatedCompanies = {
  __typename: 'RelatedCompanies';
  /** Current relationships. */
  current: Array<Company>;
  /** Past relationships. */
  previous: Array<Company>;
};

/** A security of a company (a share class); its listings are trading items. */
export type Security = {
  __typename: 'Security';
  /** The issuer. */
  company: Company;
  /** CUSIP (needs IDPermission); null when it has none. */
  cusip: Maybe<Scalars['String']['output']>;
  /** The security id. */
  id: Scalars['ID']['output'];
  /** ISIN (needs IDPermission); null when it has none. */
  isin: Maybe<Scalars['String']['output']>;
  /** Its listings. */
  tradingItems: Maybe<Array<TradingItem>>;
};

/** How segments are cut. */
export type SegmentType =
  /** By line of business. */
  | 'BUSINESS'
  /** By region. */
  | 'GEOGRAPHIC';

/** A digital-signage device managed through Skykit. */
export type SkykitDevice = {
  __typename: 'SkykitDevice';
  /** Version of the Chrome WebView the device's player runs, as Skykit reports it; null when not reported. */
  chromeWebviewVersion: Maybe<Scalars['String']['output']>;
  /** How the device is connected to the network, as Skykit reports it; null when not reported. */
  connectionType: Maybe<Scalars['String']['output']>;
  /** The device's display name in Skykit's content manager; null when not set. */
  contentManagerDisplayName: Maybe<Scalars['String']['output']>;
  /** The device's location as Skykit's content manager records it; null when not set. */
  contentManagerLocation: Maybe<Scalars['String']['output']>;
  /** The name of the media item a content change asked for that the device has not played yet; null when nothing is pending. (Skykit sends this name, not a flag.) */
  contentPending: Maybe<Scalars['String']['output']>;
  /** Version name of Skykit's control app on the device; null when not reported. */
  controlVersionName: Maybe<Scalars['String']['output']>;
  /** When Skykit created the device's record (UTC); null when Skykit sent no readable time. */
  created: Maybe<Scalars['DateTime']['output']>;
  /** The app the device opens as its home screen, as Skykit names it; null when not set. */
  defaultHomeApp: Maybe<Scalars['String']['output']>;
  /** The display's aspect ratio as Skykit sends it, e.g. 16:9; null when not reported. */
  displayRatio: Maybe<Scalars['String']['output']>;
  /** MAC address of the device's Ethernet interface, as Skykit formats it; null when not reported. */
  ethernetMacAddress: Maybe<Scalars['String']['output']>;
  /** True while a content change is pending (contentPending then names the item). */
  hasContentPending: Scalars['Boolean']['output'];
  /** When the device last reported in (its last heartbeat, UTC); null when Skykit sent no readable time. */
  heartbeatUpdated: Maybe<Scalars['DateTime']['output']>;
  /** Version name of Skykit's home app on the device; null when not reported. */
  homeVersionName: Maybe<Scalars['String']['output']>;
  /** Opening hours as Skykit stores them (its schema is not published); null when none are set. */
  hoursOfOperation: Maybe<Scalars['JSON']['output']>;
  /** Skykit's device id, as Skykit sent it (a number becomes its decimal string). */
  id: Scalars['ID']['output'];
  /** The name of the content the device last played; null when not reported. */
  lastPlayedContentName: Maybe<Scalars['String']['output']>;
  /** Version name of Skykit's launcher app on the device; null when not reported. */
  launcherVersionName: Maybe<Scalars['String']['output']>;
  /** The device's MAC address as Skykit formats it (a field Skykit's public documentation does not list); null when not reported. */
  macAddress: Maybe<Scalars['String']['output']>;
  /** The device's hardware model (a field Skykit's public documentation does not list); null when not reported. */
  model: Maybe<Scalars['String']['output']>;
  /** The device's operating system version (a field Skykit's public documentation does not list); null when not reported. */
  osVersion: Maybe<Scalars['String']['output']>;
  /** The device exactly as Skykit sent it (a JSON object), including fields this schema does not name and timestamps in Skykit's own format. */
  raw: Scalars['JSON']['output'];
  /** The device's serial number; the other way to name it in `skykitDevice` and the mutations. Null when Skykit sent none. */
  serialNumber: Maybe<Scalars['String']['output']>;
  /** The tenant the device belongs to, looked up once per request for all devices that need it; null without a `tenantCode` or when Skykit's tenant list has no such tenant. */
  tenant: Maybe<SkykitTenant>;
  /** The code of the tenant the device belongs to (`SkykitTenant.code`); null when Skykit sent none. */
  tenantCode: Maybe<Scalars['String']['output']>;
  /** The device's IANA time zone, e.g. US/Central (set it with `updateSkykitDevice`); null when not set. */
  timezone: Maybe<Scalars['String']['output']>;
  /** When Skykit last changed the device's record (UTC; a field Skykit's public documentation does not list); null when Skykit sent no readable time. */
  updated: Maybe<Scalars['DateTime']['output']>;
};

/** A page of devices. */
export type SkykitDeviceConnection = {
  __typename: 'SkykitDeviceConnection';
  /** The devices of this page, at most `first`. */
  edges: Array<SkykitDeviceEdge>;
  /** Whether more devices follow, and the cursor to continue from. */
  pageInfo: PageInfo;
};

/** One device in a page of devices. */
export type SkykitDeviceEdge = {
  __typename: 'SkykitDeviceEdge';
  /** Opaque cursor: pass it as `after` to continue after this device. */
  cursor: Scalars['String']['output'];
  /** The device. */
  node: SkykitDevice;
};

/** A Skykit managing organization: the top of the hierarchy (organization → tenants → devices). */
export type SkykitManagingOrg = {
  __typename: 'SkykitManagingOrg';
  /** Skykit's code for the organization (`managingOrgCode`), as `skykitDevices` and `skykitTenants` take it. */
  code: Scalars['ID']['output'];
  /** The organization's name; null when Skykit sent none. */
  name: Maybe<Scalars['String']['output']>;
};

/** A Skykit tenant: a customer account holding devices. */
export type SkykitTenant = {
  __typename: 'SkykitTenant';
  /** Skykit's code for the tenant (`tenantCode`), as `skykitDevices` takes it. */
  code: Scalars['ID']['output'];
  /** The tenant's devices, in Skykit's order, as a Relay connection. */
  devices: SkykitDeviceConnection;
  /** The tenant's domain name (e.g. example.com); null when Skykit sent none. */
  domainName: Maybe<Scalars['String']['output']>;
  /** The managing organization the tenant belongs to; null when Skykit sent no `managingOrgCode`. */
  managingOrg: Maybe<SkykitManagingOrg>;
  /** The tenant's name; null when Skykit sent none. */
  name: Maybe<Scalars['String']['output']>;
  /** Number of displays as Skykit counts them; null when Skykit sent no whole number. */
  numberOfDisplays: Maybe<Scalars['Int']['output']>;
};


/** A Skykit tenant: a customer account holding devices. */
export type SkykitTenantDevicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of tenants. */
export type SkykitTenantConnection = {
  __typename: 'SkykitTenantConnection';
  /** The tenants of this page, at most `first`. */
  edges: Array<SkykitTenantEdge>;
  /** Whether more tenants follow, and the cursor to continue from. */
  pageInfo: PageInfo;
};

/** One tenant in a page of tenants. */
export type SkykitTenantEdge = {
  __typename: 'SkykitTenantEdge';
  /** Opaque cursor: pass it as `after` to continue after this tenant. */
  cursor: Scalars['String']['output'];
  /** The tenant. */
  node: SkykitTenant;
};

/** A link to a source document. */
export type SourceLink = {
  __typename: 'SourceLink';
  /** kFinance's source type, e.g. doc-viewer line item. */
  type: Scalars['String']['output'];
  /** The document's URL. */
  url: Scalars['String']['output'];
};

/** Which financial statement. */
export type StatementType =
  /** Balance sheet. */
  | 'BALANCE_SHEET'
  /** Cash-flow statement. */
  | 'CASH_FLOW'
  /** Income statement. */
  | 'INCOME_STATEMENT';

/** Live updates over WebSocket (graphql-ws protocol) on /graphql, or Server-Sent Events (graphql-sse protocol) on /graphql/stream. */
export type Subscription = {
  __typename: 'Subscription';
  /**
   * The job's state now, then each status change until SUCCESS or FAILED. The gateway polls
   * Extract once per job however many clients subscribe, and stops when none is left.
   */
  extractionUpdated: Extraction;
  /** The transcription's state now, then at each change until it is final; one HEAD poller per job however many subscribe. */
  transcriptionUpdated: Transcription;
};


/** Live updates over WebSocket (graphql-ws protocol) on /graphql, or Server-Sent Events (graphql-sse protocol) on /graphql/stream. */
export type SubscriptionExtractionUpdatedArgs = {
  id: Scalars['ID']['input'];
};


/** Live updates over WebSocket (graphql-ws protocol) on /graphql, or Server-Sent Events (graphql-sse protocol) on /graphql/stream. */
export type SubscriptionTranscriptionUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** A table rebuilt from Extract's table-structure annotations. */
export type Table = {
  __typename: 'Table';
  /** Every placed cell, in row then column order. */
  cells: Array<TableCell>;
  /** Number of columns of the grid, spans included; 0 when Extract gave no table structure. */
  columnCount: Scalars['Int']['output'];
  /** The text of the header cells of each column, one entry per column (joined with a space when a column has several; empty for a column without one); an empty list when the table has no header cells. */
  columnHeaders: Array<Scalars['String']['output']>;
  /** True for a table Extract read out of a figure. */
  figureExtracted: Scalars['Boolean']['output'];
  /** The node the table is. */
  node: ContentNode;
  /** Number of rows of the grid, spans included; 0 when Extract gave no table structure. */
  rowCount: Scalars['Int']['output'];
  /** The grid, `rowCount` rows of `columnCount` entries: each cell at its top-left position; positions covered by a spanning cell, or by no cell, are null. */
  rows: Array<Array<Maybe<TableCell>>>;
  /** Its title or caption: one Extract related to it, else one right before or after it, else the text of the FIGURE it sits in; null when there is none. */
  title: Maybe<Scalars['String']['output']>;
  /** The uid of the table's node (`node.uid`). */
  uid: Scalars['ID']['output'];
};

/** One cell of a rebuilt table, placed by Extract's table-structure annotation. */
export type TableCell = {
  __typename: 'TableCell';
  /** 0-based column of the cell's top-left position. */
  column: Scalars['Int']['output'];
  /** How many columns the cell covers, at least 1. */
  columnSpan: Scalars['Int']['output'];
  /** The cell's text: its node's content, or the annotation's value when the node has none (figure-extracted tables). */
  content: Scalars['String']['output'];
  /** True when Extract marked the cell as a column header. */
  isColumnHeader: Scalars['Boolean']['output'];
  /** True when Extract marked the cell as a projected row header: a row spanning the table that heads the rows below it. */
  isProjectedRowHeader: Scalars['Boolean']['output'];
  /** The TABLE_CELL (or FIGURE_EXTRACTED_TABLE_CELL) node. */
  node: ContentNode;
  /** 0-based row of the cell's top-left position. */
  row: Scalars['Int']['output'];
  /** How many rows the cell covers, at least 1. */
  rowSpan: Scalars['Int']['output'];
};

/** Per-line detail of a text node (character-offsets format only). */
export type TextNodeData = {
  __typename: 'TextNodeData';
  /**
   * Where each character starts, line by line, as Extract sends it: for line i, one number per
   * character of `texts[i]`, the distance from the left edge of the line's box
   * (`textLocations[i]`) as a fraction (0–1) of that box's width — not a character index. A
   * line's list is null where Extract gave none; the whole list is null when Extract sent none.
   */
  characterOffsets: Maybe<Array<Maybe<Array<Scalars['Float']['output']>>>>;
  /** The box of each line, same order as `texts` (null where Extract gave none). */
  textLocations: Array<Maybe<Location>>;
  /** The node's text line by line, in reading order. */
  texts: Array<Scalars['String']['output']>;
};

/** One listing of a security on an exchange (a kFinance trading item); prices hang on it. */
export type TradingItem = {
  __typename: 'TradingItem';
  /** The company listed. */
  company: Company;
  /** ISO currency the listing trades in (pricing metadata). */
  currency: Maybe<Scalars['String']['output']>;
  /** The exchange's name (pricing metadata). */
  exchange: Maybe<Scalars['String']['output']>;
  /** First day of trading (pricing metadata). */
  firstTradeDate: Maybe<Scalars['Date']['output']>;
  /** The trading item id. */
  id: Scalars['ID']['output'];
  /** e.g. Equity (pricing metadata). */
  instrumentType: Maybe<Scalars['String']['output']>;
  /** Prices between two dates, both inclusive (needs PricingPermission). Without dates kFinance returns its whole history; the newest bar is the previous trading day's close. */
  prices: Maybe<PriceSeries>;
  /** The security this listing belongs to. */
  security: Maybe<Security>;
  /** The security id this listing belongs to. */
  securityId: Maybe<Scalars['ID']['output']>;
  /** The bare symbol, e.g. SPGI (pricing metadata). */
  symbol: Maybe<Scalars['String']['output']>;
  /** Exchange-qualified as kFinance sends it, e.g. NYSE:SPGI. */
  ticker: Maybe<Scalars['String']['output']>;
};


/** One listing of a security on an exchange (a kFinance trading item); prices hang on it. */
export type TradingItemPricesArgs = {
  adjusted?: InputMaybe<Scalars['Boolean']['input']>;
  from?: InputMaybe<Scalars['Date']['input']>;
  periodicity?: InputMaybe<Periodicity>;
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** Who transcribes. */
export type Transcriber =
  /** Human in the loop; slower, and the only kind that honours `mediaLanguage` and `priority`. */
  | 'HUMAN'
  /** Machine transcription only (Scribe's default). */
  | 'MACHINE';

/** A finished transcript. */
export type Transcript = {
  __typename: 'Transcript';
  /** Scribe's overall confidence, 0 to 1 (an indicator, not a measured word accuracy). */
  confidence: Maybe<Scalars['Float']['output']>;
  /** End of the last segment, in ms (derived: Scribe gives no media duration). */
  durationMs: Maybe<Scalars['Int']['output']>;
  /** NERD over `text`; offsets index `text`. CAPIQ entities lead on to companies. */
  entities: Maybe<Array<KnowledgeBaseAnnotations>>;
  /** Consecutive stretches of the audio, most likely one speaker's utterance each. */
  segments: Array<TranscriptSegment>;
  /** Distinct speaker ids of the segments (derived); Scribe gives no names. */
  speakers: Array<TranscriptSpeaker>;
  /** The whole text, as Scribe sent it. */
  text: Scalars['String']['output'];
};


/** A finished transcript. */
export type TranscriptEntitiesArgs = {
  knowledgeBases?: InputMaybe<Array<KnowledgeBase>>;
};

/** One segment (Scribe's slice). */
export type TranscriptSegment = {
  __typename: 'TranscriptSegment';
  /** Confidence, 0 to 1. */
  confidence: Maybe<Scalars['Float']['output']>;
  /** Length in ms. */
  durationMs: Scalars['Int']['output'];
  /** Confidence in the speaker attribution, 0 to 1. */
  speakerConfidence: Maybe<Scalars['Float']['output']>;
  /** The speaker (see `Transcript.speakers`). */
  speakerId: Maybe<Scalars['Int']['output']>;
  /** Start, in ms from the start of the media. */
  startMs: Scalars['Int']['output'];
  /** The segment's text. */
  text: Scalars['String']['output'];
  /** The segment's tokens, with their timings. */
  words: Array<TranscriptWord>;
};

/** A speaker heard in the transcript. */
export type TranscriptSpeaker = {
  __typename: 'TranscriptSpeaker';
  /** Scribe's speaker id: numbered from 0 in order of appearance; negative for unknown speakers. */
  id: Scalars['Int']['output'];
  /** False for Scribe's negative (unknown-speaker) ids. */
  known: Scalars['Boolean']['output'];
  /** Milliseconds of the segments attributed to this speaker. */
  speakingMs: Scalars['Int']['output'];
};

/** One token (punctuation included). */
export type TranscriptWord = {
  __typename: 'TranscriptWord';
  /** Confidence, 0 to 1. */
  confidence: Maybe<Scalars['Float']['output']>;
  /** Length in ms. */
  durationMs: Scalars['Int']['output'];
  /** Start, in ms from the start of the media. */
  startMs: Scalars['Int']['output'];
  /** The token. */
  text: Scalars['String']['output'];
  /** Scribe's align_success: false when the times are approximate. */
  timed: Scalars['Boolean']['output'];
};

/** A Kensho Scribe transcription job. */
export type Transcription = {
  __typename: 'Transcription';
  /** Why a FAILED job failed, as Scribe says it (with its msg_code). */
  error: Maybe<Scalars['String']['output']>;
  /** Scribe's Expires header: after this the result is gone. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Scribe's transcription id (opaque; keep it: Scribe has no list call). */
  id: Scalars['ID']['output'];
  /** Where the job stands. */
  status: TranscriptionStatus;
  /** The structured transcript, once SUCCESS. */
  transcript: Maybe<Transcript>;
  /** WebVTT exactly as Scribe renders it (one more call), once SUCCESS. */
  vtt: Maybe<Scalars['String']['output']>;
};

/** Options of one transcription; each maps to one of Scribe's `commonOptions`. */
export type TranscriptionOptions = {
  /** Notes stored with the job (Scribe's `context.description`). */
  contextDescription?: InputMaybe<Scalars['String']['input']>;
  /** Your own id for the job, stored with it (Scribe's `context.id`); Scribe never returns it. */
  contextId?: InputMaybe<Scalars['String']['input']>;
  /** A title stored with the job (Scribe's `context.title`). */
  contextTitle?: InputMaybe<Scalars['String']['input']>;
  /** ISO 639-1 or 639-3 code of the media's language (e.g. en, de, jpn); Scribe honours it only for HUMAN. */
  mediaLanguage?: InputMaybe<Scalars['String']['input']>;
  /** Only for HUMAN. */
  priority?: InputMaybe<TranscriptionPriority>;
  /** Machine (default) or human transcription. */
  transcriber?: InputMaybe<Transcriber>;
};

/** Turnaround of a HUMAN job (linked to contractual turnaround times). */
export type TranscriptionPriority =
  /** Scribe's `high`. */
  | 'HIGH'
  /** Scribe's `low`. */
  | 'LOW'
  /** Scribe's `medium` (its default). */
  | 'MEDIUM';

/** Where a transcription job stands (Scribe says it only through HEAD: 202 running, 200 done). */
export type TranscriptionStatus =
  /** Finished without a transcript (e.g. Scribe could not download `mediaUrl`): `Transcription.error` says why. */
  | 'FAILED'
  /** Queued or running. */
  | 'PENDING'
  /** Finished: `Transcription.transcript` holds the result, until `expiresAt`. */
  | 'SUCCESS';

/** Changes to a device. Name the device by exactly one of id and serialNumber; change at least one setting. */
export type UpdateSkykitDeviceInput = {
  /** Opening hours in Skykit's format (a JSON object; Skykit does not publish its schema), or null to clear them. Left out: unchanged. */
  hoursOfOperation?: InputMaybe<Scalars['JSON']['input']>;
  /** Skykit's device id (`SkykitDevice.id`); give this or `serialNumber`. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** The device's serial number; give this or `id`. */
  serialNumber?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone, e.g. US/Central or Europe/Zurich; checked before Skykit is called. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** The result of `updateSkykitDevice`. */
export type UpdateSkykitDevicePayload = {
  __typename: 'UpdateSkykitDevicePayload';
  /** The device after the change, as Skykit answered it or, when it answered none, read again; null when Skykit no longer knows it. */
  device: Maybe<SkykitDevice>;
};

/** An upstream application behind the gateway. */
export type UpstreamApp =
  /** Kensho Extract: PDF to structured document. */
  | 'EXTRACT'
  /** Kensho LLM-ready API (kFinance): S&P Capital IQ company data. */
  | 'KFINANCE'
  /** Kensho Link: matches company records to S&P Capital IQ and Market Intelligence ids. */
  | 'LINK'
  /** Kensho NERD: named entity recognition and disambiguation. */
  | 'NERD'
  /** Kensho Scribe: speech to text (batch v2). */
  | 'SCRIBE'
  /** Skykit: digital-signage devices and tenants. */
  | 'SKYKIT';

/** One upstream application and whether this gateway can call it. */
export type UpstreamStatus = {
  __typename: 'UpstreamStatus';
  /** The upstream application this status is about. */
  app: UpstreamApp;
  /** True when credentials are configured for the app. */
  configured: Scalars['Boolean']['output'];
  /** The kind of credential the gateway uses for the app (when several are configured, the one that takes precedence); NONE when `configured` is false, SIMULATOR when the app is the built-in simulator. */
  credential: CredentialKind;
};

export type AnnotationFieldsFragment = { __typename: 'KnowledgeBaseAnnotations', knowledgeBase: KnowledgeBase, annotations: Array<{ __typename: 'EntityAnnotation', text: string, startIndex: number | null, endIndex: number | null, nerType: string, nerScore: number | null, nedScore: number | null, entity: { __typename: 'Entity', kbId: string, label: string | null, type: string | null, knowledgeBase: KnowledgeBase, wikidataId: string | null, url: string | null } | null }> };

export type AnnotateTextQueryVariables = Exact<{
  text: Scalars['String']['input'];
  knowledgeBases?: InputMaybe<Array<KnowledgeBase> | KnowledgeBase>;
}>;


export type AnnotateTextQuery = { annotateText: Array<{ __typename: 'KnowledgeBaseAnnotations', knowledgeBase: KnowledgeBase, annotations: Array<{ __typename: 'EntityAnnotation', text: string, startIndex: number | null, endIndex: number | null, nerType: string, nerScore: number | null, nedScore: number | null, entity: { __typename: 'Entity', kbId: string, label: string | null, type: string | null, knowledgeBase: KnowledgeBase, wikidataId: string | null, url: string | null } | null }> }> | null };

export type SubmitExtractionMutationVariables = Exact<{
  file: Scalars['Upload']['input'];
  options?: InputMaybe<ExtractionOptions>;
}>;


export type SubmitExtractionMutation = { submitExtraction: { __typename: 'Extraction', id: string, status: ExtractionStatus, error: string | null } };

export type ExtractionUpdatedSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ExtractionUpdatedSubscription = { extractionUpdated: { __typename: 'Extraction', id: string, status: ExtractionStatus, error: string | null } };

export type ExtractedDocumentQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ExtractedDocumentQuery = { extraction: { __typename: 'Extraction', id: string, status: ExtractionStatus, document: { __typename: 'ExtractedDocument', pages: Array<{ __typename: 'PdfPage', index: number }>, outline: Array<{ __typename: 'ContentNode', uid: string, type: ContentType, content: string, depth: number, page: number | null }>, paragraphs: Array<{ __typename: 'ContentNode', uid: string, type: ContentType, content: string, page: number | null }>, tables: Array<{ __typename: 'Table', uid: string, title: string | null, rowCount: number, columnCount: number, rows: Array<Array<{ __typename: 'TableCell', row: number, column: number, rowSpan: number, columnSpan: number, content: string, isColumnHeader: boolean } | null>> }> } | null } | null };

export type NodeEntitiesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  uid: Scalars['ID']['input'];
  knowledgeBases?: InputMaybe<Array<KnowledgeBase> | KnowledgeBase>;
}>;


export type NodeEntitiesQuery = { extraction: { __typename: 'Extraction', id: string, document: { __typename: 'ExtractedDocument', node: { __typename: 'ContentNode', uid: string, content: string, entities: Array<{ __typename: 'KnowledgeBaseAnnotations', knowledgeBase: KnowledgeBase, annotations: Array<{ __typename: 'EntityAnnotation', text: string, startIndex: number | null, endIndex: number | null, nerType: string, nerScore: number | null, nedScore: number | null, entity: { __typename: 'Entity', kbId: string, label: string | null, type: string | null, knowledgeBase: KnowledgeBase, wikidataId: string | null, url: string | null } | null }> }> | null } | null } | null } | null };

export type DevicesQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DevicesQuery = { skykitDevices: { __typename: 'SkykitDeviceConnection', edges: Array<{ __typename: 'SkykitDeviceEdge', cursor: string, node: { __typename: 'SkykitDevice', id: string, serialNumber: string | null, model: string | null, timezone: string | null, heartbeatUpdated: string | null, hasContentPending: boolean, tenant: { __typename: 'SkykitTenant', code: string, name: string | null, managingOrg: { __typename: 'SkykitManagingOrg', code: string, name: string | null } | null } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } | null };

export type CompanyCardQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['Date']['input']>;
}>;


export type CompanyCardQuery = { company: { __typename: 'Company', id: string, name: string | null, ticker: string | null, country: string | null, simpleIndustry: string | null, summary: string | null, primaryListing: { __typename: 'TradingItem', id: string, prices: { __typename: 'PriceSeries', currency: string | null, bars: Array<{ __typename: 'PriceBar', label: string, close: string | null }> } | null } | null } | null };

export const AnnotationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnotationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KnowledgeBaseAnnotations"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"knowledgeBase"}},{"kind":"Field","name":{"kind":"Name","value":"annotations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"startIndex"}},{"kind":"Field","name":{"kind":"Name","value":"endIndex"}},{"kind":"Field","name":{"kind":"Name","value":"nerType"}},{"kind":"Field","name":{"kind":"Name","value":"nerScore"}},{"kind":"Field","name":{"kind":"Name","value":"nedScore"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kbId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"knowledgeBase"}},{"kind":"Field","name":{"kind":"Name","value":"wikidataId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<AnnotationFieldsFragment, unknown>;
export const AnnotateTextDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AnnotateText"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"knowledgeBases"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KnowledgeBase"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"annotateText"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"knowledgeBases"},"value":{"kind":"Variable","name":{"kind":"Name","value":"knowledgeBases"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnotationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnotationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KnowledgeBaseAnnotations"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"knowledgeBase"}},{"kind":"Field","name":{"kind":"Name","value":"annotations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"startIndex"}},{"kind":"Field","name":{"kind":"Name","value":"endIndex"}},{"kind":"Field","name":{"kind":"Name","value":"nerType"}},{"kind":"Field","name":{"kind":"Name","value":"nerScore"}},{"kind":"Field","name":{"kind":"Name","value":"nedScore"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kbId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"knowledgeBase"}},{"kind":"Field","name":{"kind":"Name","value":"wikidataId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<AnnotateTextQuery, AnnotateTextQueryVariables>;
export const SubmitExtractionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitExtraction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"options"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExtractionOptions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitExtraction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"options"},"value":{"kind":"Variable","name":{"kind":"Name","value":"options"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<SubmitExtractionMutation, SubmitExtractionMutationVariables>;
export const ExtractionUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ExtractionUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"extractionUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<ExtractionUpdatedSubscription, ExtractionUpdatedSubscriptionVariables>;
export const ExtractedDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExtractedDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"extraction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"outline"},"name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"TITLE"},{"kind":"EnumValue","value":"H1"},{"kind":"EnumValue","value":"H2"},{"kind":"EnumValue","value":"H3"},{"kind":"EnumValue","value":"H4"},{"kind":"EnumValue","value":"H5"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"page"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"paragraphs"},"name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"types"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PARAGRAPH"},{"kind":"EnumValue","value":"TEXT"}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uid"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"page"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uid"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"columnCount"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"rowSpan"}},{"kind":"Field","name":{"kind":"Name","value":"columnSpan"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"isColumnHeader"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExtractedDocumentQuery, ExtractedDocumentQueryVariables>;
export const NodeEntitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeEntities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"knowledgeBases"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KnowledgeBase"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"extraction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"document"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uid"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"entities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"knowledgeBases"},"value":{"kind":"Variable","name":{"kind":"Name","value":"knowledgeBases"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AnnotationFields"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AnnotationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"KnowledgeBaseAnnotations"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"knowledgeBase"}},{"kind":"Field","name":{"kind":"Name","value":"annotations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"startIndex"}},{"kind":"Field","name":{"kind":"Name","value":"endIndex"}},{"kind":"Field","name":{"kind":"Name","value":"nerType"}},{"kind":"Field","name":{"kind":"Name","value":"nerScore"}},{"kind":"Field","name":{"kind":"Name","value":"nedScore"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kbId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"knowledgeBase"}},{"kind":"Field","name":{"kind":"Name","value":"wikidataId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<NodeEntitiesQuery, NodeEntitiesQueryVariables>;
export const DevicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Devices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skykitDevices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"heartbeatUpdated"}},{"kind":"Field","name":{"kind":"Name","value":"hasContentPending"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"managingOrg"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DevicesQuery, DevicesQueryVariables>;
export const CompanyCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompanyCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"ticker"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"simpleIndustry"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"primaryListing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"prices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"periodicity"},"value":{"kind":"EnumValue","value":"DAY"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"bars"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"close"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompanyCardQuery, CompanyCardQueryVariables>;