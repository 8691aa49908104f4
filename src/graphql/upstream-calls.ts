import { UPSTREAM_APPS } from '../apps/registry.js';
import { one, type AppPricing, type FieldCalls } from '../apps/pricing.js';

export type { Args, FieldCalls } from '../apps/pricing.js';

/**
 * Every field that can reach an upstream, by `Type.field`, beyond the default of one call for a
 * field with `@upstream`, and every list with a known bound: each app's table (`src/apps/<app>/pricing.ts`). A field missing here that makes
 * calls is caught by the property test (test/integration/upstream-calls.test.ts), which counts
 * the calls the simulator receives for generated operations against the bound computed here.
 */
export const FIELD_CALLS: AppPricing = Object.freeze(Object.assign({}, ...UPSTREAM_APPS.map((app) => ('pricing' in app ? app.pricing : {}))));

/** Calls and item bound of `Type.field`, with `@upstream` fields at one call unless listed. */
export function fieldCalls(key: string, hasUpstream: boolean): FieldCalls | undefined {
  return FIELD_CALLS[key] ?? (hasUpstream ? one : undefined);
}
