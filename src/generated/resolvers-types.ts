import type { GraphQLResolveInfo } from 'graphql';
import type { NerdKbResult } from '../upstreams/nerd/wire.js';
import type { AnnotationModel, EntityModel } from '../resolvers/nerd-models.js';
import type { GatewayInfoModel } from '../resolvers/base-models.js';
import type { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

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
  | 'SELF_SIGNED_JWT';

/** An entity in a knowledge base. */
export type Entity = {
  readonly __typename?: 'Entity';
  /** The entity's id in its knowledge base (e.g. Q312 or 251994106). */
  readonly kbId: Scalars['ID']['output'];
  readonly knowledgeBase: KnowledgeBase;
  /** The entity's name in the knowledge base. */
  readonly label?: Maybe<Scalars['String']['output']>;
  /** The entity's type in the knowledge base. */
  readonly type?: Maybe<Scalars['String']['output']>;
};

/** A span of the text recognised as an entity. */
export type EntityAnnotation = {
  readonly __typename?: 'EntityAnnotation';
  /** Offset just after the last character (exclusive). */
  readonly endIndex: Scalars['Int']['output'];
  /** The linked entity; null when the span is an entity that could not be linked. */
  readonly entity?: Maybe<Entity>;
  /** Confidence of the link, 0 to 1; null when the span could not be linked. */
  readonly nedScore?: Maybe<Scalars['Float']['output']>;
  /** Confidence of the recognition, 0 to 1. */
  readonly nerScore?: Maybe<Scalars['Float']['output']>;
  /** Entity type from recognition, e.g. ORG, GPE, PERSON (Wikimedia); always ORG for CAPIQ. */
  readonly nerType: Scalars['String']['output'];
  /** Offset of the first character, in JavaScript string indices (UTF-16 code units). */
  readonly startIndex: Scalars['Int']['output'];
  /** The span itself, equal to text[startIndex:endIndex]. */
  readonly text: Scalars['String']['output'];
};

/** How relevant one linked entity is to the text. */
export type EntityRelevance = {
  readonly __typename?: 'EntityRelevance';
  readonly kbId: Scalars['ID']['output'];
  readonly score: Scalars['Float']['output'];
};

/** Facts about this gateway, for people exploring it. */
export type GatewayInfo = {
  readonly __typename?: 'GatewayInfo';
  /** Each upstream application and whether it is configured. */
  readonly upstreams: ReadonlyArray<UpstreamStatus>;
  /** The gateway's version. */
  readonly version: Scalars['String']['output'];
};

/** A knowledge base NERD links entities to. */
export type KnowledgeBase =
  /** S&P Capital IQ companies (numeric ids); every CAPIQ annotation is an organization. */
  | 'CAPIQ'
  /** Wikidata/Wikipedia entities (ids like Q312). */
  | 'WIKIMEDIA';

/** The annotations NERD found against one knowledge base. */
export type KnowledgeBaseAnnotations = {
  readonly __typename?: 'KnowledgeBaseAnnotations';
  /** Spans recognised in the text, in text order. */
  readonly annotations: ReadonlyArray<EntityAnnotation>;
  readonly knowledgeBase: KnowledgeBase;
  /** Relevance of each linked entity to the whole text. */
  readonly relevance: ReadonlyArray<EntityRelevance>;
};

export type Query = {
  readonly __typename?: 'Query';
  /**
   * Finds and links named entities in a text with Kensho NERD. Short texts use NERD's
   * synchronous call, long ones an async job the gateway follows for you. Identical calls within
   * one operation reach NERD once. Null (with an error) when NERD cannot answer, so the rest of
   * the operation still resolves.
   */
  readonly annotateText?: Maybe<ReadonlyArray<KnowledgeBaseAnnotations>>;
  /** Facts about this gateway: version and which upstreams are configured. */
  readonly gateway: GatewayInfo;
};


export type QueryAnnotateTextArgs = {
  knowledgeBases?: InputMaybe<ReadonlyArray<KnowledgeBase>>;
  originatingEntityId?: InputMaybe<Scalars['String']['input']>;
  tagPeople?: InputMaybe<Scalars['Boolean']['input']>;
  text: Scalars['String']['input'];
};

/** An upstream application behind the gateway. */
export type UpstreamApp =
  /** Kensho Extract: PDF to structured document. */
  | 'EXTRACT'
  /** Kensho NERD: named entity recognition and disambiguation. */
  | 'NERD'
  /** Skykit: digital-signage devices and tenants. */
  | 'SKYKIT';

/** One upstream application and whether this gateway can call it. */
export type UpstreamStatus = {
  readonly __typename?: 'UpstreamStatus';
  readonly app: UpstreamApp;
  /** True when credentials are configured for the app. */
  readonly configured: Scalars['Boolean']['output'];
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
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CredentialKind: CredentialKind;
  Entity: ResolverTypeWrapper<EntityModel>;
  EntityAnnotation: ResolverTypeWrapper<AnnotationModel>;
  EntityRelevance: ResolverTypeWrapper<EntityRelevance>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GatewayInfo: ResolverTypeWrapper<GatewayInfoModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  KnowledgeBase: KnowledgeBase;
  KnowledgeBaseAnnotations: ResolverTypeWrapper<NerdKbResult>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  UpstreamApp: UpstreamApp;
  UpstreamStatus: ResolverTypeWrapper<UpstreamStatus>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  Entity: EntityModel;
  EntityAnnotation: AnnotationModel;
  EntityRelevance: EntityRelevance;
  Float: Scalars['Float']['output'];
  GatewayInfo: GatewayInfoModel;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  KnowledgeBaseAnnotations: NerdKbResult;
  Query: Record<PropertyKey, never>;
  String: Scalars['String']['output'];
  UpstreamStatus: UpstreamStatus;
};

export type UpstreamDirectiveArgs = {
  app: UpstreamApp;
  scope?: Maybe<Scalars['String']['input']>;
};

export type UpstreamDirectiveResolver<Result, Parent, ContextType = GraphQLContext, Args = UpstreamDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type EntityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Entity'] = ResolversParentTypes['Entity']> = {
  kbId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  knowledgeBase?: Resolver<ResolversTypes['KnowledgeBase'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type EntityAnnotationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EntityAnnotation'] = ResolversParentTypes['EntityAnnotation']> = {
  endIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  entity?: Resolver<Maybe<ResolversTypes['Entity']>, ParentType, ContextType>;
  nedScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  nerScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  nerType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startIndex?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EntityRelevanceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EntityRelevance'] = ResolversParentTypes['EntityRelevance']> = {
  kbId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type GatewayInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GatewayInfo'] = ResolversParentTypes['GatewayInfo']> = {
  upstreams?: Resolver<ReadonlyArray<ResolversTypes['UpstreamStatus']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type KnowledgeBaseAnnotationsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['KnowledgeBaseAnnotations'] = ResolversParentTypes['KnowledgeBaseAnnotations']> = {
  annotations?: Resolver<ReadonlyArray<ResolversTypes['EntityAnnotation']>, ParentType, ContextType>;
  knowledgeBase?: Resolver<ResolversTypes['KnowledgeBase'], ParentType, ContextType>;
  relevance?: Resolver<ReadonlyArray<ResolversTypes['EntityRelevance']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  annotateText?: Resolver<Maybe<ReadonlyArray<ResolversTypes['KnowledgeBaseAnnotations']>>, ParentType, ContextType, RequireFields<QueryAnnotateTextArgs, 'knowledgeBases' | 'text'>>;
  gateway?: Resolver<ResolversTypes['GatewayInfo'], ParentType, ContextType>;
};

export type UpstreamStatusResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpstreamStatus'] = ResolversParentTypes['UpstreamStatus']> = {
  app?: Resolver<ResolversTypes['UpstreamApp'], ParentType, ContextType>;
  configured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  credential?: Resolver<ResolversTypes['CredentialKind'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  Entity?: EntityResolvers<ContextType>;
  EntityAnnotation?: EntityAnnotationResolvers<ContextType>;
  EntityRelevance?: EntityRelevanceResolvers<ContextType>;
  GatewayInfo?: GatewayInfoResolvers<ContextType>;
  KnowledgeBaseAnnotations?: KnowledgeBaseAnnotationsResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  UpstreamStatus?: UpstreamStatusResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = GraphQLContext> = {
  upstream?: UpstreamDirectiveResolver<any, any, ContextType>;
};
