import type { OperationParams } from './prepare.js';
import type { TrustedDocument, TrustedManifest } from './trusted-manifest.js';

/** Trusted documents as configured: the mode and the manifest loaded at start. */
export interface TrustedDocuments {
  readonly mode: 'allow' | 'require';
  readonly manifest: TrustedManifest;
}

/** The codes of a request the trusted documents refuse (errors.ts; docs/errors.md). */
export type TrustedRefusalCode = 'PERSISTED_QUERY_ID_REQUIRED' | 'PERSISTED_QUERY_NOT_IN_LIST' | 'BAD_REQUEST';

/**
 * What the pipeline does with one request's parameters (step 2):
 * - `as-sent`: the engines get them unchanged (text, or an automatic persisted query);
 * - `trusted`: a manifest document by id: the engines get its prepared document, never text to parse;
 * - `refused`: answered with this code before anything is parsed or stored.
 */
export type DocumentResolution =
  | { readonly kind: 'as-sent'; readonly params: OperationParams }
  | { readonly kind: 'trusted'; readonly params: OperationParams; readonly document: TrustedDocument }
  | { readonly kind: 'refused'; readonly code: TrustedRefusalCode; readonly message: string };

const ID_REQUIRED =
  'This gateway runs only trusted documents, named by id alone: extensions.persistedQuery.sha256Hash (Apollo Client\'s persisted-queries link) or documentId. Query text is refused, also with an id, and nothing new is stored';

/**
 * Resolves the document a request names. The id is `documentId` (GraphQL over HTTP's persisted
 * documents: `sha256:<hex>` or the manifest's own id) or else Apollo's
 * `extensions.persistedQuery.sha256Hash` (version 1), which Apollo Client's persisted-queries
 * link sends with the manifest's id (`generatePersistedQueryIdsFromManifest`).
 *
 * - `require`: only a manifest id alone runs. Text is refused (free-form, or an automatic
 *   persisted query's registration, which sends text and hash together), as is a request
 *   without an id, before parsing; an unknown id is PERSISTED_QUERY_NOT_IN_LIST, not Apollo's
 *   PERSISTED_QUERY_NOT_FOUND, on which Apollo Client would retry with the text. Nothing reaches
 *   the persisted-query store.
 * - `allow`: a manifest id alone runs its prepared document; everything else as without a
 *   manifest (text, automatic persisted queries and their registrations), except an unknown
 *   documentId, which automatic persisted queries never knew either.
 */
export function resolveDocument(params: OperationParams, trusted: TrustedDocuments): DocumentResolution {
  const text = typeof params.query === 'string' && params.query.length > 0;
  const hash = apqHash(params.extensions);
  const id = params.documentId ?? hash;
  if (trusted.mode === 'require' && (text || id === undefined)) return refused('PERSISTED_QUERY_ID_REQUIRED', ID_REQUIRED);
  if (params.documentId !== undefined && text) return refused('BAD_REQUEST', 'Send documentId or query, not both');
  if (id === undefined || text) return { kind: 'as-sent', params };
  const document = lookup(trusted.manifest, id);
  if (document) {
    const { persistedQuery: _, ...extensions } = params.extensions ?? {};
    return { kind: 'trusted', document, params: { query: document.body, operationName: params.operationName, variables: params.variables, extensions } };
  }
  // An unknown hash is an automatic persisted query, as it would be without a manifest.
  if (trusted.mode === 'allow' && params.documentId === undefined) return { kind: 'as-sent', params };
  return refused('PERSISTED_QUERY_NOT_IN_LIST', `No trusted document has the id "${shown(id)}"; is the gateway's manifest the one of this client build?`);
}

/** The draft's SHA-256 hex document identifier: `sha256:` and 64 lower-case hex digits. */
const PREFIXED_SHA256 = /^sha256:([0-9a-f]{64})$/;

/** A manifest document by its id, or by the draft's `sha256:<hex>` form of a default (hash) id. */
export function lookup(manifest: TrustedManifest, id: string): TrustedDocument | undefined {
  const hash = PREFIXED_SHA256.exec(id)?.[1];
  return manifest.byId.get(id) ?? (hash === undefined ? undefined : manifest.byId.get(hash));
}

/** Apollo's persisted-query hash, for the one version of the extension there is. */
function apqHash(extensions: Record<string, unknown> | null | undefined): string | undefined {
  const persisted = extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  return persisted && typeof persisted === 'object' && persisted.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

function refused(code: TrustedRefusalCode, message: string): DocumentResolution {
  return { kind: 'refused', code, message };
}

/** The caller's id, cut to a length a message may repeat. */
function shown(id: string): string {
  return id.length > 80 ? `${id.slice(0, 80)}…` : id;
}
