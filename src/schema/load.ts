import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { appTypeDefs } from '../apps/registry.js';
import { isScalarType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';

/** Directory of the gateway's own SDL files: `schema/` at the package root. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/** The SDL the gateway serves: its own `schema/*.graphql` (base first), then every app's, by key. */
export function loadTypeDefs(dir: string = SCHEMA_DIR): string[] {
  const own = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  return [...own, ...appTypeDefs()];
}

/**
 * Gives custom scalars back their SDL descriptions. A scalar's resolver (a GraphQLScalarType such
 * as graphql-upload's) replaces the whole type config, description included, so without this
 * `DateTime` and `JSON` would be served with none and `Upload` with its library's text.
 */
export function keepScalarDescriptions<S extends GraphQLSchema>(schema: S): S {
  for (const type of Object.values(schema.getTypeMap())) {
    const sdl = isScalarType(type) && !isSpecifiedScalarType(type) ? type.astNode?.description?.value : undefined;
    if (sdl !== undefined) (type as { description: string | null | undefined }).description = sdl;
  }
  return schema;
}
