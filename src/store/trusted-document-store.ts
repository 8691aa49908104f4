import type { DocumentNode } from 'graphql';
import type { TrustedManifest } from '../graphql/trusted-manifest.js';
import type { DocumentCache } from './document-cache.js';

/**
 * Apollo's document store (its `documentStore` option) with the trusted documents in front.
 * Apollo looks a request's document up by `<schema hash>:<SHA-256 of the text>` before it parses
 * and validates anything, and skips both on a hit (requestPipeline.ts, "utilize the operation's
 * hash to lookup the AST from the previously parsed-and-validated operation"): the pipeline
 * hands Apollo a trusted document's body, and this store answers with the document parsed and
 * validated at start. That is the seam Apollo offers; its `executeOperation` also takes a
 * DocumentNode, but prints it back to text and parses that again.
 *
 * Trusted documents are never evicted and are not counted against DOCUMENT_CACHE_MB: the
 * manifest is bounded and was read whole at start. Everything else goes to the document cache,
 * as without trusted documents (or nowhere, with DOCUMENT_CACHE_MB=0).
 */
export class TrustedDocumentStore {
  private readonly prepared: ReadonlySet<DocumentNode>;

  constructor(
    private readonly manifest: TrustedManifest,
    private readonly cache: DocumentCache | null,
  ) {
    this.prepared = new Set([...manifest.byBodyHash.values()].map((d) => d.document));
  }

  /** The budget compiled operations of cached documents count against (compiled-execution.ts). */
  get budgetBytes(): number {
    return this.cache?.budgetBytes ?? 0;
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    // The schema-hash prefix ends at the last colon; the hash after it is the text's.
    return this.manifest.byBodyHash.get(key.slice(key.lastIndexOf(':') + 1))?.document ?? this.cache?.get(key);
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    await this.cache?.set(key, document);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.cache?.delete(key)) ?? false;
  }

  /** Whether a compiled operation may live with `document`: a trusted one always does. */
  holds(document: DocumentNode): boolean {
    return this.prepared.has(document) || (this.cache?.holds(document) ?? false);
  }

  /** A trusted document's compiled operations are kept without counting (bounded by the manifest). */
  charge(document: DocumentNode, extraBytes: number): boolean {
    return this.prepared.has(document) || (this.cache?.charge(document, extraBytes) ?? false);
  }
}
