import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ConfigError } from '../config/load.js';
import type { Config } from '../config/types.js';
import { prepareOperation } from './prepare.js';

/**
 * The manifest format `@apollo/generate-persisted-query-manifest` writes (its
 * `PersistedQueryManifest` type, 1.4.0): one entry per named operation of the client build, its
 * `body` the operation and the fragments it uses as Apollo Client sends them
 * (`print(sortTopLevelDefinitions(document))`), its `id` by default the SHA-256 hex of `body`.
 */
export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

/** The operation kinds a manifest entry names. */
type OperationType = 'query' | 'mutation' | 'subscription';

/** One manifest operation, parsed, validated and measured once at start. */
export interface TrustedDocument {
  readonly id: string;
  /** The operation's name: the log line and the metrics name it, as for any operation. */
  readonly name: string;
  readonly type: OperationType;
  /** The text Apollo Server receives in its place (it finds the prepared document by this text's hash). */
  readonly body: string;
  /** SHA-256 hex of `body`: Apollo's `queryHash`, the key of its document store. */
  readonly bodyHash: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
}

/** Every document of one manifest, by id and by the hash of its text. */
export interface TrustedManifest {
  readonly file: string;
  readonly byId: ReadonlyMap<string, TrustedDocument>;
  readonly byBodyHash: ReadonlyMap<string, TrustedDocument>;
}

/** A SHA-256 hex id: the default of `createOperationId`, and the payload of a `sha256:` documentId. */
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The lower-case hex SHA-256 of a text's UTF-8 bytes (Apollo's `computeQueryHash`, the draft's `sha256:` payload). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads and checks TRUSTED_DOCUMENTS_MANIFEST against this gateway's schema and limits: the
 * format and version, then each operation's fields, a unique id, an id that is the hash of its
 * body where it looks like one, a body within MAX_BODY_BYTES that parses, validates (with the
 * rules every request meets), holds exactly the named operation of the named type, and is within
 * the limits that do not depend on variables (aliases, directives; depth, cost and upstream calls
 * too when the operation runs without variables; the rest is checked per request, as for any
 * operation). The first problem stops the start with one ConfigError line naming the file and
 * the operation. Validating here is what lets requests skip parsing and validation.
 */
export function loadTrustedManifest(file: string, schema: GraphQLSchema, config: Config): TrustedManifest {
  const fail = (problem: string): never => {
    throw new ConfigError([`TRUSTED_DOCUMENTS_MANIFEST: ${file}: ${problem}`]);
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return fail('not JSON (expected the file @apollo/generate-persisted-query-manifest writes)');
  }
  if (!isRecord(manifest) || manifest.format !== MANIFEST_FORMAT) return fail(`"format" is not "${MANIFEST_FORMAT}"`);
  if (manifest.version !== 1) return fail(`"version" ${JSON.stringify(manifest.version)} is not 1, the only version this gateway reads`);
  if (!Array.isArray(manifest.operations)) return fail('"operations" is not an array');
  const byId = new Map<string, TrustedDocument>();
  const byBodyHash = new Map<string, TrustedDocument>();
  manifest.operations.forEach((entry: unknown, index) => {
    const document = checkEntry(entry, index, schema, config, byId, (what, problem) => fail(`operation ${what}: ${problem}`));
    byId.set(document.id, document);
    byBodyHash.set(document.bodyHash, document);
  });
  return { file, byId, byBodyHash };
}

/** One entry checked and prepared; `fail` names it by index, name and id as far as they are known. */
function checkEntry(entry: unknown, index: number, schema: GraphQLSchema, config: Config, seen: ReadonlyMap<string, TrustedDocument>, fail: (what: string, problem: string) => never): TrustedDocument {
  const e = isRecord(entry) ? entry : {};
  const name = typeof e.name === 'string' && e.name ? e.name : undefined;
  const id = typeof e.id === 'string' && e.id ? e.id : undefined;
  const what = `${index + 1}${name ? ` "${name}"` : ''}${id ? ` (id ${id})` : ''}`;
  const refuse = (problem: string): never => fail(what, problem);
  if (!isRecord(entry)) refuse('not an object with id, name, type and body');
  if (id === undefined) refuse('"id" is missing or not a non-empty string');
  if (name === undefined) refuse('"name" is missing or not a non-empty string (anonymous operations cannot be trusted documents)');
  if (e.type !== 'query' && e.type !== 'mutation' && e.type !== 'subscription') refuse(`"type" ${JSON.stringify(e.type)} is not query, mutation or subscription`);
  if (typeof e.body !== 'string' || !e.body) refuse('"body" is missing or not a non-empty string');
  const body = e.body as string;
  const type = e.type as OperationType;
  const previous = seen.get(id!);
  if (previous) refuse(`the id is already used by operation "${previous.name}"`);
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > config.limits.maxBodyBytes) refuse(`the body is ${bytes} bytes, over MAX_BODY_BYTES (${config.limits.maxBodyBytes})`);
  const bodyHash = sha256Hex(body);
  // A hex id that is not its body's hash would make a `sha256:` documentId name another text.
  if (SHA256_HEX.test(id!) && id !== bodyHash) refuse(`the id is not the SHA-256 of the body (${bodyHash}); was the body edited after the manifest was generated?`);
  const operations = prepareOperation(schema, config, { query: body, operationName: name });
  if (Array.isArray(operations)) {
    const first = operations[0];
    return refuse(`${String(first?.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED')}: ${first?.message ?? 'not a valid document'}`);
  }
  const { document, operation } = operations;
  const count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  if (count !== 1) refuse(`the body holds ${count} operations; a trusted document holds one (and its fragments)`);
  if (operation.operation !== type) refuse(`the body's operation is a ${operation.operation}, not a ${type}`);
  return { id: id!, name: name!, type, body, bodyHash, document, operation };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
