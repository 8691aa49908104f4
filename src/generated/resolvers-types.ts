import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { GatewayInfoModel } from '../resolvers/base-models.js';
import type { ExtractionState, LocationWire, TextNodeDataWire } from '../apps/extract/wire.js';
import type { DocumentModel, NodeModel, TableModel, CellModel, RelationModel } from '../apps/extract/document.js';
import type { PdfPageModel } from '../apps/extract/models.js';
import type { CompanyModel } from '../apps/kfinance/loaders.js';
import type { KfCompanyInfo, KfCompanyMergers, KfMarketCapSeries, KfFundingRound, KfMergerSummary, KfMergerInfo, KfPriceSeries, KfPriceBar, KfFinancialSeries, KfFinancialPeriod, KfTranscriptPart } from '../apps/kfinance/wire.js';
import type { TradingItemModel, SecurityModel, RelatedCompaniesModel, EarningsCallModel, CompanyResolutionModel } from '../apps/kfinance/models.js';
import type { NerdKbResult } from '../apps/nerd/wire.js';
import type { AnnotationModel, EntityModel } from '../apps/nerd/models.js';
import type { TranscriptionState, TranscriptModel } from '../apps/scribe/wire.js';
import type { SkykitDeviceWire, SkykitTenantWire } from '../apps/skykit/wire.js';
import type { DeviceConnectionModel, TenantConnectionModel, ChangeContentModel } from '../apps/skykit/models.js';
import type { AppContext } from '../apps/context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
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
  Upload: { input: Promise<import('graphql-upload/processRequest.mjs').FileUpload>; output: Promise<import('graphql-upload/processRequest.mjs').FileUpload>; }
};

/** A postal address. */
export type Address = {
  readonly __typename?: 'Address';
  /** City. */
  readonly city?: Maybe<Scalars['String']['output']>;
  /** Country name. */
  readonly country?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-3 country code. */
  readonly countryIso3?: Maybe<Scalars['String']['output']>;
  /** State or region; null where there is none. */
  readonly state?: Maybe<Scalars['String']['output']>;
  /** Street line. */
  readonly street?: Maybe<Scalars['String']['output']>;
  /** Postal code. */
  readonly zip?: Maybe<Scalars['String']['output']>;
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
  readonly contentId?: InputMaybe<Scalars['ID']['input']>;
  /** The name of the content to play, as Skykit's content manager shows it; give this or `contentId`. */
  readonly contentName?: InputMaybe<Scalars['String']['input']>;
  /** Skykit's device id (`SkykitDevice.id`); give this or `serialNumber`. */
  readonly deviceId?: InputMaybe<Scalars['ID']['input']>;
  /** The device's serial number; give this or `deviceId`. */
  readonly serialNumber?: InputMaybe<Scalars['String']['input']>;
};

/** The result of `changeSkykitContent`. */
export type ChangeSkykitContentPayload = {
  readonly __typename?: 'ChangeSkykitContentPayload';
  /** Always true: Skykit accepted the change (it answers 204; the device plays it later). When Skykit refuses, the mutation answers an error instead. */
  readonly accepted: Scalars['Boolean']['output'];
  /** The device, read from Skykit after the change (only when asked for; contentPending names the requested content until it plays); null when Skykit does not know it. */
  readonly device?: Maybe<SkykitDevice>;
};

/**
 * An S&P Capital IQ company, from the Kensho LLM-ready API (kFinance). `id` is the CapIQ company
 * id: the same number as a NERD CAPIQ `Entity.kbId`. Each field below loads what it needs and
 * fails on its own: a missing entitlement or a failure kFinance reports for this company makes
 * that field null with an error, and the rest of the answer stands.
 */
export type Company = {
  readonly __typename?: 'Company';
  /** Company type, e.g. Public Company or Private Company. */
  readonly companyType?: Maybe<Scalars['String']['output']>;
  /** Competitors from every source kFinance knows (needs CompetitorsPermission). */
  readonly competitors?: Maybe<ReadonlyArray<Company>>;
  /** ISO 3166 country code kFinance gives with the identification; null when it sends none. */
  readonly country?: Maybe<Scalars['String']['output']>;
  /** Long profile in sections (needs the CompanyIntelligencePermission entitlement). */
  readonly description?: Maybe<Scalars['String']['output']>;
  /** Past and upcoming earnings calls, newest first (needs EarningsPermission or TranscriptsPermission). */
  readonly earningsCalls?: Maybe<ReadonlyArray<EarningsCall>>;
  /** Number of employees, exact as kFinance sends it ("161000.0000"). */
  readonly employees?: Maybe<Scalars['Decimal']['output']>;
  /** One statement over the selected periods (needs StatementsPermission or PrivateCompanyFinancialsPermission). Companies asked with the same arguments in one operation share one kFinance call. */
  readonly financialStatement?: Maybe<FinancialSeries>;
  /** Founding date. */
  readonly foundedOn?: Maybe<Scalars['Date']['output']>;
  /** Funding rounds the company raised or invested in (needs MergersPermission). */
  readonly fundingRounds?: Maybe<ReadonlyArray<FundingRound>>;
  /** Head-office address. */
  readonly headquarters?: Maybe<Address>;
  /** The CapIQ company id (digits). */
  readonly id: Scalars['ID']['output'];
  /** One line item, e.g. revenue, net_income, diluted_eps, total_debt (kFinance's names); same entitlements and batching as financialStatement. */
  readonly lineItem?: Maybe<FinancialSeries>;
  /** Daily market capitalisation, total enterprise value and shares outstanding between two dates, inclusive (needs PricingPermission); null for private companies. */
  readonly marketCaps?: Maybe<MarketCapSeries>;
  /** M&A deals the company took part in, by role (needs MergersPermission). */
  readonly mergers?: Maybe<CompanyMergers>;
  /** The company's name as kFinance resolves it. */
  readonly name?: Maybe<Scalars['String']['output']>;
  /** The primary listing (trading item); null for private companies. */
  readonly primaryListing?: Maybe<TradingItem>;
  /** The companies that stand in `relationship` to this one: for SUPPLIER, its suppliers (needs RelationshipPermission). */
  readonly relatedCompanies?: Maybe<RelatedCompanies>;
  /** The company's securities (none for private companies). */
  readonly securities?: Maybe<ReadonlyArray<Security>>;
  /** Business or geographic segments (needs SegmentsPermission); five periods when none are selected. */
  readonly segments?: Maybe<FinancialSeries>;
  /** kFinance's simple industry, e.g. Software. */
  readonly simpleIndustry?: Maybe<Scalars['String']['output']>;
  /** Operating status, e.g. Operating. */
  readonly status?: Maybe<Scalars['String']['output']>;
  /** One-paragraph summary (needs the CompanyIntelligencePermission entitlement). */
  readonly summary?: Maybe<Scalars['String']['output']>;
  /** Exchange-qualified ticker of the primary listing, e.g. NasdaqGS:AAPL; null for private companies. */
  readonly ticker?: Maybe<Scalars['String']['output']>;
  /** Web address as kFinance sends it, usually without a scheme (www.apple.com). */
  readonly website?: Maybe<Scalars['String']['output']>;
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
  readonly __typename?: 'CompanyLink';
  /** The Capital IQ company id for CAPIQ candidates (equal to kbId), the key kFinance's `company(id:)` takes; null for MI. */
  readonly capiqId?: Maybe<Scalars['ID']['output']>;
  /** CAPIQ candidates only: the kFinance company with this Capital IQ id (capiqId); null for MI candidates and for ids kFinance does not know. All candidates of one operation are resolved together, with NERD's entities (one kFinance identification call per 100 ids). */
  readonly company?: Maybe<Company>;
  /** The company's id in that knowledge base, as a string whatever Link sent. */
  readonly kbId: Scalars['ID']['output'];
  /** The company's name as the knowledge base spells it; null when Link sent none. */
  readonly kbName?: Maybe<Scalars['String']['output']>;
  /** The knowledge base the id belongs to. */
  readonly knowledgeBase: LinkKnowledgeBase;
  /** Link's score, raw; higher is a better match. Link publishes no range, so choose a threshold by looking at your data. */
  readonly score: Scalars['Float']['output'];
};

/** A company's M&A deals by its role in them. */
export type CompanyMergers = {
  readonly __typename?: 'CompanyMergers';
  /** Deals in which the company bought. */
  readonly asBuyer: ReadonlyArray<MergerSummary>;
  /** Deals in which the company sold. */
  readonly asSeller: ReadonlyArray<MergerSummary>;
  /** Deals in which the company was acquired (or was to be). */
  readonly asTarget: ReadonlyArray<MergerSummary>;
};

/**
 * One company record to match, as you know it. Only `uid` and `name` are required; every other
 * field is a model feature that helps Link decide. Checked before any call: a bad record refuses
 * the whole request with BAD_USER_INPUT listing every problem.
 */
export type CompanyRecordInput = {
  /** Street address. */
  readonly address?: InputMaybe<Scalars['String']['input']>;
  /** Other names (tickers, short names); each not blank, at most 50 of them. */
  readonly aliases?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  /** City. */
  readonly city?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-3 country code, three letters ("USA", "DEU"); lower case is accepted and sent upper case. */
  readonly countryIso3?: InputMaybe<Scalars['String']['input']>;
  /** The company's name. Not blank, at most 500 characters. */
  readonly name: Scalars['String']['input'];
  /** A phone number. */
  readonly phoneNumber?: InputMaybe<Scalars['String']['input']>;
  /** State or region. */
  readonly state?: InputMaybe<Scalars['String']['input']>;
  /** Your key for the record; Link echoes it. Not blank, at most 256 characters, unique within the request. */
  readonly uid: Scalars['ID']['input'];
  /** The company's web site. */
  readonly url?: InputMaybe<Scalars['String']['input']>;
  /** Year the company was founded, 1000 to 2100. */
  readonly yearFounded?: InputMaybe<Scalars['Int']['input']>;
  /** Postal code. */
  readonly zipcode?: InputMaybe<Scalars['String']['input']>;
};

/** The candidates Link found for one input record, in the order the records were given. */
export type CompanyRecordLinks = {
  readonly __typename?: 'CompanyRecordLinks';
  /** The best candidates first, at most `topN`; empty when Link found no match. */
  readonly candidates: ReadonlyArray<CompanyLink>;
  /** The record's `uid`, as given. */
  readonly uid: Scalars['ID']['output'];
};

/** The answer for one identifier of resolveCompanies. */
export type CompanyResolution = {
  readonly __typename?: 'CompanyResolution';
  /** The company; null when kFinance found none (then `error` says why). */
  readonly company?: Maybe<Company>;
  /** kFinance's message when the identifier could not be resolved. */
  readonly error?: Maybe<Scalars['String']['output']>;
  /** The identifier as sent. */
  readonly input: Scalars['String']['output'];
  /** The security the identifier resolved to; null for private companies. */
  readonly security?: Maybe<Security>;
  /** The primary listing the identifier resolved to; null for private companies. */
  readonly tradingItem?: Maybe<TradingItem>;
};

/** A node of the document's content tree. */
export type ContentNode = {
  readonly __typename?: 'ContentNode';
  /** The nodes nested in this one, in reading order. */
  readonly children: ReadonlyArray<ContentNode>;
  /** The node's own text as Extract sent it; may be empty for nodes that only hold others (e.g. DOCUMENT, TABLE). */
  readonly content: Scalars['String']['output'];
  /** The node's depth in the content tree: 0 for the DOCUMENT root, 1 for its children, and so on. */
  readonly depth: Scalars['Int']['output'];
  /**
   * Entities in this node's content, found by Kensho NERD, with offsets into `content`. All nodes
   * asked for in one operation are annotated together in a few NERD calls (their texts joined,
   * split only at EXTRACT_ENTITIES_BATCH_CHARS, 20 000 unless configured), so relevance scores are
   * relative to that batch.
   */
  readonly entities?: Maybe<ReadonlyArray<KnowledgeBaseAnnotations>>;
  /** The node's boxes on the page (several when it spans columns or pages); empty in the STRUCTURED_DOCUMENT format. */
  readonly locations: ReadonlyArray<Location>;
  /** The page of the node's first location (0-based, as in `Location.page`); null without locations (e.g. in the STRUCTURED_DOCUMENT format). */
  readonly page?: Maybe<Scalars['Int']['output']>;
  /** The node this one is nested in; null for the DOCUMENT root. */
  readonly parent?: Maybe<ContentNode>;
  /** Relations this node takes part in, as source or target. */
  readonly relations: ReadonlyArray<ContentRelation>;
  /** The table this node is (TABLE and FIGURE_EXTRACTED_TABLE nodes); null for every other node. */
  readonly table?: Maybe<Table>;
  /** Per-line data; only with the WITH_CHARACTER_OFFSETS format. */
  readonly textNodeData?: Maybe<TextNodeData>;
  /** The kind of content; OTHER for a kind this schema does not name (see `typeName`). */
  readonly type: ContentType;
  /** Extract's name for the type, also for kinds this schema does not name (OTHER). */
  readonly typeName: Scalars['String']['output'];
  /** Extract's id for the node, unique within the document (the gateway makes one up, `gateway-node-N`, for a node Extract sent without). */
  readonly uid: Scalars['ID']['output'];
};


/** A node of the document's content tree. */
export type ContentNodeEntitiesArgs = {
  knowledgeBases?: InputMaybe<ReadonlyArray<KnowledgeBase>>;
};

/** A relation Extract found between two nodes (with `includeRelations`). */
export type ContentRelation = {
  readonly __typename?: 'ContentRelation';
  /** The node the relation starts from; null when Extract named a uid the document does not have. */
  readonly source?: Maybe<ContentNode>;
  /** The node the relation points to; null when Extract named a uid the document does not have. */
  readonly target?: Maybe<ContentNode>;
  /** Extract's relation type, as sent (`unknown` when Extract sent none). */
  readonly type: Scalars['String']['output'];
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
  readonly __typename?: 'EarningsCall';
  /** The company whose call it is. */
  readonly company: Company;
  /** NERD over transcriptText, with the call's company as originatingEntityId; CAPIQ entities lead on to `Entity.company`. Null until a transcript exists. */
  readonly entities?: Maybe<ReadonlyArray<KnowledgeBaseAnnotations>>;
  /** kFinance's key development id; it leads to the transcript. */
  readonly keyDevId: Scalars['ID']['output'];
  /** When the call starts (UTC). */
  readonly startsAt?: Maybe<Scalars['DateTime']['output']>;
  /** The call's title, e.g. "S&P Global Inc., Q1 2025 Earnings Call, Apr 29, 2025". */
  readonly title: Scalars['String']['output'];
  /** Null until a transcript exists (upcoming calls); needs TranscriptsPermission. */
  readonly transcript?: Maybe<ReadonlyArray<EarningsTranscriptPart>>;
  /** The transcript as one text, each turn `Speaker: text`, turns separated by a blank line (kFinance's raw form); `entities` offsets index this text. Null until a transcript exists. */
  readonly transcriptText?: Maybe<Scalars['String']['output']>;
};


/** An earnings call. */
export type EarningsCallEntitiesArgs = {
  knowledgeBases?: InputMaybe<ReadonlyArray<KnowledgeBase>>;
};

/** One turn of a transcript. */
export type EarningsTranscriptPart = {
  readonly __typename?: 'EarningsTranscriptPart';
  /** kFinance's component type, e.g. Presentation Operator Message. */
  readonly componentType: Scalars['String']['output'];
  /** Who speaks. */
  readonly speaker: Scalars['String']['output'];
  /** What was said. */
  readonly text: Scalars['String']['output'];
};

/** An entity in a knowledge base. */
export type Entity = {
  readonly __typename?: 'Entity';
  /** CAPIQ companies only: the kFinance company with this id. Null for WIKIMEDIA, for people, and for ids kFinance does not know. All entities of one operation are resolved together (one kFinance identification call per 100). */
  readonly company?: Maybe<Company>;
  /**
   * The entity's id in its knowledge base exactly as NERD sends it: for WIKIMEDIA a bare Wikidata
   * number ("3870" for Nairobi, Q3870; see wikidataId), for CAPIQ a Capital IQ id ("251994106").
   */
  readonly kbId: Scalars['ID']['output'];
  /** The knowledge base the entity belongs to. */
  readonly knowledgeBase: KnowledgeBase;
  /** The entity's name in the knowledge base; null when NERD sent none. */
  readonly label?: Maybe<Scalars['String']['output']>;
  /** The knowledge base's type for the entity, e.g. CITY, COMPANY, NGO, GOVERNMENT, PERSON (not the NER type); null when NERD sent none. */
  readonly type?: Maybe<Scalars['String']['output']>;
  /** The entity's Wikidata page (https://www.wikidata.org/wiki/Q3870) for WIKIMEDIA; null for CAPIQ (NERD documents no Capital IQ page). */
  readonly url?: Maybe<Scalars['String']['output']>;
  /** The Wikidata item id ("Q3870") of a WIKIMEDIA entity; null for CAPIQ. */
  readonly wikidataId?: Maybe<Scalars['String']['output']>;
};

/** A span of the text recognised as an entity. */
export type EntityAnnotation = {
  readonly __typename?: 'EntityAnnotation';
  /** Offset just after the last character (exclusive), in UTF-16 code units (what JavaScript's String.slice uses); null with startIndex. */
  readonly endIndex?: Maybe<Scalars['Int']['output']>;
  /** The linked entity; null when the span is an entity that could not be linked. */
  readonly entity?: Maybe<Entity>;
  /** Confidence of the link, 0 to 1; null when the span could not be linked. */
  readonly nedScore?: Maybe<Scalars['Float']['output']>;
  /** Confidence of the recognition, 0 to 1; null when NERD sent none. */
  readonly nerScore?: Maybe<Scalars['Float']['output']>;
  /**
   * The type the recogniser gave the span (NER type): for WIKIMEDIA one of EVENT, FAC, GPE, LAW,
   * LOC, NORP, ORG, PERSON, PRODUCT, WORK_OF_ART; always ORG for CAPIQ (a person tagged with
   * tagPeople too); UNKNOWN when NERD sent none. Not the knowledge base's own type, which is Entity.type.
   */
  readonly nerType: Scalars['String']['output'];
  /**
   * Offset of the first character, in JavaScript string indices (UTF-16 code units), whatever
   * unit NERD counted in (it counts code points, which differ after emoji and other characters
   * outside the BMP). Null, with endIndex, when NERD's offsets fit neither unit and the span's
   * text was not found in the text (the gateway logs a warning).
   */
  readonly startIndex?: Maybe<Scalars['Int']['output']>;
  /** The span itself, equal to text.slice(startIndex, endIndex) in JavaScript (NERD's own span text when the span could not be placed). */
  readonly text: Scalars['String']['output'];
};

/** How relevant one linked entity is to the text. */
export type EntityRelevance = {
  readonly __typename?: 'EntityRelevance';
  /** The entity's id in the knowledge base, as `Entity.kbId` gives it (a bare Wikidata number for WIKIMEDIA, a Capital IQ id for CAPIQ). */
  readonly kbId: Scalars['ID']['output'];
  /** NERD's relevance score as sent: higher is more relevant (e.g. 0.5); NERD does not publish its range. */
  readonly score: Scalars['Float']['output'];
};

/** The structured document Extract produced. */
export type ExtractedDocument = {
  readonly __typename?: 'ExtractedDocument';
  /**
   * Entities in `text`, found by Kensho NERD node by node (in a few batched calls), with offsets
   * into `text` (UTF-16 code units). An entity found in several batches keeps its highest relevance.
   */
  readonly entities?: Maybe<ReadonlyArray<KnowledgeBaseAnnotations>>;
  /** The output format this document was read in. */
  readonly format: ExtractionOutputFormat;
  /** The document as Markdown: headings, paragraphs, captions in italics and tables (page headers and footers left out); empty when the document has no text. */
  readonly markdown: Scalars['String']['output'];
  /** The node with this uid (the root included); null when the document has none. */
  readonly node?: Maybe<ContentNode>;
  /**
   * Nodes in reading order (the root excluded), optionally only of some types, or only those with a
   * location on one page (0-based; in the STRUCTURED_DOCUMENT format nodes have no locations).
   */
  readonly nodes: ReadonlyArray<ContentNode>;
  /** The processed pages, in order; empty when Extract sent no page sizes. */
  readonly pages: ReadonlyArray<PdfPage>;
  /** Every relation between nodes Extract sent (only with `includeRelations`; empty otherwise). */
  readonly relations: ReadonlyArray<ContentRelation>;
  /** The DOCUMENT node at the root of the content tree. */
  readonly root: ContentNode;
  /** Every TABLE and FIGURE_EXTRACTED_TABLE in reading order, rebuilt as grids. */
  readonly tables: ReadonlyArray<Table>;
  /** The document's text in reading order: one block per node with text, blocks separated by a blank line, a table as newline-separated rows of tab-separated cells. */
  readonly text: Scalars['String']['output'];
};


/** The structured document Extract produced. */
export type ExtractedDocumentEntitiesArgs = {
  knowledgeBases?: InputMaybe<ReadonlyArray<KnowledgeBase>>;
};


/** The structured document Extract produced. */
export type ExtractedDocumentNodeArgs = {
  uid: Scalars['ID']['input'];
};


/** The structured document Extract produced. */
export type ExtractedDocumentNodesArgs = {
  page?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<ReadonlyArray<ContentType>>;
};

/** One extraction job. */
export type Extraction = {
  readonly __typename?: 'Extraction';
  /**
   * The structured document once the job succeeded; null while PENDING and when FAILED. Asking
   * for another format than the default may cost one more call to Extract.
   */
  readonly document?: Maybe<ExtractedDocument>;
  /** Why the job failed, as Extract said it (or a gateway message when Extract gave no reason); null unless FAILED. */
  readonly error?: Maybe<Scalars['String']['output']>;
  /** Extract's request id, a UUID; pass it to `extraction`, `awaitExtraction` or `extractionUpdated`. */
  readonly id: Scalars['ID']['output'];
  /** What Extract reports about the job, as it sent it (a JSON object; `{}` when it sent none). */
  readonly metadata: Scalars['JSON']['output'];
  /** Where the job stands; Extract's upload-waiting states count as PENDING. */
  readonly status: ExtractionStatus;
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
  readonly documentId?: InputMaybe<Scalars['String']['input']>;
  /** How finely Extract structures the document (sent as `document_type`). */
  readonly documentType?: InputMaybe<ExtractionDocumentType>;
  /** Use Extract's enhanced table extraction, for tables with complex layouts (sent as `enhanced_table_extraction`). */
  readonly enhancedTableExtraction?: InputMaybe<Scalars['Boolean']['input']>;
  /** Also read tables out of figures (FIGURE_EXTRACTED_TABLE nodes). */
  readonly figureExtraction?: InputMaybe<Scalars['Boolean']['input']>;
  /** Also return image nodes. Not for files over EXTRACT_UPLOAD_URL_THRESHOLD_BYTES. */
  readonly includeImages?: InputMaybe<Scalars['Boolean']['input']>;
  /** Also return relations between nodes (see `ExtractedDocument.relations`). Not for files over EXTRACT_UPLOAD_URL_THRESHOLD_BYTES. */
  readonly includeRelations?: InputMaybe<Scalars['Boolean']['input']>;
  /** True for scanned PDFs (runs OCR); false for PDFs with a text layer. */
  readonly ocr?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * Only these pages: 1-based numbers and ascending ranges, comma separated, e.g. "1-5,7,14-16"
   * (spaces are ignored); anything else is refused with BAD_USER_INPUT. All pages when left out.
   */
  readonly pages?: InputMaybe<Scalars['String']['input']>;
  /** LOW for jobs that can wait; leave it out for Extract's normal priority. */
  readonly priority?: InputMaybe<ExtractionPriority>;
  /** Page numbers in locations count from the PDF's first page instead of the first requested page. Not for files over EXTRACT_UPLOAD_URL_THRESHOLD_BYTES. */
  readonly returnAbsolutePageNumbers?: InputMaybe<Scalars['Boolean']['input']>;
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
  readonly __typename?: 'FinancialPeriod';
  /** Last day of the period. */
  readonly endDate?: Maybe<Scalars['Date']['output']>;
  /** Statements, segments, or the single line item asked for. */
  readonly groups: ReadonlyArray<LineItemGroup>;
  /** kFinance's period label. */
  readonly key: Scalars['String']['output'];
  /** Length of the period in months. */
  readonly months?: Maybe<Scalars['Int']['output']>;
};

/** Financial data over periods. */
export type FinancialSeries = {
  readonly __typename?: 'FinancialSeries';
  /** ISO currency of the values. */
  readonly currency?: Maybe<Scalars['String']['output']>;
  /** The periods, in kFinance's order (oldest first). */
  readonly periods: ReadonlyArray<FinancialPeriod>;
};

/** A company's side of a funding round. */
export type FundingRole =
  /** The company invested in it. */
  | 'INVESTED'
  /** The company raised the round. */
  | 'RAISED';

/** A round of funding. */
export type FundingRound = {
  readonly __typename?: 'FundingRound';
  /** Closing date. */
  readonly closedOn?: Maybe<Scalars['Date']['output']>;
  /** e.g. Series B. */
  readonly fundingType?: Maybe<Scalars['String']['output']>;
  /** kFinance's notes on the round. */
  readonly notes?: Maybe<Scalars['String']['output']>;
  /** kFinance's transaction id. */
  readonly transactionId: Scalars['ID']['output'];
};

/** Facts about this gateway, for people exploring it. */
export type GatewayInfo = {
  readonly __typename?: 'GatewayInfo';
  /** Each upstream application and whether it is configured, one entry per app. */
  readonly upstreams: ReadonlyArray<UpstreamStatus>;
  /** The gateway's version (the package version, e.g. 0.1.0). */
  readonly version: Scalars['String']['output'];
};

/** A knowledge base NERD links entities to. */
export type KnowledgeBase =
  /** S&P Capital IQ companies (numeric ids), and people when tagPeople is asked for and granted. */
  | 'CAPIQ'
  /** Wikidata/Wikipedia entities. NERD identifies them by bare Wikidata number ("312" for Q312). */
  | 'WIKIMEDIA';

/** The annotations NERD found against one knowledge base. */
export type KnowledgeBaseAnnotations = {
  readonly __typename?: 'KnowledgeBaseAnnotations';
  /** Spans recognised in the text, in text order. */
  readonly annotations: ReadonlyArray<EntityAnnotation>;
  /** The knowledge base these annotations link to. */
  readonly knowledgeBase: KnowledgeBase;
  /** Relevance of each linked entity to the whole text, one entry per entity (empty when NERD sent no scores). */
  readonly relevance: ReadonlyArray<EntityRelevance>;
};

/** A statement (Income Statement), a segment (Ratings), or the single line item asked for. */
export type LineItemGroup = {
  readonly __typename?: 'LineItemGroup';
  /** Its line items. */
  readonly items: ReadonlyArray<LineItemValue>;
  /** The statement's, segment's or line item's name. */
  readonly name: Scalars['String']['output'];
};

/** One value. */
export type LineItemValue = {
  readonly __typename?: 'LineItemValue';
  /** Line item name, e.g. Total Revenues. */
  readonly name: Scalars['String']['output'];
  /** Where the figure comes from (Capital IQ document links); empty for many private companies. */
  readonly sources: ReadonlyArray<SourceLink>;
  /** The value, exact; null when kFinance has none. */
  readonly value?: Maybe<Scalars['Decimal']['output']>;
};

/** A knowledge base Kensho Link matches company records against. */
export type LinkKnowledgeBase =
  /** S&P Capital IQ: the id is a Capital IQ company id, the same number space as a NERD CAPIQ `Entity.kbId`. */
  | 'CAPIQ'
  /** S&P Market Intelligence (the newer Link docs call the database S&P Capital IQ Pro). */
  | 'MI';

/** A box on a page, as fractions of the page's width and height, origin top-left. */
export type Location = {
  readonly __typename?: 'Location';
  /** The box's height as a fraction of the page height, 0–1. */
  readonly height: Scalars['Float']['output'];
  /**
   * 0-based page number, relative to the requested pages (page 0 is the first page of
   * `ExtractionOptions.pages`) unless `returnAbsolutePageNumbers` was asked for.
   */
  readonly page: Scalars['Int']['output'];
  /** The box's width as a fraction of the page width, 0–1. */
  readonly width: Scalars['Float']['output'];
  /** The box's left edge, measured from the page's left edge as a fraction of the page width, 0–1. */
  readonly x: Scalars['Float']['output'];
  /** The box's top edge, measured down from the page's top edge as a fraction of the page height, 0–1. */
  readonly y: Scalars['Float']['output'];
};

/** One day's market data of a company. */
export type MarketCapPoint = {
  readonly __typename?: 'MarketCapPoint';
  /** The trading day. */
  readonly date?: Maybe<Scalars['Date']['output']>;
  /** Market capitalisation, exact. */
  readonly marketCap?: Maybe<Scalars['Decimal']['output']>;
  /** Shares outstanding. */
  readonly sharesOutstanding?: Maybe<Scalars['Decimal']['output']>;
  /** Total enterprise value, exact. */
  readonly tev?: Maybe<Scalars['Decimal']['output']>;
};

/** Market capitalisation over time. */
export type MarketCapSeries = {
  readonly __typename?: 'MarketCapSeries';
  /** ISO currency of the values. */
  readonly currency?: Maybe<Scalars['String']['output']>;
  /** One point per trading day, oldest first. */
  readonly points: ReadonlyArray<MarketCapPoint>;
};

/** An M&A deal. */
export type Merger = {
  readonly __typename?: 'Merger';
  /** The buyers kFinance knows as companies. */
  readonly buyers: ReadonlyArray<Company>;
  /** What was paid; null when undisclosed. */
  readonly consideration?: Maybe<MergerConsideration>;
  /** The sellers kFinance knows as companies. */
  readonly sellers: ReadonlyArray<Company>;
  /** The company acquired; null when kFinance does not know it as a company. */
  readonly target?: Maybe<Company>;
  /** What happened when. */
  readonly timeline: ReadonlyArray<MergerEvent>;
  /** kFinance's transaction id. */
  readonly transactionId: Scalars['ID']['output'];
};

/** A deal's value, exact. */
export type MergerConsideration = {
  readonly __typename?: 'MergerConsideration';
  /** Currency name as kFinance sends it (US Dollar). */
  readonly currency?: Maybe<Scalars['String']['output']>;
  /** Gross total transaction value. */
  readonly grossTotalValue?: Maybe<Scalars['Decimal']['output']>;
  /** Implied enterprise value. */
  readonly impliedEnterpriseValue?: Maybe<Scalars['Decimal']['output']>;
  /** Implied equity value. */
  readonly impliedEquityValue?: Maybe<Scalars['Decimal']['output']>;
};

/** One step of a deal. */
export type MergerEvent = {
  readonly __typename?: 'MergerEvent';
  /** When. */
  readonly date?: Maybe<Scalars['Date']['output']>;
  /** e.g. Announced, Closed. */
  readonly status: Scalars['String']['output'];
};

/** One deal in a company's M&A list. */
export type MergerSummary = {
  readonly __typename?: 'MergerSummary';
  /** Announcement date (v7 only). */
  readonly announcedOn?: Maybe<Scalars['Date']['output']>;
  /** Closing date; null while open. */
  readonly closedOn?: Maybe<Scalars['Date']['output']>;
  /** The deal's details (one batched call for every deal of the operation with v7). */
  readonly details?: Maybe<Merger>;
  /** Deal status, e.g. Closed (v7 only). */
  readonly status?: Maybe<Scalars['String']['output']>;
  /** A title: kFinance's (spec) or built from the buyers' and target's names (v7). */
  readonly title?: Maybe<Scalars['String']['output']>;
  /** kFinance's transaction id. */
  readonly transactionId: Scalars['ID']['output'];
};

/** The entry point for changes: Extract and Scribe submissions, deleting a transcription, and Skykit device changes. */
export type Mutation = {
  readonly __typename?: 'Mutation';
  /** Asks a device to play other content; Skykit accepts the change and the device plays it later. */
  readonly changeSkykitContent?: Maybe<ChangeSkykitContentPayload>;
  /** Deletes the job's data at Scribe. Idempotent: true also for unknown ids. */
  readonly deleteTranscription: Scalars['Boolean']['output'];
  /**
   * Sends a PDF to Kensho Extract and returns the new job (PENDING). The file streams to Extract;
   * larger files than the gateway's limit, empty files and files that are not PDFs (by content,
   * not name) are refused with BAD_USER_INPUT before anything is sent.
   */
  readonly submitExtraction: Extraction;
  /**
   * Streams an audio or video file to Scribe (GraphQL multipart request). Refused with
   * BAD_USER_INPUT before anything is sent: files over SCRIBE_MAX_FILE_BYTES (1 GB) and content
   * that is not AAC, FLAC, MP1/MP3, WAV or MP4 (sniffed from the bytes, not the name).
   */
  readonly submitTranscription: Transcription;
  /** Has Scribe download the media itself (http/https, under 2048 characters, no credentials: a pre-signed URL works). The gateway never fetches it. Loopback, link-local, private and localhost hosts are refused (BAD_USER_INPUT, reason PRIVATE_MEDIA_URL) unless SCRIBE_ALLOW_PRIVATE_MEDIA_URLS is set. */
  readonly submitTranscriptionFromUrl: Transcription;
  /** Sets a device's time zone and/or hours of operation. */
  readonly updateSkykitDevice?: Maybe<UpdateSkykitDevicePayload>;
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
  readonly __typename?: 'PageInfo';
  /** Pass as `after` to continue after the last edge; null when there are no edges. */
  readonly endCursor?: Maybe<Scalars['String']['output']>;
  /** True when more items follow the last edge; always false when `first` is 0 (the gateway does not look ahead). */
  readonly hasNextPage: Scalars['Boolean']['output'];
};

/** A page of the processed PDF, with its size in PDF points (1/72 inch). */
export type PdfPage = {
  readonly __typename?: 'PdfPage';
  /** The page's height in PDF points (1/72 inch). */
  readonly height: Scalars['Float']['output'];
  /** 0-based position among the pages Extract listed, as locations count them (without absolute page numbering). */
  readonly index: Scalars['Int']['output'];
  /** Degrees the page must be turned counter-clockwise to read it, rounded to a whole number (0 for an upright page). */
  readonly requiredCcwRotation: Scalars['Int']['output'];
  /** The page's width in PDF points (1/72 inch). */
  readonly width: Scalars['Float']['output'];
};

/** Which periods to return: absolute years (and quarters), or a window relative to now (numPeriods, numPeriodsBack), not both; nothing for the latest data. */
export type PeriodSelection = {
  /** Fiscal or calendar periods. */
  readonly calendar?: InputMaybe<CalendarType>;
  /** Last quarter (1–4) of endYear. */
  readonly endQuarter?: InputMaybe<Scalars['Int']['input']>;
  /** Last year (1000–9999). */
  readonly endYear?: InputMaybe<Scalars['Int']['input']>;
  /** How many periods (1–99), ending now. */
  readonly numPeriods?: InputMaybe<Scalars['Int']['input']>;
  /** How many periods back the window ends (0–99). */
  readonly numPeriodsBack?: InputMaybe<Scalars['Int']['input']>;
  /** Period granularity; kFinance's default when omitted. */
  readonly periodType?: InputMaybe<PeriodType>;
  /** First quarter (1–4) of startYear. */
  readonly startQuarter?: InputMaybe<Scalars['Int']['input']>;
  /** First year (1000–9999). */
  readonly startYear?: InputMaybe<Scalars['Int']['input']>;
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
  readonly __typename?: 'PriceBar';
  /** Closing price. */
  readonly close?: Maybe<Scalars['Decimal']['output']>;
  /** Highest price. */
  readonly high?: Maybe<Scalars['Decimal']['output']>;
  /** The bar's label (see the type). */
  readonly label: Scalars['String']['output'];
  /** Lowest price. */
  readonly low?: Maybe<Scalars['Decimal']['output']>;
  /** Opening price; kFinance sometimes has none. */
  readonly open?: Maybe<Scalars['Decimal']['output']>;
  /** Shares traded. */
  readonly volume?: Maybe<Scalars['Decimal']['output']>;
};

/** A price history. */
export type PriceSeries = {
  readonly __typename?: 'PriceSeries';
  /** Bars, oldest first. */
  readonly bars: ReadonlyArray<PriceBar>;
  /** ISO currency of the prices. */
  readonly currency?: Maybe<Scalars['String']['output']>;
};

/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type Query = {
  readonly __typename?: 'Query';
  /**
   * Finds and links named entities in a text with Kensho NERD. Short texts use NERD's
   * synchronous call, long ones an async job the gateway follows for you. Identical calls within
   * one operation reach NERD once. Null (with an error) when NERD cannot answer, so the rest of
   * the operation still resolves.
   */
  readonly annotateText?: Maybe<ReadonlyArray<KnowledgeBaseAnnotations>>;
  /**
   * Long poll for clients that cannot use WebSockets: answers as soon as the job reaches a final
   * state, or after `timeoutSeconds` with its current state. Null for an unknown id.
   */
  readonly awaitExtraction?: Maybe<Extraction>;
  /** Long poll: the transcription as soon as it is final, or its current state after `timeoutSeconds` (default 25, at most SCRIBE_MAX_AWAIT_SECONDS); null for an unknown id. If Scribe kept failing until the wait ended: UPSTREAM_UNAVAILABLE (retryable), with the last known status in `extensions.lastKnownStatus`. */
  readonly awaitTranscription?: Maybe<Transcription>;
  /** A company by CapIQ company id; null when kFinance does not know it. */
  readonly company?: Maybe<Company>;
  /** An extraction job by id; null when Extract does not know it. */
  readonly extraction?: Maybe<Extraction>;
  /** Facts about this gateway: version and which upstreams are configured. Needs no upstream and no caller scope. */
  readonly gateway: GatewayInfo;
  /**
   * Matches your company records to S&P ids with Kensho Link. Read-only, so a query. Requests of
   * more than LINK_BATCH_SIZE records (100 unless configured) are split into several Link calls,
   * made a few at a time, and merged back in input order. Null (with an error) when Link cannot
   * answer, so the rest of the operation still resolves.
   */
  readonly linkCompanies?: Maybe<ReadonlyArray<CompanyRecordLinks>>;
  /** An M&A deal by kFinance transaction id; null when kFinance does not know it. */
  readonly merger?: Maybe<Merger>;
  /** Tickers (AAPL or NasdaqGS:AAPL), ISINs, CUSIPs, company names or CapIQ ids (as C_123): one result per input, in order. Names resolve to kFinance's most likely match: show the returned name. At most 500 per query. */
  readonly resolveCompanies: ReadonlyArray<CompanyResolution>;
  /** One device by exactly one of id and serialNumber; null when Skykit does not know it. */
  readonly skykitDevice?: Maybe<SkykitDevice>;
  /** Devices, optionally of one tenant or managing organization, as a Relay connection, in Skykit's order. */
  readonly skykitDevices?: Maybe<SkykitDeviceConnection>;
  /** Tenants, optionally of one managing organization, as a Relay connection, in Skykit's order. */
  readonly skykitTenants?: Maybe<SkykitTenantConnection>;
  /** A transcription's current state (one HEAD; one GET more once it has finished); null for an unknown, deleted or expired id. */
  readonly transcription?: Maybe<Transcription>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryAnnotateTextArgs = {
  knowledgeBases?: InputMaybe<ReadonlyArray<KnowledgeBase>>;
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
  records: ReadonlyArray<CompanyRecordInput>;
  topN?: InputMaybe<Scalars['Int']['input']>;
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryMergerArgs = {
  transactionId: Scalars['ID']['input'];
};


/** The entry point for reads: gateway facts, Extract jobs, NERD annotations, Scribe transcriptions, Link matches, kFinance company data and Skykit devices and tenants. */
export type QueryResolveCompaniesArgs = {
  identifiers: ReadonlyArray<Scalars['String']['input']>;
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
  readonly __typename?: 'RelatedCompanies';
  /** Current relationships. */
  readonly current: ReadonlyArray<Company>;
  /** Past relationships. */
  readonly previous: ReadonlyArray<Company>;
};

/** A security of a company (a share class); its listings are trading items. */
export type Security = {
  readonly __typename?: 'Security';
  /** The issuer. */
  readonly company: Company;
  /** CUSIP (needs IDPermission); null when it has none. */
  readonly cusip?: Maybe<Scalars['String']['output']>;
  /** The security id. */
  readonly id: Scalars['ID']['output'];
  /** ISIN (needs IDPermission); null when it has none. */
  readonly isin?: Maybe<Scalars['String']['output']>;
  /** Its listings. */
  readonly tradingItems?: Maybe<ReadonlyArray<TradingItem>>;
};

/** How segments are cut. */
export type SegmentType =
  /** By line of business. */
  | 'BUSINESS'
  /** By region. */
  | 'GEOGRAPHIC';

/** A digital-signage device managed through Skykit. */
export type SkykitDevice = {
  readonly __typename?: 'SkykitDevice';
  /** Version of the Chrome WebView the device's player runs, as Skykit reports it; null when not reported. */
  readonly chromeWebviewVersion?: Maybe<Scalars['String']['output']>;
  /** How the device is connected to the network, as Skykit reports it; null when not reported. */
  readonly connectionType?: Maybe<Scalars['String']['output']>;
  /** The device's display name in Skykit's content manager; null when not set. */
  readonly contentManagerDisplayName?: Maybe<Scalars['String']['output']>;
  /** The device's location as Skykit's content manager records it; null when not set. */
  readonly contentManagerLocation?: Maybe<Scalars['String']['output']>;
  /** The name of the media item a content change asked for that the device has not played yet; null when nothing is pending. (Skykit sends this name, not a flag.) */
  readonly contentPending?: Maybe<Scalars['String']['output']>;
  /** Version name of Skykit's control app on the device; null when not reported. */
  readonly controlVersionName?: Maybe<Scalars['String']['output']>;
  /** When Skykit created the device's record (UTC); null when Skykit sent no readable time. */
  readonly created?: Maybe<Scalars['DateTime']['output']>;
  /** The app the device opens as its home screen, as Skykit names it; null when not set. */
  readonly defaultHomeApp?: Maybe<Scalars['String']['output']>;
  /** The display's aspect ratio as Skykit sends it, e.g. 16:9; null when not reported. */
  readonly displayRatio?: Maybe<Scalars['String']['output']>;
  /** MAC address of the device's Ethernet interface, as Skykit formats it; null when not reported. */
  readonly ethernetMacAddress?: Maybe<Scalars['String']['output']>;
  /** True while a content change is pending (contentPending then names the item). */
  readonly hasContentPending: Scalars['Boolean']['output'];
  /** When the device last reported in (its last heartbeat, UTC); null when Skykit sent no readable time. */
  readonly heartbeatUpdated?: Maybe<Scalars['DateTime']['output']>;
  /** Version name of Skykit's home app on the device; null when not reported. */
  readonly homeVersionName?: Maybe<Scalars['String']['output']>;
  /** Opening hours as Skykit stores them (its schema is not published); null when none are set. */
  readonly hoursOfOperation?: Maybe<Scalars['JSON']['output']>;
  /** Skykit's device id, as Skykit sent it (a number becomes its decimal string). */
  readonly id: Scalars['ID']['output'];
  /** The name of the content the device last played; null when not reported. */
  readonly lastPlayedContentName?: Maybe<Scalars['String']['output']>;
  /** Version name of Skykit's launcher app on the device; null when not reported. */
  readonly launcherVersionName?: Maybe<Scalars['String']['output']>;
  /** The device's MAC address as Skykit formats it (a field Skykit's public documentation does not list); null when not reported. */
  readonly macAddress?: Maybe<Scalars['String']['output']>;
  /** The device's hardware model (a field Skykit's public documentation does not list); null when not reported. */
  readonly model?: Maybe<Scalars['String']['output']>;
  /** The device's operating system version (a field Skykit's public documentation does not list); null when not reported. */
  readonly osVersion?: Maybe<Scalars['String']['output']>;
  /** The device exactly as Skykit sent it (a JSON object), including fields this schema does not name and timestamps in Skykit's own format. */
  readonly raw: Scalars['JSON']['output'];
  /** The device's serial number; the other way to name it in `skykitDevice` and the mutations. Null when Skykit sent none. */
  readonly serialNumber?: Maybe<Scalars['String']['output']>;
  /** The tenant the device belongs to, looked up once per request for all devices that need it; null without a `tenantCode` or when Skykit's tenant list has no such tenant. */
  readonly tenant?: Maybe<SkykitTenant>;
  /** The code of the tenant the device belongs to (`SkykitTenant.code`); null when Skykit sent none. */
  readonly tenantCode?: Maybe<Scalars['String']['output']>;
  /** The device's IANA time zone, e.g. US/Central (set it with `updateSkykitDevice`); null when not set. */
  readonly timezone?: Maybe<Scalars['String']['output']>;
  /** When Skykit last changed the device's record (UTC; a field Skykit's public documentation does not list); null when Skykit sent no readable time. */
  readonly updated?: Maybe<Scalars['DateTime']['output']>;
};

/** A page of devices. */
export type SkykitDeviceConnection = {
  readonly __typename?: 'SkykitDeviceConnection';
  /** The devices of this page, at most `first`. */
  readonly edges: ReadonlyArray<SkykitDeviceEdge>;
  /** Whether more devices follow, and the cursor to continue from. */
  readonly pageInfo: PageInfo;
};

/** One device in a page of devices. */
export type SkykitDeviceEdge = {
  readonly __typename?: 'SkykitDeviceEdge';
  /** Opaque cursor: pass it as `after` to continue after this device. */
  readonly cursor: Scalars['String']['output'];
  /** The device. */
  readonly node: SkykitDevice;
};

/** A Skykit managing organization: the top of the hierarchy (organization → tenants → devices). */
export type SkykitManagingOrg = {
  readonly __typename?: 'SkykitManagingOrg';
  /** Skykit's code for the organization (`managingOrgCode`), as `skykitDevices` and `skykitTenants` take it. */
  readonly code: Scalars['ID']['output'];
  /** The organization's name; null when Skykit sent none. */
  readonly name?: Maybe<Scalars['String']['output']>;
};

/** A Skykit tenant: a customer account holding devices. */
export type SkykitTenant = {
  readonly __typename?: 'SkykitTenant';
  /** Skykit's code for the tenant (`tenantCode`), as `skykitDevices` takes it. */
  readonly code: Scalars['ID']['output'];
  /** The tenant's devices, in Skykit's order, as a Relay connection. */
  readonly devices: SkykitDeviceConnection;
  /** The tenant's domain name (e.g. example.com); null when Skykit sent none. */
  readonly domainName?: Maybe<Scalars['String']['output']>;
  /** The managing organization the tenant belongs to; null when Skykit sent no `managingOrgCode`. */
  readonly managingOrg?: Maybe<SkykitManagingOrg>;
  /** The tenant's name; null when Skykit sent none. */
  readonly name?: Maybe<Scalars['String']['output']>;
  /** Number of displays as Skykit counts them; null when Skykit sent no whole number. */
  readonly numberOfDisplays?: Maybe<Scalars['Int']['output']>;
};


/** A Skykit tenant: a customer account holding devices. */
export type SkykitTenantDevicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of tenants. */
export type SkykitTenantConnection = {
  readonly __typename?: 'SkykitTenantConnection';
  /** The tenants of this page, at most `first`. */
  readonly edges: ReadonlyArray<SkykitTenantEdge>;
  /** Whether more tenants follow, and the cursor to continue from. */
  readonly pageInfo: PageInfo;
};

/** One tenant in a page of tenants. */
export type SkykitTenantEdge = {
  readonly __typename?: 'SkykitTenantEdge';
  /** Opaque cursor: pass it as `after` to continue after this tenant. */
  readonly cursor: Scalars['String']['output'];
  /** The tenant. */
  readonly node: SkykitTenant;
};

/** A link to a source document. */
export type SourceLink = {
  readonly __typename?: 'SourceLink';
  /** kFinance's source type, e.g. doc-viewer line item. */
  readonly type: Scalars['String']['output'];
  /** The document's URL. */
  readonly url: Scalars['String']['output'];
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
  readonly __typename?: 'Subscription';
  /**
   * The job's state now, then each status change until SUCCESS or FAILED. The gateway polls
   * Extract once per job however many clients subscribe, and stops when none is left.
   */
  readonly extractionUpdated: Extraction;
  /** The transcription's state now, then at each change until it is final; one HEAD poller per job however many subscribe. */
  readonly transcriptionUpdated: Transcription;
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
  readonly __typename?: 'Table';
  /** Every placed cell, in row then column order. */
  readonly cells: ReadonlyArray<TableCell>;
  /** Number of columns of the grid, spans included; 0 when Extract gave no table structure. */
  readonly columnCount: Scalars['Int']['output'];
  /** The text of the header cells of each column, one entry per column (joined with a space when a column has several; empty for a column without one); an empty list when the table has no header cells. */
  readonly columnHeaders: ReadonlyArray<Scalars['String']['output']>;
  /** True for a table Extract read out of a figure. */
  readonly figureExtracted: Scalars['Boolean']['output'];
  /** The node the table is. */
  readonly node: ContentNode;
  /** Number of rows of the grid, spans included; 0 when Extract gave no table structure. */
  readonly rowCount: Scalars['Int']['output'];
  /** The grid, `rowCount` rows of `columnCount` entries: each cell at its top-left position; positions covered by a spanning cell, or by no cell, are null. */
  readonly rows: ReadonlyArray<ReadonlyArray<Maybe<TableCell>>>;
  /** Its title or caption: one Extract related to it, else one right before or after it, else the text of the FIGURE it sits in; null when there is none. */
  readonly title?: Maybe<Scalars['String']['output']>;
  /** The uid of the table's node (`node.uid`). */
  readonly uid: Scalars['ID']['output'];
};

/** One cell of a rebuilt table, placed by Extract's table-structure annotation. */
export type TableCell = {
  readonly __typename?: 'TableCell';
  /** 0-based column of the cell's top-left position. */
  readonly column: Scalars['Int']['output'];
  /** How many columns the cell covers, at least 1. */
  readonly columnSpan: Scalars['Int']['output'];
  /** The cell's text: its node's content, or the annotation's value when the node has none (figure-extracted tables). */
  readonly content: Scalars['String']['output'];
  /** True when Extract marked the cell as a column header. */
  readonly isColumnHeader: Scalars['Boolean']['output'];
  /** True when Extract marked the cell as a projected row header: a row spanning the table that heads the rows below it. */
  readonly isProjectedRowHeader: Scalars['Boolean']['output'];
  /** The TABLE_CELL (or FIGURE_EXTRACTED_TABLE_CELL) node. */
  readonly node: ContentNode;
  /** 0-based row of the cell's top-left position. */
  readonly row: Scalars['Int']['output'];
  /** How many rows the cell covers, at least 1. */
  readonly rowSpan: Scalars['Int']['output'];
};

/** Per-line detail of a text node (character-offsets format only). */
export type TextNodeData = {
  readonly __typename?: 'TextNodeData';
  /**
   * Where each character starts, line by line, as Extract sends it: for line i, one number per
   * character of `texts[i]`, the distance from the left edge of the line's box
   * (`textLocations[i]`) as a fraction (0–1) of that box's width — not a character index. A
   * line's list is null where Extract gave none; the whole list is null when Extract sent none.
   */
  readonly characterOffsets?: Maybe<ReadonlyArray<Maybe<ReadonlyArray<Scalars['Float']['output']>>>>;
  /** The box of each line, same order as `texts` (null where Extract gave none). */
  readonly textLocations: ReadonlyArray<Maybe<Location>>;
  /** The node's text line by line, in reading order. */
  readonly texts: ReadonlyArray<Scalars['String']['output']>;
};

/** One listing of a security on an exchange (a kFinance trading item); prices hang on it. */
export type TradingItem = {
  readonly __typename?: 'TradingItem';
  /** The company listed. */
  readonly company: Company;
  /** ISO currency the listing trades in (pricing metadata). */
  readonly currency?: Maybe<Scalars['String']['output']>;
  /** The exchange's name (pricing metadata). */
  readonly exchange?: Maybe<Scalars['String']['output']>;
  /** First day of trading (pricing metadata). */
  readonly firstTradeDate?: Maybe<Scalars['Date']['output']>;
  /** The trading item id. */
  readonly id: Scalars['ID']['output'];
  /** e.g. Equity (pricing metadata). */
  readonly instrumentType?: Maybe<Scalars['String']['output']>;
  /** Prices between two dates, both inclusive (needs PricingPermission). Without dates kFinance returns its whole history; the newest bar is the previous trading day's close. */
  readonly prices?: Maybe<PriceSeries>;
  /** The security this listing belongs to. */
  readonly security?: Maybe<Security>;
  /** The security id this listing belongs to. */
  readonly securityId?: Maybe<Scalars['ID']['output']>;
  /** The bare symbol, e.g. SPGI (pricing metadata). */
  readonly symbol?: Maybe<Scalars['String']['output']>;
  /** Exchange-qualified as kFinance sends it, e.g. NYSE:SPGI. */
  readonly ticker?: Maybe<Scalars['String']['output']>;
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
  readonly __typename?: 'Transcript';
  /** Scribe's overall confidence, 0 to 1 (an indicator, not a measured word accuracy). */
  readonly confidence?: Maybe<Scalars['Float']['output']>;
  /** End of the last segment, in ms (derived: Scribe gives no media duration). */
  readonly durationMs?: Maybe<Scalars['Int']['output']>;
  /** NERD over `text`; offsets index `text`. CAPIQ entities lead on to companies. */
  readonly entities?: Maybe<ReadonlyArray<KnowledgeBaseAnnotations>>;
  /** Consecutive stretches of the audio, most likely one speaker's utterance each. */
  readonly segments: ReadonlyArray<TranscriptSegment>;
  /** Distinct speaker ids of the segments (derived); Scribe gives no names. */
  readonly speakers: ReadonlyArray<TranscriptSpeaker>;
  /** The whole text, as Scribe sent it. */
  readonly text: Scalars['String']['output'];
};


/** A finished transcript. */
export type TranscriptEntitiesArgs = {
  knowledgeBases?: InputMaybe<ReadonlyArray<KnowledgeBase>>;
};

/** One segment (Scribe's slice). */
export type TranscriptSegment = {
  readonly __typename?: 'TranscriptSegment';
  /** Confidence, 0 to 1. */
  readonly confidence?: Maybe<Scalars['Float']['output']>;
  /** Length in ms. */
  readonly durationMs: Scalars['Int']['output'];
  /** Confidence in the speaker attribution, 0 to 1. */
  readonly speakerConfidence?: Maybe<Scalars['Float']['output']>;
  /** The speaker (see `Transcript.speakers`). */
  readonly speakerId?: Maybe<Scalars['Int']['output']>;
  /** Start, in ms from the start of the media. */
  readonly startMs: Scalars['Int']['output'];
  /** The segment's text. */
  readonly text: Scalars['String']['output'];
  /** The segment's tokens, with their timings. */
  readonly words: ReadonlyArray<TranscriptWord>;
};

/** A speaker heard in the transcript. */
export type TranscriptSpeaker = {
  readonly __typename?: 'TranscriptSpeaker';
  /** Scribe's speaker id: numbered from 0 in order of appearance; negative for unknown speakers. */
  readonly id: Scalars['Int']['output'];
  /** False for Scribe's negative (unknown-speaker) ids. */
  readonly known: Scalars['Boolean']['output'];
  /** Milliseconds of the segments attributed to this speaker. */
  readonly speakingMs: Scalars['Int']['output'];
};

/** One token (punctuation included). */
export type TranscriptWord = {
  readonly __typename?: 'TranscriptWord';
  /** Confidence, 0 to 1. */
  readonly confidence?: Maybe<Scalars['Float']['output']>;
  /** Length in ms. */
  readonly durationMs: Scalars['Int']['output'];
  /** Start, in ms from the start of the media. */
  readonly startMs: Scalars['Int']['output'];
  /** The token. */
  readonly text: Scalars['String']['output'];
  /** Scribe's align_success: false when the times are approximate. */
  readonly timed: Scalars['Boolean']['output'];
};

/** A Kensho Scribe transcription job. */
export type Transcription = {
  readonly __typename?: 'Transcription';
  /** Why a FAILED job failed, as Scribe says it (with its msg_code). */
  readonly error?: Maybe<Scalars['String']['output']>;
  /** Scribe's Expires header: after this the result is gone. */
  readonly expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Scribe's transcription id (opaque; keep it: Scribe has no list call). */
  readonly id: Scalars['ID']['output'];
  /** Where the job stands. */
  readonly status: TranscriptionStatus;
  /** The structured transcript, once SUCCESS. */
  readonly transcript?: Maybe<Transcript>;
  /** WebVTT exactly as Scribe renders it (one more call), once SUCCESS. */
  readonly vtt?: Maybe<Scalars['String']['output']>;
};

/** Options of one transcription; each maps to one of Scribe's `commonOptions`. */
export type TranscriptionOptions = {
  /** Notes stored with the job (Scribe's `context.description`). */
  readonly contextDescription?: InputMaybe<Scalars['String']['input']>;
  /** Your own id for the job, stored with it (Scribe's `context.id`); Scribe never returns it. */
  readonly contextId?: InputMaybe<Scalars['String']['input']>;
  /** A title stored with the job (Scribe's `context.title`). */
  readonly contextTitle?: InputMaybe<Scalars['String']['input']>;
  /** ISO 639-1 or 639-3 code of the media's language (e.g. en, de, jpn); Scribe honours it only for HUMAN. */
  readonly mediaLanguage?: InputMaybe<Scalars['String']['input']>;
  /** Only for HUMAN. */
  readonly priority?: InputMaybe<TranscriptionPriority>;
  /** Machine (default) or human transcription. */
  readonly transcriber?: InputMaybe<Transcriber>;
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
  readonly hoursOfOperation?: InputMaybe<Scalars['JSON']['input']>;
  /** Skykit's device id (`SkykitDevice.id`); give this or `serialNumber`. */
  readonly id?: InputMaybe<Scalars['ID']['input']>;
  /** The device's serial number; give this or `id`. */
  readonly serialNumber?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone, e.g. US/Central or Europe/Zurich; checked before Skykit is called. */
  readonly timezone?: InputMaybe<Scalars['String']['input']>;
};

/** The result of `updateSkykitDevice`. */
export type UpdateSkykitDevicePayload = {
  readonly __typename?: 'UpdateSkykitDevicePayload';
  /** The device after the change, as Skykit answered it or, when it answered none, read again; null when Skykit no longer knows it. */
  readonly device?: Maybe<SkykitDevice>;
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
  readonly __typename?: 'UpstreamStatus';
  /** The upstream application this status is about. */
  readonly app: UpstreamApp;
  /** True when credentials are configured for the app. */
  readonly configured: Scalars['Boolean']['output'];
  /** The kind of credential the gateway uses for the app (when several are configured, the one that takes precedence); NONE when `configured` is false, SIMULATOR when the app is the built-in simulator. */
  readonly credential: CredentialKind;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Address: ResolverTypeWrapper<KfCompanyInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BusinessRelationship: BusinessRelationship;
  CalendarType: CalendarType;
  ChangeSkykitContentInput: ChangeSkykitContentInput;
  ChangeSkykitContentPayload: ResolverTypeWrapper<ChangeContentModel>;
  Company: ResolverTypeWrapper<CompanyModel>;
  CompanyLink: ResolverTypeWrapper<Omit<CompanyLink, 'company'> & { company?: Maybe<ResolversTypes['Company']> }>;
  CompanyMergers: ResolverTypeWrapper<KfCompanyMergers>;
  CompanyRecordInput: CompanyRecordInput;
  CompanyRecordLinks: ResolverTypeWrapper<Omit<CompanyRecordLinks, 'candidates'> & { candidates: ReadonlyArray<ResolversTypes['CompanyLink']> }>;
  CompanyResolution: ResolverTypeWrapper<CompanyResolutionModel>;
  ContentNode: ResolverTypeWrapper<NodeModel>;
  ContentRelation: ResolverTypeWrapper<RelationModel>;
  ContentType: ContentType;
  CredentialKind: CredentialKind;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  EarningsCall: ResolverTypeWrapper<EarningsCallModel>;
  EarningsTranscriptPart: ResolverTypeWrapper<KfTranscriptPart>;
  Entity: ResolverTypeWrapper<EntityModel>;
  EntityAnnotation: ResolverTypeWrapper<AnnotationModel>;
  EntityRelevance: ResolverTypeWrapper<EntityRelevance>;
  ExtractedDocument: ResolverTypeWrapper<DocumentModel>;
  Extraction: ResolverTypeWrapper<ExtractionState>;
  ExtractionDocumentType: ExtractionDocumentType;
  ExtractionOptions: ExtractionOptions;
  ExtractionOutputFormat: ExtractionOutputFormat;
  ExtractionPriority: ExtractionPriority;
  ExtractionStatus: ExtractionStatus;
  FinancialPeriod: ResolverTypeWrapper<KfFinancialPeriod>;
  FinancialSeries: ResolverTypeWrapper<KfFinancialSeries>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FundingRole: FundingRole;
  FundingRound: ResolverTypeWrapper<KfFundingRound>;
  GatewayInfo: ResolverTypeWrapper<GatewayInfoModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  KnowledgeBase: KnowledgeBase;
  KnowledgeBaseAnnotations: ResolverTypeWrapper<NerdKbResult>;
  LineItemGroup: ResolverTypeWrapper<LineItemGroup>;
  LineItemValue: ResolverTypeWrapper<LineItemValue>;
  LinkKnowledgeBase: LinkKnowledgeBase;
  Location: ResolverTypeWrapper<LocationWire>;
  MarketCapPoint: ResolverTypeWrapper<MarketCapPoint>;
  MarketCapSeries: ResolverTypeWrapper<KfMarketCapSeries>;
  Merger: ResolverTypeWrapper<KfMergerInfo>;
  MergerConsideration: ResolverTypeWrapper<MergerConsideration>;
  MergerEvent: ResolverTypeWrapper<MergerEvent>;
  MergerSummary: ResolverTypeWrapper<KfMergerSummary>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PdfPage: ResolverTypeWrapper<PdfPageModel>;
  PeriodSelection: PeriodSelection;
  PeriodType: PeriodType;
  Periodicity: Periodicity;
  PriceBar: ResolverTypeWrapper<KfPriceBar>;
  PriceSeries: ResolverTypeWrapper<KfPriceSeries>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RelatedCompanies: ResolverTypeWrapper<RelatedCompaniesModel>;
  Security: ResolverTypeWrapper<SecurityModel>;
  SegmentType: SegmentType;
  SkykitDevice: ResolverTypeWrapper<SkykitDeviceWire>;
  SkykitDeviceConnection: ResolverTypeWrapper<DeviceConnectionModel>;
  SkykitDeviceEdge: ResolverTypeWrapper<Omit<SkykitDeviceEdge, 'node'> & { node: ResolversTypes['SkykitDevice'] }>;
  SkykitManagingOrg: ResolverTypeWrapper<SkykitManagingOrg>;
  SkykitTenant: ResolverTypeWrapper<SkykitTenantWire>;
  SkykitTenantConnection: ResolverTypeWrapper<TenantConnectionModel>;
  SkykitTenantEdge: ResolverTypeWrapper<Omit<SkykitTenantEdge, 'node'> & { node: ResolversTypes['SkykitTenant'] }>;
  SourceLink: ResolverTypeWrapper<SourceLink>;
  StatementType: StatementType;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Table: ResolverTypeWrapper<TableModel>;
  TableCell: ResolverTypeWrapper<CellModel>;
  TextNodeData: ResolverTypeWrapper<TextNodeDataWire>;
  TradingItem: ResolverTypeWrapper<TradingItemModel>;
  Transcriber: Transcriber;
  Transcript: ResolverTypeWrapper<TranscriptModel>;
  TranscriptSegment: ResolverTypeWrapper<TranscriptSegment>;
  TranscriptSpeaker: ResolverTypeWrapper<TranscriptSpeaker>;
  TranscriptWord: ResolverTypeWrapper<TranscriptWord>;
  Transcription: ResolverTypeWrapper<TranscriptionState>;
  TranscriptionOptions: TranscriptionOptions;
  TranscriptionPriority: TranscriptionPriority;
  TranscriptionStatus: TranscriptionStatus;
  UpdateSkykitDeviceInput: UpdateSkykitDeviceInput;
  UpdateSkykitDevicePayload: ResolverTypeWrapper<Omit<UpdateSkykitDevicePayload, 'device'> & { device?: Maybe<ResolversTypes['SkykitDevice']> }>;
  Upload: ResolverTypeWrapper<Scalars['Upload']['output']>;
  UpstreamApp: UpstreamApp;
  UpstreamStatus: ResolverTypeWrapper<UpstreamStatus>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Address: KfCompanyInfo;
  Boolean: Scalars['Boolean']['output'];
  ChangeSkykitContentInput: ChangeSkykitContentInput;
  ChangeSkykitContentPayload: ChangeContentModel;
  Company: CompanyModel;
  CompanyLink: Omit<CompanyLink, 'company'> & { company?: Maybe<ResolversParentTypes['Company']> };
  CompanyMergers: KfCompanyMergers;
  CompanyRecordInput: CompanyRecordInput;
  CompanyRecordLinks: Omit<CompanyRecordLinks, 'candidates'> & { candidates: ReadonlyArray<ResolversParentTypes['CompanyLink']> };
  CompanyResolution: CompanyResolutionModel;
  ContentNode: NodeModel;
  ContentRelation: RelationModel;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  EarningsCall: EarningsCallModel;
  EarningsTranscriptPart: KfTranscriptPart;
  Entity: EntityModel;
  EntityAnnotation: AnnotationModel;
  EntityRelevance: EntityRelevance;
  ExtractedDocument: DocumentModel;
  Extraction: ExtractionState;
  ExtractionOptions: ExtractionOptions;
  FinancialPeriod: KfFinancialPeriod;
  FinancialSeries: KfFinancialSeries;
  Float: Scalars['Float']['output'];
  FundingRound: KfFundingRound;
  GatewayInfo: GatewayInfoModel;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  KnowledgeBaseAnnotations: NerdKbResult;
  LineItemGroup: LineItemGroup;
  LineItemValue: LineItemValue;
  Location: LocationWire;
  MarketCapPoint: MarketCapPoint;
  MarketCapSeries: KfMarketCapSeries;
  Merger: KfMergerInfo;
  MergerConsideration: MergerConsideration;
  MergerEvent: MergerEvent;
  MergerSummary: KfMergerSummary;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PdfPage: PdfPageModel;
  PeriodSelection: PeriodSelection;
  PriceBar: KfPriceBar;
  PriceSeries: KfPriceSeries;
  Query: Record<PropertyKey, never>;
  RelatedCompanies: RelatedCompaniesModel;
  Security: SecurityModel;
  SkykitDevice: SkykitDeviceWire;
  SkykitDeviceConnection: DeviceConnectionModel;
  SkykitDeviceEdge: Omit<SkykitDeviceEdge, 'node'> & { node: ResolversParentTypes['SkykitDevice'] };
  SkykitManagingOrg: SkykitManagingOrg;
  SkykitTenant: SkykitTenantWire;
  SkykitTenantConnection: TenantConnectionModel;
  SkykitTenantEdge: Omit<SkykitTenantEdge, 'node'> & { node: ResolversParentTypes['SkykitTenant'] };
  SourceLink: SourceLink;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Table: TableModel;
  TableCell: CellModel;
  TextNodeData: TextNodeDataWire;
  TradingItem: TradingItemModel;
  Transcript: TranscriptModel;
  TranscriptSegment: TranscriptSegment;
  TranscriptSpeaker: TranscriptSpeaker;
  TranscriptWord: TranscriptWord;
  Transcription: TranscriptionState;
  TranscriptionOptions: TranscriptionOptions;
  UpdateSkykitDeviceInput: UpdateSkykitDeviceInput;
  UpdateSkykitDevicePayload: Omit<UpdateSkykitDevicePayload, 'device'> & { device?: Maybe<ResolversParentTypes['SkykitDevice']> };
  Upload: Scalars['Upload']['output'];
  UpstreamStatus: UpstreamStatus;
};

export type UpstreamDirectiveArgs = {
  app: UpstreamApp;
  scope?: Maybe<Scalars['String']['input']>;
};

export type UpstreamDirectiveResolver<Result, Parent, ContextType = AppContext, Args = UpstreamDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AddressResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Address'] = ResolversParentTypes['Address']> = {
  city?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  countryIso3?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  street?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  zip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ChangeSkykitContentPayloadResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['ChangeSkykitContentPayload'] = ResolversParentTypes['ChangeSkykitContentPayload']> = {
  accepted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  device?: Resolver<Maybe<ResolversTypes['SkykitDevice']>, ParentType, ContextType>;
};

export type CompanyResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Company'] = ResolversParentTypes['Company']> = {
  companyType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  competitors?: Resolver<Maybe<ReadonlyArray<ResolversTypes['Company']>>, ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  earningsCalls?: Resolver<Maybe<ReadonlyArray<ResolversTypes['EarningsCall']>>, ParentType, ContextType>;
  employees?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  financialStatement?: Resolver<Maybe<ResolversTypes['FinancialSeries']>, ParentType, ContextType, RequireFields<CompanyFinancialStatementArgs, 'type'>>;
  foundedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  fundingRounds?: Resolver<Maybe<ReadonlyArray<ResolversTypes['FundingRound']>>, ParentType, ContextType, RequireFields<CompanyFundingRoundsArgs, 'role'>>;
  headquarters?: Resolver<Maybe<ResolversTypes['Address']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lineItem?: Resolver<Maybe<ResolversTypes['FinancialSeries']>, ParentType, ContextType, RequireFields<CompanyLineItemArgs, 'name'>>;
  marketCaps?: Resolver<Maybe<ResolversTypes['MarketCapSeries']>, ParentType, ContextType, Partial<CompanyMarketCapsArgs>>;
  mergers?: Resolver<Maybe<ResolversTypes['CompanyMergers']>, ParentType, ContextType, Partial<CompanyMergersArgs>>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  primaryListing?: Resolver<Maybe<ResolversTypes['TradingItem']>, ParentType, ContextType>;
  relatedCompanies?: Resolver<Maybe<ResolversTypes['RelatedCompanies']>, ParentType, ContextType, RequireFields<CompanyRelatedCompaniesArgs, 'relationship'>>;
  securities?: Resolver<Maybe<ReadonlyArray<ResolversTypes['Security']>>, ParentType, ContextType>;
  segments?: Resolver<Maybe<ResolversTypes['FinancialSeries']>, ParentType, ContextType, RequireFields<CompanySegmentsArgs, 'type'>>;
  simpleIndustry?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  summary?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ticker?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  website?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CompanyLinkResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['CompanyLink'] = ResolversParentTypes['CompanyLink']> = {
  capiqId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType>;
  kbId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kbName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  knowledgeBase?: Resolver<ResolversTypes['LinkKnowledgeBase'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type CompanyMergersResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['CompanyMergers'] = ResolversParentTypes['CompanyMergers']> = {
  asBuyer?: Resolver<ReadonlyArray<ResolversTypes['MergerSummary']>, ParentType, ContextType>;
  asSeller?: Resolver<ReadonlyArray<ResolversTypes['MergerSummary']>, ParentType, ContextType>;
  asTarget?: Resolver<ReadonlyArray<ResolversTypes['MergerSummary']>, ParentType, ContextType>;
};

export type CompanyRecordLinksResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['CompanyRecordLinks'] = ResolversParentTypes['CompanyRecordLinks']> = {
  candidates?: Resolver<ReadonlyArray<ResolversTypes['CompanyLink']>, ParentType, ContextType>;
  uid?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CompanyResolutionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['CompanyResolution'] = ResolversParentTypes['CompanyResolution']> = {
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  input?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  security?: Resolver<Maybe<ResolversTypes['Security']>, ParentType, ContextType>;
  tradingItem?: Resolver<Maybe<ResolversTypes['TradingItem']>, ParentType, ContextType>;
};

export type ContentNodeResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['ContentNode'] = ResolversParentTypes['ContentNode']> = {
  children?: Resolver<ReadonlyArray<ResolversTypes['ContentNode']>, ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  depth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  entities?: Resolver<Maybe<ReadonlyArray<ResolversTypes['KnowledgeBaseAnnotations']>>, ParentType, ContextType, RequireFields<ContentNodeEntitiesArgs, 'knowledgeBases'>>;
  locations?: Resolver<ReadonlyArray<ResolversTypes['Location']>, ParentType, ContextType>;
  page?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['ContentNode']>, ParentType, ContextType>;
  relations?: Resolver<ReadonlyArray<ResolversTypes['ContentRelation']>, ParentType, ContextType>;
  table?: Resolver<Maybe<ResolversTypes['Table']>, ParentType, ContextType>;
  textNodeData?: Resolver<Maybe<ResolversTypes['TextNodeData']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['ContentType'], ParentType, ContextType>;
  typeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uid?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ContentRelationResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['ContentRelation'] = ResolversParentTypes['ContentRelation']> = {
  source?: Resolver<Maybe<ResolversTypes['ContentNode']>, ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['ContentNode']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type EarningsCallResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['EarningsCall'] = ResolversParentTypes['EarningsCall']> = {
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  entities?: Resolver<Maybe<ReadonlyArray<ResolversTypes['KnowledgeBaseAnnotations']>>, ParentType, ContextType, RequireFields<EarningsCallEntitiesArgs, 'knowledgeBases'>>;
  keyDevId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startsAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  transcript?: Resolver<Maybe<ReadonlyArray<ResolversTypes['EarningsTranscriptPart']>>, ParentType, ContextType>;
  transcriptText?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type EarningsTranscriptPartResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['EarningsTranscriptPart'] = ResolversParentTypes['EarningsTranscriptPart']> = {
  componentType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  speaker?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EntityResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Entity'] = ResolversParentTypes['Entity']> = {
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType>;
  kbId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  knowledgeBase?: Resolver<ResolversTypes['KnowledgeBase'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  wikidataId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type EntityAnnotationResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['EntityAnnotation'] = ResolversParentTypes['EntityAnnotation']> = {
  endIndex?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  nedScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  nerScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  nerType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startIndex?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EntityRelevanceResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['EntityRelevance'] = ResolversParentTypes['EntityRelevance']> = {
  kbId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ExtractedDocumentResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['ExtractedDocument'] = ResolversParentTypes['ExtractedDocument']> = {
  entities?: Resolver<Maybe<ReadonlyArray<ResolversTypes['KnowledgeBaseAnnotations']>>, ParentType, ContextType, RequireFields<ExtractedDocumentEntitiesArgs, 'knowledgeBases'>>;
  format?: Resolver<ResolversTypes['ExtractionOutputFormat'], ParentType, ContextType>;
  markdown?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['ContentNode']>, ParentType, ContextType, RequireFields<ExtractedDocumentNodeArgs, 'uid'>>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['ContentNode']>, ParentType, ContextType, Partial<ExtractedDocumentNodesArgs>>;
  pages?: Resolver<ReadonlyArray<ResolversTypes['PdfPage']>, ParentType, ContextType>;
  relations?: Resolver<ReadonlyArray<ResolversTypes['ContentRelation']>, ParentType, ContextType>;
  root?: Resolver<ResolversTypes['ContentNode'], ParentType, ContextType>;
  tables?: Resolver<ReadonlyArray<ResolversTypes['Table']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ExtractionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Extraction'] = ResolversParentTypes['Extraction']> = {
  document?: Resolver<Maybe<ResolversTypes['ExtractedDocument']>, ParentType, ContextType, RequireFields<ExtractionDocumentArgs, 'format'>>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExtractionStatus'], ParentType, ContextType>;
};

export type FinancialPeriodResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['FinancialPeriod'] = ResolversParentTypes['FinancialPeriod']> = {
  endDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  groups?: Resolver<ReadonlyArray<ResolversTypes['LineItemGroup']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  months?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type FinancialSeriesResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['FinancialSeries'] = ResolversParentTypes['FinancialSeries']> = {
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  periods?: Resolver<ReadonlyArray<ResolversTypes['FinancialPeriod']>, ParentType, ContextType>;
};

export type FundingRoundResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['FundingRound'] = ResolversParentTypes['FundingRound']> = {
  closedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  fundingType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  notes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  transactionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type GatewayInfoResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['GatewayInfo'] = ResolversParentTypes['GatewayInfo']> = {
  upstreams?: Resolver<ReadonlyArray<ResolversTypes['UpstreamStatus']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type KnowledgeBaseAnnotationsResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['KnowledgeBaseAnnotations'] = ResolversParentTypes['KnowledgeBaseAnnotations']> = {
  annotations?: Resolver<ReadonlyArray<ResolversTypes['EntityAnnotation']>, ParentType, ContextType>;
  knowledgeBase?: Resolver<ResolversTypes['KnowledgeBase'], ParentType, ContextType>;
  relevance?: Resolver<ReadonlyArray<ResolversTypes['EntityRelevance']>, ParentType, ContextType>;
};

export type LineItemGroupResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['LineItemGroup'] = ResolversParentTypes['LineItemGroup']> = {
  items?: Resolver<ReadonlyArray<ResolversTypes['LineItemValue']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LineItemValueResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['LineItemValue'] = ResolversParentTypes['LineItemValue']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sources?: Resolver<ReadonlyArray<ResolversTypes['SourceLink']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
};

export type LocationResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Location'] = ResolversParentTypes['Location']> = {
  height?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  page?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  x?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MarketCapPointResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['MarketCapPoint'] = ResolversParentTypes['MarketCapPoint']> = {
  date?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  marketCap?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  sharesOutstanding?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  tev?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
};

export type MarketCapSeriesResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['MarketCapSeries'] = ResolversParentTypes['MarketCapSeries']> = {
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  points?: Resolver<ReadonlyArray<ResolversTypes['MarketCapPoint']>, ParentType, ContextType>;
};

export type MergerResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Merger'] = ResolversParentTypes['Merger']> = {
  buyers?: Resolver<ReadonlyArray<ResolversTypes['Company']>, ParentType, ContextType>;
  consideration?: Resolver<Maybe<ResolversTypes['MergerConsideration']>, ParentType, ContextType>;
  sellers?: Resolver<ReadonlyArray<ResolversTypes['Company']>, ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType>;
  timeline?: Resolver<ReadonlyArray<ResolversTypes['MergerEvent']>, ParentType, ContextType>;
  transactionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MergerConsiderationResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['MergerConsideration'] = ResolversParentTypes['MergerConsideration']> = {
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  grossTotalValue?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  impliedEnterpriseValue?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  impliedEquityValue?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
};

export type MergerEventResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['MergerEvent'] = ResolversParentTypes['MergerEvent']> = {
  date?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MergerSummaryResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['MergerSummary'] = ResolversParentTypes['MergerSummary']> = {
  announcedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  closedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['Merger']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  transactionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  changeSkykitContent?: Resolver<Maybe<ResolversTypes['ChangeSkykitContentPayload']>, ParentType, ContextType, RequireFields<MutationChangeSkykitContentArgs, 'input'>>;
  deleteTranscription?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteTranscriptionArgs, 'id'>>;
  submitExtraction?: Resolver<ResolversTypes['Extraction'], ParentType, ContextType, RequireFields<MutationSubmitExtractionArgs, 'file'>>;
  submitTranscription?: Resolver<ResolversTypes['Transcription'], ParentType, ContextType, RequireFields<MutationSubmitTranscriptionArgs, 'file'>>;
  submitTranscriptionFromUrl?: Resolver<ResolversTypes['Transcription'], ParentType, ContextType, RequireFields<MutationSubmitTranscriptionFromUrlArgs, 'mediaUrl'>>;
  updateSkykitDevice?: Resolver<Maybe<ResolversTypes['UpdateSkykitDevicePayload']>, ParentType, ContextType, RequireFields<MutationUpdateSkykitDeviceArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PdfPageResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['PdfPage'] = ResolversParentTypes['PdfPage']> = {
  height?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requiredCcwRotation?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PriceBarResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['PriceBar'] = ResolversParentTypes['PriceBar']> = {
  close?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  high?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  low?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  open?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  volume?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
};

export type PriceSeriesResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['PriceSeries'] = ResolversParentTypes['PriceSeries']> = {
  bars?: Resolver<ReadonlyArray<ResolversTypes['PriceBar']>, ParentType, ContextType>;
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  annotateText?: Resolver<Maybe<ReadonlyArray<ResolversTypes['KnowledgeBaseAnnotations']>>, ParentType, ContextType, RequireFields<QueryAnnotateTextArgs, 'knowledgeBases' | 'text'>>;
  awaitExtraction?: Resolver<Maybe<ResolversTypes['Extraction']>, ParentType, ContextType, RequireFields<QueryAwaitExtractionArgs, 'id'>>;
  awaitTranscription?: Resolver<Maybe<ResolversTypes['Transcription']>, ParentType, ContextType, RequireFields<QueryAwaitTranscriptionArgs, 'id'>>;
  company?: Resolver<Maybe<ResolversTypes['Company']>, ParentType, ContextType, RequireFields<QueryCompanyArgs, 'id'>>;
  extraction?: Resolver<Maybe<ResolversTypes['Extraction']>, ParentType, ContextType, RequireFields<QueryExtractionArgs, 'id'>>;
  gateway?: Resolver<ResolversTypes['GatewayInfo'], ParentType, ContextType>;
  linkCompanies?: Resolver<Maybe<ReadonlyArray<ResolversTypes['CompanyRecordLinks']>>, ParentType, ContextType, RequireFields<QueryLinkCompaniesArgs, 'knowledgeBase' | 'records' | 'topN'>>;
  merger?: Resolver<Maybe<ResolversTypes['Merger']>, ParentType, ContextType, RequireFields<QueryMergerArgs, 'transactionId'>>;
  resolveCompanies?: Resolver<ReadonlyArray<ResolversTypes['CompanyResolution']>, ParentType, ContextType, RequireFields<QueryResolveCompaniesArgs, 'identifiers'>>;
  skykitDevice?: Resolver<Maybe<ResolversTypes['SkykitDevice']>, ParentType, ContextType, Partial<QuerySkykitDeviceArgs>>;
  skykitDevices?: Resolver<Maybe<ResolversTypes['SkykitDeviceConnection']>, ParentType, ContextType, RequireFields<QuerySkykitDevicesArgs, 'first'>>;
  skykitTenants?: Resolver<Maybe<ResolversTypes['SkykitTenantConnection']>, ParentType, ContextType, RequireFields<QuerySkykitTenantsArgs, 'first'>>;
  transcription?: Resolver<Maybe<ResolversTypes['Transcription']>, ParentType, ContextType, RequireFields<QueryTranscriptionArgs, 'id'>>;
};

export type RelatedCompaniesResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['RelatedCompanies'] = ResolversParentTypes['RelatedCompanies']> = {
  current?: Resolver<ReadonlyArray<ResolversTypes['Company']>, ParentType, ContextType>;
  previous?: Resolver<ReadonlyArray<ResolversTypes['Company']>, ParentType, ContextType>;
};

export type SecurityResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Security'] = ResolversParentTypes['Security']> = {
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  cusip?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isin?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tradingItems?: Resolver<Maybe<ReadonlyArray<ResolversTypes['TradingItem']>>, ParentType, ContextType>;
};

export type SkykitDeviceResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['SkykitDevice'] = ResolversParentTypes['SkykitDevice']> = {
  chromeWebviewVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  connectionType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contentManagerDisplayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contentManagerLocation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contentPending?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  controlVersionName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  created?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  defaultHomeApp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  displayRatio?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ethernetMacAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasContentPending?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  heartbeatUpdated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  homeVersionName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hoursOfOperation?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastPlayedContentName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  launcherVersionName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  macAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  model?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  osVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  raw?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  serialNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['SkykitTenant']>, ParentType, ContextType>;
  tenantCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timezone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type SkykitDeviceConnectionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['SkykitDeviceConnection'] = ResolversParentTypes['SkykitDeviceConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['SkykitDeviceEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SkykitDeviceEdgeResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['SkykitDeviceEdge'] = ResolversParentTypes['SkykitDeviceEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SkykitDevice'], ParentType, ContextType>;
};

export type SkykitManagingOrgResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['SkykitManagingOrg'] = ResolversParentTypes['SkykitManagingOrg']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SkykitTenantResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['SkykitTenant'] = ResolversParentTypes['SkykitTenant']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  devices?: Resolver<ResolversTypes['SkykitDeviceConnection'], ParentType, ContextType, RequireFields<SkykitTenantDevicesArgs, 'first'>>;
  domainName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  managingOrg?: Resolver<Maybe<ResolversTypes['SkykitManagingOrg']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  numberOfDisplays?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SkykitTenantConnectionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['SkykitTenantConnection'] = ResolversParentTypes['SkykitTenantConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['SkykitTenantEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SkykitTenantEdgeResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['SkykitTenantEdge'] = ResolversParentTypes['SkykitTenantEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SkykitTenant'], ParentType, ContextType>;
};

export type SourceLinkResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['SourceLink'] = ResolversParentTypes['SourceLink']> = {
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  extractionUpdated?: SubscriptionResolver<ResolversTypes['Extraction'], "extractionUpdated", ParentType, ContextType, RequireFields<SubscriptionExtractionUpdatedArgs, 'id'>>;
  transcriptionUpdated?: SubscriptionResolver<ResolversTypes['Transcription'], "transcriptionUpdated", ParentType, ContextType, RequireFields<SubscriptionTranscriptionUpdatedArgs, 'id'>>;
};

export type TableResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Table'] = ResolversParentTypes['Table']> = {
  cells?: Resolver<ReadonlyArray<ResolversTypes['TableCell']>, ParentType, ContextType>;
  columnCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  columnHeaders?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  figureExtracted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ContentNode'], ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rows?: Resolver<ReadonlyArray<ReadonlyArray<Maybe<ResolversTypes['TableCell']>>>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  uid?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TableCellResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['TableCell'] = ResolversParentTypes['TableCell']> = {
  column?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  columnSpan?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  isColumnHeader?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isProjectedRowHeader?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ContentNode'], ParentType, ContextType>;
  row?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rowSpan?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TextNodeDataResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['TextNodeData'] = ResolversParentTypes['TextNodeData']> = {
  characterOffsets?: Resolver<Maybe<ReadonlyArray<Maybe<ReadonlyArray<ResolversTypes['Float']>>>>, ParentType, ContextType>;
  textLocations?: Resolver<ReadonlyArray<Maybe<ResolversTypes['Location']>>, ParentType, ContextType>;
  texts?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TradingItemResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['TradingItem'] = ResolversParentTypes['TradingItem']> = {
  company?: Resolver<ResolversTypes['Company'], ParentType, ContextType>;
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  exchange?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firstTradeDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  instrumentType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  prices?: Resolver<Maybe<ResolversTypes['PriceSeries']>, ParentType, ContextType, RequireFields<TradingItemPricesArgs, 'adjusted' | 'periodicity'>>;
  security?: Resolver<Maybe<ResolversTypes['Security']>, ParentType, ContextType>;
  securityId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  symbol?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ticker?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TranscriptResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Transcript'] = ResolversParentTypes['Transcript']> = {
  confidence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  entities?: Resolver<Maybe<ReadonlyArray<ResolversTypes['KnowledgeBaseAnnotations']>>, ParentType, ContextType, RequireFields<TranscriptEntitiesArgs, 'knowledgeBases'>>;
  segments?: Resolver<ReadonlyArray<ResolversTypes['TranscriptSegment']>, ParentType, ContextType>;
  speakers?: Resolver<ReadonlyArray<ResolversTypes['TranscriptSpeaker']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TranscriptSegmentResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['TranscriptSegment'] = ResolversParentTypes['TranscriptSegment']> = {
  confidence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  speakerConfidence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  speakerId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  startMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  words?: Resolver<ReadonlyArray<ResolversTypes['TranscriptWord']>, ParentType, ContextType>;
};

export type TranscriptSpeakerResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['TranscriptSpeaker'] = ResolversParentTypes['TranscriptSpeaker']> = {
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  known?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  speakingMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TranscriptWordResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['TranscriptWord'] = ResolversParentTypes['TranscriptWord']> = {
  confidence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type TranscriptionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Transcription'] = ResolversParentTypes['Transcription']> = {
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TranscriptionStatus'], ParentType, ContextType>;
  transcript?: Resolver<Maybe<ResolversTypes['Transcript']>, ParentType, ContextType>;
  vtt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UpdateSkykitDevicePayloadResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['UpdateSkykitDevicePayload'] = ResolversParentTypes['UpdateSkykitDevicePayload']> = {
  device?: Resolver<Maybe<ResolversTypes['SkykitDevice']>, ParentType, ContextType>;
};

export interface UploadScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Upload'], any> {
  name: 'Upload';
}

export type UpstreamStatusResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['UpstreamStatus'] = ResolversParentTypes['UpstreamStatus']> = {
  app?: Resolver<ResolversTypes['UpstreamApp'], ParentType, ContextType>;
  configured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  credential?: Resolver<ResolversTypes['CredentialKind'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AppContext> = {
  Address?: AddressResolvers<ContextType>;
  ChangeSkykitContentPayload?: ChangeSkykitContentPayloadResolvers<ContextType>;
  Company?: CompanyResolvers<ContextType>;
  CompanyLink?: CompanyLinkResolvers<ContextType>;
  CompanyMergers?: CompanyMergersResolvers<ContextType>;
  CompanyRecordLinks?: CompanyRecordLinksResolvers<ContextType>;
  CompanyResolution?: CompanyResolutionResolvers<ContextType>;
  ContentNode?: ContentNodeResolvers<ContextType>;
  ContentRelation?: ContentRelationResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  EarningsCall?: EarningsCallResolvers<ContextType>;
  EarningsTranscriptPart?: EarningsTranscriptPartResolvers<ContextType>;
  Entity?: EntityResolvers<ContextType>;
  EntityAnnotation?: EntityAnnotationResolvers<ContextType>;
  EntityRelevance?: EntityRelevanceResolvers<ContextType>;
  ExtractedDocument?: ExtractedDocumentResolvers<ContextType>;
  Extraction?: ExtractionResolvers<ContextType>;
  FinancialPeriod?: FinancialPeriodResolvers<ContextType>;
  FinancialSeries?: FinancialSeriesResolvers<ContextType>;
  FundingRound?: FundingRoundResolvers<ContextType>;
  GatewayInfo?: GatewayInfoResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  KnowledgeBaseAnnotations?: KnowledgeBaseAnnotationsResolvers<ContextType>;
  LineItemGroup?: LineItemGroupResolvers<ContextType>;
  LineItemValue?: LineItemValueResolvers<ContextType>;
  Location?: LocationResolvers<ContextType>;
  MarketCapPoint?: MarketCapPointResolvers<ContextType>;
  MarketCapSeries?: MarketCapSeriesResolvers<ContextType>;
  Merger?: MergerResolvers<ContextType>;
  MergerConsideration?: MergerConsiderationResolvers<ContextType>;
  MergerEvent?: MergerEventResolvers<ContextType>;
  MergerSummary?: MergerSummaryResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PdfPage?: PdfPageResolvers<ContextType>;
  PriceBar?: PriceBarResolvers<ContextType>;
  PriceSeries?: PriceSeriesResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RelatedCompanies?: RelatedCompaniesResolvers<ContextType>;
  Security?: SecurityResolvers<ContextType>;
  SkykitDevice?: SkykitDeviceResolvers<ContextType>;
  SkykitDeviceConnection?: SkykitDeviceConnectionResolvers<ContextType>;
  SkykitDeviceEdge?: SkykitDeviceEdgeResolvers<ContextType>;
  SkykitManagingOrg?: SkykitManagingOrgResolvers<ContextType>;
  SkykitTenant?: SkykitTenantResolvers<ContextType>;
  SkykitTenantConnection?: SkykitTenantConnectionResolvers<ContextType>;
  SkykitTenantEdge?: SkykitTenantEdgeResolvers<ContextType>;
  SourceLink?: SourceLinkResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Table?: TableResolvers<ContextType>;
  TableCell?: TableCellResolvers<ContextType>;
  TextNodeData?: TextNodeDataResolvers<ContextType>;
  TradingItem?: TradingItemResolvers<ContextType>;
  Transcript?: TranscriptResolvers<ContextType>;
  TranscriptSegment?: TranscriptSegmentResolvers<ContextType>;
  TranscriptSpeaker?: TranscriptSpeakerResolvers<ContextType>;
  TranscriptWord?: TranscriptWordResolvers<ContextType>;
  Transcription?: TranscriptionResolvers<ContextType>;
  UpdateSkykitDevicePayload?: UpdateSkykitDevicePayloadResolvers<ContextType>;
  Upload?: GraphQLScalarType;
  UpstreamStatus?: UpstreamStatusResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = AppContext> = {
  upstream?: UpstreamDirectiveResolver<any, any, ContextType>;
};
