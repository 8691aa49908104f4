import { MapperKind, getDirective, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLFieldConfig, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { upstreamAppByEnum } from '../apps/registry.js';
import type { FieldUpstream } from '../apps/field-upstream.js';

export { fieldUpstream, type FieldUpstream } from '../apps/field-upstream.js';

/**
 * Reads every `@upstream(app, scope)` in the schema into the field's `extensions.upstream`,
 * and wraps the field's resolver with `guard`, which throws to refuse the field (caller not
 * allowed, app not configured) before its resolver runs — the rest of the query still resolves.
 * The schema is the single source of truth for scopes (ARCHITECTURE.md).
 */
export function applyUpstreamDirective(schema: GraphQLSchema, guard: (upstream: FieldUpstream, context: unknown) => void): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field: GraphQLFieldConfig<unknown, unknown>) => {
      const directive = getDirective(schema, field, 'upstream')?.[0];
      if (!directive) return field;
      // The enum value names an app of the registry; an app in the schema but not in the
      // registry is a build mistake, refused when the schema is built.
      const app = upstreamAppByEnum(String(directive.app))?.key;
      if (!app) throw new TypeError(`@upstream names an unknown app ${String(directive.app)}`);
      const upstream: FieldUpstream = { app, scope: typeof directive.scope === 'string' ? directive.scope : '' };
      const resolve = field.resolve ?? defaultFieldResolver;
      const subscribe = field.subscribe;
      return {
        ...field,
        extensions: { ...field.extensions, upstream },
        resolve(source, args, context, info) {
          guard(upstream, context);
          return resolve(source, args, context, info);
        },
        // A subscription is refused when it starts, not at its first event.
        ...(subscribe
          ? {
              subscribe(source: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo) {
                guard(upstream, context);
                return subscribe(source, args, context, info);
              },
            }
          : {}),
      };
    },
  });
}

/** Every field that calls an upstream, as "Type.field" → upstream (docs, authorization, tests). */
export function listFieldUpstreams(schema: GraphQLSchema): Map<string, FieldUpstream> {
  const out = new Map<string, FieldUpstream>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('getFields' in type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const upstream = (field as { extensions?: { upstream?: FieldUpstream } }).extensions?.upstream;
      if (upstream) out.set(`${type.name}.${field.name}`, upstream);
    }
  }
  return out;
}
