import type DataLoader from 'dataloader';
import { sourcedLoader } from '../../upstreams/provenance-scope.js';
import type { SkykitClient } from './client.js';
import type { SkykitTenantWire } from './wire.js';

/** Skykit's per-operation loaders. */
export interface SkykitLoaders {
  /** Skykit tenants by code: one walk of the tenant list serves every device resolved together. */
  readonly skykitTenant: DataLoader<string, SkykitTenantWire | null>;
}

/** The most tenant pages one lookup walks (a guard: 100 tenants a page). */
const MAX_TENANT_PAGES = 100;

/** Builds Skykit's loaders for one operation. */
export function createSkykitLoaders(skykit: SkykitClient, operation?: AbortSignal): SkykitLoaders {
  return {
    // One walk of the list serves every code of the batch: each code's field cites its pages.
    skykitTenant: sourcedLoader<string, SkykitTenantWire | null>(operation, async (codes, signalFor) => {
      // Skykit has no tenant-by-code call: walk the tenant list until every code asked for is
      // found (a fleet of up to 100 tenants costs one call), stopping early when it is.
      const wanted = new Set(codes);
      const found = new Map<string, SkykitTenantWire>();
      const seen = new Set<string>();
      let cursor: string | null = null;
      for (let pages = 0; pages < MAX_TENANT_PAGES && found.size < wanted.size; pages++) {
        const page = await skykit.tenantsPage({}, cursor, signalFor());
        for (const t of page.items) if (wanted.has(t.tenantCode)) found.set(t.tenantCode, t);
        if (page.next === undefined || seen.has(page.next)) break;
        seen.add(page.next);
        cursor = page.next;
      }
      return codes.map((code) => found.get(code) ?? null);
    }),
  };
}
