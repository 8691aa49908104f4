import { BadUserInputError } from '../errors.js';
import type { AppContext } from './context.js';
import type { FieldCalls } from './pricing.js';

/**
 * One entity type an app serves to a Federation 2 router (docs/federation.md): the `@key` its
 * type carries in the subgraph schema, how a representation (the key fields a router sends to
 * `_entities`) becomes the model the type's resolvers read, and what that load costs upstream.
 * Each app declares its own (`src/apps/<app>/entities.ts`); `src/schema/federation.ts` turns the
 * registry's declarations into `@key` directives and `__resolveReference` resolvers.
 */
export interface EntityReference {
  /** The `@key(fields:)` selection, e.g. `"id"` or `"knowledgeBase kbId"`. */
  readonly key: string;
  /** Why these fields join: what the same id means in the other subgraphs (docs). */
  readonly why: string;
  /**
   * The model of the entity a representation names, through the app's loaders (batched where
   * they batch); null when the upstream does not know it. Throws `InvalidRepresentationError`
   * for a representation whose key fields are missing or malformed, before any upstream call.
   * Runs after the caller's scope and the app's configuration are checked.
   */
  readonly resolve: (representation: Readonly<Record<string, unknown>>, ctx: AppContext) => unknown;
  /** What one load costs in upstream calls (the limits price `_entities` with it, per representation). */
  readonly calls: FieldCalls;
}

/** An app's entity types, by GraphQL type name. */
export type AppEntities = Readonly<Record<string, EntityReference>>;

/** A representation `_entities` cannot resolve: BAD_USER_INPUT with `reason: INVALID_REPRESENTATION`, for that item only. */
export class InvalidRepresentationError extends BadUserInputError {
  constructor(message: string, typename?: string) {
    super(`Invalid representation: ${message}`, { reason: 'INVALID_REPRESENTATION', ...(typename === undefined ? {} : { typename }) });
    this.name = 'InvalidRepresentationError';
  }
}

/** The key field `name` of a representation as a string (an ID arrives as a string or an integer), or throws naming it. */
export function keyField(representation: Readonly<Record<string, unknown>>, name: string, typename: string): string {
  const value = representation[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new InvalidRepresentationError(`a ${typename} needs its key field ${name} (a non-empty ID)`, typename);
}
