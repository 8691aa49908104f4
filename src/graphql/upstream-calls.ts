import { UPSTREAM_APPS, appEntityTypes } from '../apps/registry.js';
import { one, type AppPricing, type Args, type FieldCalls } from '../apps/pricing.js';

export type { Args, FieldCalls } from '../apps/pricing.js';

/**
 * Every field that can reach an upstream, by `Type.field`, beyond the default of one call for a
 * field with `@upstream`, and every list with a known bound: each app's table (`src/apps/<app>/pricing.ts`). A field missing here that makes
 * calls is caught by the property test (test/integration/upstream-calls.test.ts), which counts
 * the calls the simulator receives for generated operations against the bound computed here.
 */
export const FIELD_CALLS: AppPricing = Object.freeze(
  Object.assign(
    {},
    ...UPSTREAM_APPS.map((app) => ('pricing' in app ? app.pricing : {})),
    // Federation's `_entities` (GRAPHQL_FEDERATION=true): each representation is priced as its
    // type's reference load (`src/apps/<app>/entities.ts`), its fields as that type's.
    { 'Query._entities': { references: (args: Args) => referencesByType(args.representations) } satisfies FieldCalls },
  ),
);

/**
 * The representations of an `_entities` call by type, with what loading one costs: those that
 * name no entity type cost nothing (they are refused before any load).
 */
export function referencesByType(representations: unknown): ReadonlyMap<string, { readonly count: number; readonly calls: FieldCalls }> {
  const types = new Map(appEntityTypes().map((t) => [t.typename, t.entity.calls]));
  const out = new Map<string, { count: number; calls: FieldCalls }>();
  for (const representation of Array.isArray(representations) ? representations : [representations]) {
    if (typeof representation !== 'object' || representation === null) continue;
    const typename = (representation as { __typename?: unknown }).__typename;
    const calls = typeof typename === 'string' ? types.get(typename) : undefined;
    if (calls === undefined || typeof typename !== 'string') continue;
    const entry = out.get(typename) ?? { count: 0, calls };
    entry.count += 1;
    out.set(typename, entry);
  }
  return out;
}

/** Calls and item bound of `Type.field`, with `@upstream` fields at one call unless listed. */
export function fieldCalls(key: string, hasUpstream: boolean): FieldCalls | undefined {
  return FIELD_CALLS[key] ?? (hasUpstream ? one : undefined);
}
