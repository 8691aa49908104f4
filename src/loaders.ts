import DataLoader from 'dataloader';
import type { GatewayServices } from './services.js';
import type { NerdKbResult, NerdRequestBody } from './upstreams/nerd/wire.js';
import type { SkykitTenantWire } from './upstreams/skykit/wire.js';

/** One annotate call: the NERD body plus the scope of the field that asked for it. */
export interface AnnotateKey {
  readonly scope: string;
  readonly body: NerdRequestBody;
}

/** The per-operation loaders. */
export interface Loaders {
  /** Identical annotate calls within one operation reach NERD once. */
  readonly annotate: DataLoader<AnnotateKey, NerdKbResult[], string>;
  /** Skykit tenants by code: one walk of the tenant list serves every device resolved together. */
  readonly skykitTenant: DataLoader<string, SkykitTenantWire | null>;
}

/** The most tenant pages one lookup walks (a guard: 100 tenants a page). */
const MAX_TENANT_PAGES = 100;

/** Builds a fresh set of loaders for one operation. */
export function createLoaders(services: GatewayServices, signal?: AbortSignal): Loaders {
  return {
    annotate: new DataLoader<AnnotateKey, NerdKbResult[], string>(
      async (keys) => {
        const nerd = services.nerd;
        // NERD has no batch endpoint: distinct texts are separate calls, made concurrently;
        // DataLoader has already folded identical keys into one.
        return Promise.all(keys.map((k) => (nerd ? nerd.annotate(k.body, k.scope, signal).catch((e: unknown) => toError(e)) : new Error('NERD is not configured'))));
      },
      { cacheKeyFn: (k) => JSON.stringify([k.scope, k.body.text, k.body.knowledge_bases, k.body.tag_people ?? null, k.body.originating_entity_id ?? null]) },
    ),
    skykitTenant: new DataLoader<string, SkykitTenantWire | null>(async (codes) => {
      const skykit = services.skykit;
      if (!skykit) return codes.map(() => new Error('Skykit is not configured'));
      // Skykit has no tenant-by-code call: walk the tenant list until every code asked for is
      // found (a fleet of up to 100 tenants costs one call), stopping early when it is.
      const wanted = new Set(codes);
      const found = new Map<string, SkykitTenantWire>();
      const seen = new Set<string>();
      let cursor: string | null = null;
      for (let pages = 0; pages < MAX_TENANT_PAGES && found.size < wanted.size; pages++) {
        const page = await skykit.tenantsPage({}, cursor);
        for (const t of page.items) if (wanted.has(t.tenantCode)) found.set(t.tenantCode, t);
        if (page.next === undefined || seen.has(page.next)) break;
        seen.add(page.next);
        cursor = page.next;
      }
      return codes.map((code) => found.get(code) ?? null);
    }),
  };
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
