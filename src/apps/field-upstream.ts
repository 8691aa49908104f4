import type { GraphQLResolveInfo } from 'graphql';
import type { UpstreamApp } from './registry.js';

/** What a field's `@upstream` directive says: which app it calls and the scope its token needs. */
export interface FieldUpstream {
  readonly app: UpstreamApp;
  /** '' where the upstream has no scopes (Skykit). */
  readonly scope: string;
}

/** The upstream of the field being resolved; throws if the schema forgot its directive. */
export function fieldUpstream(info: GraphQLResolveInfo): FieldUpstream {
  const field = info.parentType.getFields()[info.fieldName];
  const upstream = field?.extensions?.upstream as FieldUpstream | undefined;
  if (!upstream) throw new TypeError(`${info.parentType.name}.${info.fieldName} has no @upstream directive`);
  return upstream;
}
