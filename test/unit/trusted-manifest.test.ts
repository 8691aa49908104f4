import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { lookup, resolveDocument } from '../../src/graphql/trusted-documents.js';
import { loadTrustedManifest } from '../../src/graphql/trusted-manifest.js';
import { createLogger } from '../../src/logger.js';

/**
 * The manifest loader (graphql/trusted-manifest.ts): a good manifest is prepared once; each bad
 * one stops the start with exactly one ConfigError line that names the variable, the file and
 * the operation, and says what is wrong. Also the configuration rules of TRUSTED_DOCUMENTS.
 */
const config = loadConfig({ NODE_ENV: 'test', LIMIT_MAX_ALIASES: '2', MAX_BODY_BYTES: '2000' });
const { schema } = createGateway(config, { logger: createLogger('silent') });
const dir = mkdtempSync(join(tmpdir(), 'trusted-manifest-'));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const VERSION = 'query Version {\n  gateway {\n    version\n  }\n}';
const op = (body: string, name: string, type = 'query', id = sha256(body)) => ({ id, name, type, body });
const manifest = (operations: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations, ...extra });

let files = 0;
function write(content: unknown): string {
  const file = join(dir, `manifest-${++files}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The one line a manifest is refused with. */
function refusal(content: unknown): string {
  const file = write(content);
  try {
    loadTrustedManifest(file, schema, config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain('\n');
    expect(problems[0]!.startsWith(`TRUSTED_DOCUMENTS_MANIFEST: ${file}: `)).toBe(true);
    return problems[0]!.slice(`TRUSTED_DOCUMENTS_MANIFEST: ${file}: `.length);
  }
  throw new Error('the manifest was accepted');
}

describe('the trusted-documents manifest', () => {
  it('prepares every operation once: parsed, validated, found by id, by sha256:<id> and by body hash', () => {
    const custom = op('query Custom { gateway { version } }', 'Custom', 'query', 'custom-id');
    const loaded = loadTrustedManifest(write(manifest([op(VERSION, 'Version'), custom])), schema, config);
    expect(loaded.byId.size).toBe(2);
    const version = loaded.byId.get(sha256(VERSION))!;
    expect(version).toMatchObject({ name: 'Version', type: 'query', body: VERSION, bodyHash: sha256(VERSION) });
    expect(version.operation.name?.value).toBe('Version');
    expect(lookup(loaded, `sha256:${sha256(VERSION)}`)).toBe(version);
    expect(lookup(loaded, 'custom-id')?.name).toBe('Custom');
    expect(lookup(loaded, 'sha256:custom-id')).toBeUndefined();
    expect(loaded.byBodyHash.get(sha256(VERSION))).toBe(version);
  });

  it.each([
    ['a file that cannot be read', null, /^cannot read it \(ENOENT\)$/],
    ['a file that is not JSON', '{"format":', /^not JSON/],
    ['another format', manifest([], { format: 'relay' }), /^"format" is not "apollo-persisted-query-manifest"$/],
    ['another version', manifest([], { version: 2 }), /^"version" 2 is not 1/],
    ['operations that are not a list', manifest([], { operations: {} }), /^"operations" is not an array$/],
    ['an entry without an id', manifest([{ name: 'Version', type: 'query', body: VERSION }]), /^operation 1 "Version": "id" is missing/],
    ['an anonymous entry', manifest([{ ...op(VERSION, 'Version'), name: '' }]), new RegExp(`^operation 1 \\(id ${sha256(VERSION)}\\): "name" is missing`)],
    ['an unknown type', manifest([op(VERSION, 'Version', 'query'), op('query Q { gateway { version } }', 'Q', 'fetch')]), /^operation 2 "Q" \(id [0-9a-f]{64}\): "type" "fetch" is not query, mutation or subscription$/],
    ['a duplicate id', manifest([op(VERSION, 'Version', 'query', 'same'), op('query Other { gateway { version } }', 'Other', 'query', 'same')]), /^operation 2 "Other" \(id same\): the id is already used by operation "Version"$/],
    ['a hash id that is not its body\'s', manifest([{ ...op(VERSION, 'Version'), id: sha256('something else') }]), /^operation 1 "Version" \(id [0-9a-f]{64}\): the id is not the SHA-256 of the body \([0-9a-f]{64}\)/],
    ['a body that does not parse', manifest([op('query Broken { gateway {', 'Broken')]), /^operation 1 "Broken" \(id [0-9a-f]{64}\): GRAPHQL_PARSE_FAILED: Syntax Error/],
    ['a body the schema refuses', manifest([op('query Nope { gateway { nope } }', 'Nope')]), /^operation 1 "Nope" \(id [0-9a-f]{64}\): GRAPHQL_VALIDATION_FAILED: Cannot query field "nope"/],
    ['a name that is not the operation\'s', manifest([op(VERSION, 'Other')]), /^operation 1 "Other" \(id [0-9a-f]{64}\): OPERATION_RESOLUTION_FAILURE: Unknown operation named "Other"/],
    ['a type that is not the operation\'s', manifest([op(VERSION, 'Version', 'mutation')]), /^operation 1 "Version" \(id [0-9a-f]{64}\): the body's operation is a query, not a mutation$/],
    ['two operations in one body', manifest([op(`${VERSION}\nquery Again { gateway { version } }`, 'Version')]), /^operation 1 "Version" \(id [0-9a-f]{64}\): the body holds 2 operations/],
    ['a body over the limits', manifest([op('query Aliased { a: gateway { version } b: gateway { version } c: gateway { version } }', 'Aliased')]), /^operation 1 "Aliased" \(id [0-9a-f]{64}\): TOO_MANY_ALIASES: The operation uses 3 aliases; at most 2 are allowed$/],
    ['a body over MAX_BODY_BYTES', manifest([op(`query Big { gateway { version } }\n${'#'.repeat(2100)}`, 'Big')]), /^operation 1 "Big" \(id [0-9a-f]{64}\): the body is \d+ bytes, over MAX_BODY_BYTES \(2000\)$/],
  ])('refuses %s with one line naming the file and the operation', (_what, content, line) => {
    if (content === null) {
      try {
        loadTrustedManifest(join(dir, 'missing.json'), schema, config);
        throw new Error('accepted');
      } catch (error) {
        expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^TRUSTED_DOCUMENTS_MANIFEST: .*missing\.json: cannot read it \(ENOENT\)$/)]);
      }
      return;
    }
    expect(refusal(content)).toMatch(line);
  });

  it('stops the gateway from being built, with that line', () => {
    const file = write(manifest([op('query Nope { gateway { nope } }', 'Nope')]));
    const bad = loadConfig({ NODE_ENV: 'test', TRUSTED_DOCUMENTS: 'require', TRUSTED_DOCUMENTS_MANIFEST: file });
    expect(() => createGateway(bad, { logger: createLogger('silent') })).toThrow(new RegExp(`TRUSTED_DOCUMENTS_MANIFEST: ${file}: operation 1 "Nope"`));
  });
});

describe('TRUSTED_DOCUMENTS configuration', () => {
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return [...(error as ConfigError).problems];
    }
  };

  it('is off by default, and allow or require needs a manifest', () => {
    expect(loadConfig({}).trustedDocuments).toEqual({ mode: 'off' });
    expect(problems({ TRUSTED_DOCUMENTS: 'require' })).toEqual([expect.stringMatching(/^TRUSTED_DOCUMENTS: require needs TRUSTED_DOCUMENTS_MANIFEST/)]);
    expect(problems({ TRUSTED_DOCUMENTS: 'allow' })).toEqual([expect.stringMatching(/^TRUSTED_DOCUMENTS: allow needs TRUSTED_DOCUMENTS_MANIFEST/)]);
    expect(problems({ TRUSTED_DOCUMENTS: 'strict', TRUSTED_DOCUMENTS_MANIFEST: 'm.json' })).toEqual([expect.stringMatching(/^TRUSTED_DOCUMENTS: "strict" is not one of off, allow, require/)]);
    expect(problems({ TRUSTED_DOCUMENTS_MANIFEST: 'm.json' })).toEqual([expect.stringMatching(/^TRUSTED_DOCUMENTS_MANIFEST: set, but TRUSTED_DOCUMENTS is off/)]);
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_MANIFEST: 'm.json' }).trustedDocuments).toEqual({ mode: 'allow', manifestFile: 'm.json' });
  });
});

describe('resolving the document a request names', () => {
  const loaded = loadTrustedManifest(write(manifest([op(VERSION, 'Version')])), schema, config);
  const hash = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(VERSION) }, other: 1 } };

  it('gives a manifest id its document and its body, without the persisted-query extension', () => {
    for (const mode of ['allow', 'require'] as const) {
      const resolved = resolveDocument({ ...hash, variables: { a: 1 } }, { mode, manifest: loaded });
      expect(resolved).toMatchObject({ kind: 'trusted', params: { query: VERSION, variables: { a: 1 }, extensions: { other: 1 } } });
      expect(resolved.kind === 'trusted' && 'persistedQuery' in (resolved.params.extensions ?? {})).toBe(false);
    }
  });

  it('in require, refuses text (with or without an id), no id, and an unknown id; in allow, leaves them to Apollo', () => {
    const require = { mode: 'require' as const, manifest: loaded };
    const allow = { mode: 'allow' as const, manifest: loaded };
    const unknownHash = { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } };
    expect(resolveDocument({ query: VERSION }, require)).toMatchObject({ kind: 'refused', code: 'PERSISTED_QUERY_ID_REQUIRED' });
    expect(resolveDocument({ query: VERSION, ...hash }, require)).toMatchObject({ kind: 'refused', code: 'PERSISTED_QUERY_ID_REQUIRED' });
    expect(resolveDocument({}, require)).toMatchObject({ kind: 'refused', code: 'PERSISTED_QUERY_ID_REQUIRED' });
    expect(resolveDocument(unknownHash, require)).toMatchObject({ kind: 'refused', code: 'PERSISTED_QUERY_NOT_IN_LIST' });
    expect(resolveDocument({ query: VERSION }, allow).kind).toBe('as-sent');
    expect(resolveDocument({ query: VERSION, ...hash }, allow).kind).toBe('as-sent');
    expect(resolveDocument(unknownHash, allow).kind).toBe('as-sent');
    expect(resolveDocument({ documentId: 'sha256:nope' }, allow)).toMatchObject({ kind: 'refused', code: 'PERSISTED_QUERY_NOT_IN_LIST' });
    expect(resolveDocument({ documentId: sha256(VERSION), query: VERSION }, allow)).toMatchObject({ kind: 'refused', code: 'BAD_REQUEST' });
  });
});
