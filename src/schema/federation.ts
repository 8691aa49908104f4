import { createRequire } from 'node:module';
import type { buildSubgraphSchema as BuildSubgraphSchema } from '@apollo/subgraph';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AppContext } from '../apps/context.js';
import { InvalidRepresentationError } from '../apps/entities.js';
import { GatewayError } from '../errors.js';
import type { FieldUpstream } from '../apps/field-upstream.js';
import { appEntityTypes, type AppEntityType } from '../apps/registry.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/**
 * The Federation version the subgraph links. `@key` is all the gateway uses of it; 2.3 is a
 * version every Federation 2 router reads (Apollo Router, `@apollo/gateway` 2.x, Hive Gateway).
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.3';

/** Throws to refuse a field or a reference: the `@upstream` guard of gateway.ts (caller's scope, app configured). */
export type UpstreamGuard = (upstream: FieldUpstream, context: unknown) => void;

/**
 * What the subgraph adds to the served SDL: the Federation `@link` and each entity type's `@key`,
 * from the registry (`src/apps/<app>/entities.ts`). Only this: the public schema files stay as
 * they are, so with GRAPHQL_FEDERATION off nothing of Federation is served.
 */
export function federationTypeDefs(): string {
  const keys = appEntityTypes().map(({ typename, entity }) => `extend type ${typename} @key(fields: ${JSON.stringify(entity.key)})`);
  return [`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])`, ...keys].join('\n');
}

/**
 * The gateway's schema as a Federation 2 subgraph: `_service { sdl }`, `_entities` and the `@key`
 * types, built by Apollo's `buildSubgraphSchema` (the reference implementation routers are
 * tested against), then given the same resolvers as the public schema by the same
 * `makeExecutableSchema`, so every field resolves as it does without Federation. `guard` runs
 * for every representation before its app's reference resolver, as for a field with
 * `@upstream`: a representation of a kFinance type needs the caller's kFinance scope.
 */
export function buildFederatedSchema(typeDefs: readonly string[], resolvers: readonly Resolvers[], guard: UpstreamGuard, options: { readonly introspection: boolean } = { introspection: true }): GraphQLSchema {
  const types = appEntityTypes();
  const references = Object.fromEntries(types.map((type) => [type.typename, { __resolveReference: referenceResolver(type, guard) }]));
  // Loaded only here: a gateway without Federation never loads Apollo's Federation libraries.
  const { buildSubgraphSchema } = createRequire(import.meta.url)('@apollo/subgraph') as { buildSubgraphSchema: typeof BuildSubgraphSchema };
  const subgraph = buildSubgraphSchema({ typeDefs: parse([...typeDefs, federationTypeDefs()].join('\n')), resolvers: references });
  const entities = subgraph.getQueryType()?.getFields()._entities?.resolve;
  if (!entities) throw new TypeError('buildSubgraphSchema served no _entities field');
  const known = new Set(types.map((t) => t.typename));
  const own = { _entities: checkedEntities(entities, known), ...(options.introspection ? {} : { _service: refuseService }) };
  return makeExecutableSchema({ typeDefs: subgraph, resolvers: [...resolvers, { Query: own }] as Resolvers[] });
}

/**
 * `_service { sdl }` is the whole schema, as introspection is: where introspection is off
 * (production), it is refused too, and routers compose from `npm run schema:print -- --federation`.
 */
function refuseService(): never {
  throw new GatewayError('FORBIDDEN', '_service { sdl } is schema introspection, which is off on this gateway (ENABLE_INTROSPECTION): compose from the file npm run schema:print -- --federation <file> writes');
}

/** A type's `__resolveReference`: the guard of its app's scope, then the app's own resolver. Never throws synchronously (one bad item must not fail the list). */
function referenceResolver({ app, entity }: AppEntityType, guard: UpstreamGuard): (representation: Readonly<Record<string, unknown>>, context: AppContext) => Promise<unknown> {
  const upstream: FieldUpstream = { app: app.key, scope: app.scope };
  return async (representation, context) => {
    guard(upstream, context);
    return entity.resolve(representation, context);
  };
}

/**
 * `_entities` with each representation checked first: a value that is not an object, or names
 * no entity type of this subgraph, is that item's BAD_USER_INPUT (`reason:
 * INVALID_REPRESENTATION`) and the others resolve. Without this, `buildSubgraphSchema`'s resolver
 * throws a plain Error for the whole list (an INTERNAL_SERVER_ERROR and no data).
 */
function checkedEntities(resolve: GraphQLFieldResolver<unknown, unknown>, known: ReadonlySet<string>): GraphQLFieldResolver<unknown, unknown, { representations: unknown[] }> {
  return (source, args, context, info) => {
    const out: unknown[] = new Array(args.representations.length);
    const valid: unknown[] = [];
    const at: number[] = [];
    args.representations.forEach((representation, i) => {
      const problem = representationProblem(representation, known);
      if (problem) out[i] = problem;
      else {
        valid.push(representation);
        at.push(i);
      }
    });
    const resolved = valid.length > 0 ? (resolve(source, { representations: valid }, context, info) as unknown[]) : [];
    at.forEach((index, j) => (out[index] = resolved[j]));
    return out;
  };
}

function representationProblem(representation: unknown, known: ReadonlySet<string>): InvalidRepresentationError | undefined {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) return new InvalidRepresentationError('a representation is an object with __typename and the type\'s key fields');
  const typename = (representation as { __typename?: unknown }).__typename;
  if (typeof typename !== 'string' || !known.has(typename)) return new InvalidRepresentationError(`__typename must name an entity type of this subgraph (${[...known].join(', ')})`);
  return undefined;
}
