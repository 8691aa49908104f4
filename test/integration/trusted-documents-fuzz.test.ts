/**
 * The trusted-documents fast path against its reference, on generated operations
 * (test/helpers/operation-generator.ts, seeded): each generated operation that a manifest may
 * hold becomes a manifest entry, and a gateway in TRUSTED_DOCUMENTS=allow answers it by id (the
 * document prepared at start: no parse, no validation; compiled from its first run, as the test
 * stacks set GRAPHQL_JIT_AFTER=1) and as text (parsed and validated by Apollo, or by the
 * WebSocket engine), over HTTP and WebSocket. Data and errors must agree.
 *
 * FUZZ_OPERATIONS (default 60) and FUZZ_SEED (default 23) set the corpus.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, print, type DefinitionNode, type OperationDefinitionNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway.js';
import { prepareOperation } from '../../src/graphql/prepare.js';
import { createLogger } from '../../src/logger.js';
import { OperationGenerator } from '../helpers/operation-generator.js';
import { startStack, type Stack } from '../helpers/stack.js';

const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 23);
/** As in operation-fuzz.test.ts: long waits, and mutations whose answer differs by design. */
const SKIP = new Set(['awaitExtraction', 'awaitTranscription', 'submitExtraction', 'submitTranscription', 'submitTranscriptionFromUrl']);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Answer {
  readonly data?: unknown;
  readonly errors?: ReadonlyArray<{ message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }>;
}

/** What must agree: the data, and each error's message, path and code (request ids aside). */
function comparable(answer: Answer): string {
  const errors = (answer.errors ?? []).map((e) => JSON.stringify([e.message, e.path ?? null, e.extensions?.code ?? null])).sort();
  return JSON.stringify({ data: answer.data ?? null, errors });
}

interface Entry {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly body: string;
  readonly variables: Record<string, unknown>;
}

/**
 * Manifest entries from generated operations: each named (`Op<n>`) and printed as a client
 * build would, keeping only those the manifest loader accepts (one operation, valid, within
 * the limits that do not depend on variables); the others could not be trusted documents.
 */
function corpus(): Entry[] {
  const config = loadConfig({ NODE_ENV: 'test' });
  const { schema } = createGateway(config, { logger: createLogger('silent') });
  const generator = new OperationGenerator(schema, SEED, { skipFields: SKIP, mutations: 0, plain: 0.4 });
  const entries: Entry[] = [];
  for (let i = 0; i < OPERATIONS; i++) {
    const op = generator.next();
    if (op.operationName) continue;
    let definitions: readonly DefinitionNode[];
    try {
      definitions = parse(op.query).definitions;
    } catch {
      continue;
    }
    const name = `Op${i}`;
    const named = definitions.map((d) => (d.kind === Kind.OPERATION_DEFINITION ? ({ ...d, name: { kind: Kind.NAME, value: name } } as OperationDefinitionNode) : d));
    const body = print({ kind: Kind.DOCUMENT, definitions: named });
    const prepared = prepareOperation(schema, config, { query: body, operationName: name });
    if (Array.isArray(prepared)) continue;
    entries.push({ id: sha256(body), name, type: prepared.operation.operation, body, variables: op.variables });
  }
  return entries;
}

let stack: Stack;
let ws: Client;
let entries: Entry[];

beforeAll(async () => {
  entries = corpus();
  const file = join(mkdtempSync(join(tmpdir(), 'trusted-fuzz-')), 'manifest.json');
  writeFileSync(file, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: entries.map(({ id, name, type, body }) => ({ id, name, type, body })) }));
  stack = await startStack({
    clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:link', 'kensho:app:scribe', 'kensho:app:kfinance'],
    env: { TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_MANIFEST: file },
  });
  ws = createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
});

afterAll(async () => {
  await ws?.dispose();
  await stack?.close();
});

async function overHttp(body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify(body) });
  return (await res.json()) as Answer;
}

async function overWebSocket(payload: Record<string, unknown>): Promise<Answer> {
  const iterator = ws.iterate({ query: '', ...payload } as { query: string });
  try {
    return ((await iterator.next()).value ?? {}) as Answer;
  } catch (error) {
    return { errors: Array.isArray(error) ? error : [{ message: String(error) }] };
  } finally {
    await iterator.return?.();
  }
}

describe('generated trusted documents: by id (prepared at start) and as text (parsed) agree', () => {
  it(`operations from seed ${SEED}`, { timeout: 600_000 }, async () => {
    // A corpus that says little would pass vacuously.
    expect(entries.length).toBeGreaterThan(OPERATIONS / 3);
    const divergences: string[] = [];
    let executed = 0;
    for (const entry of entries) {
      const { id, body, variables } = entry;
      // The text with a trailing newline: another hash, so Apollo parses and validates it.
      const asText = await overHttp({ query: `${body}\n`, variables });
      const expected = comparable(asText);
      if (asText.data !== undefined && asText.data !== null) executed += 1;
      const runs: Array<[string, Answer]> = [
        ['HTTP by documentId', await overHttp({ documentId: `sha256:${id}`, variables })],
        ['HTTP by sha256Hash', await overHttp({ extensions: { persistedQuery: { version: 1, sha256Hash: id } }, variables })],
        ['HTTP by id again (compiled)', await overHttp({ documentId: id, variables })],
        ['WebSocket by id', await overWebSocket({ documentId: id, variables })],
        ['WebSocket as text', await overWebSocket({ query: body, variables })],
      ];
      for (const [how, answer] of runs) if (comparable(answer) !== expected) divergences.push(`${entry.name} ${how}: ${JSON.stringify(answer)} vs text ${JSON.stringify(asText)}\n${body}\n${JSON.stringify(variables)}`);
    }
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    const compiled = Number(/^gateway_graphql_compilations_total\{outcome="compiled"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
    console.log(`trusted documents fuzz: seed ${SEED}, ${entries.length} manifest operations of ${OPERATIONS}, ${executed} with data, ${compiled} compiled`);
    expect(divergences.slice(0, 5)).toEqual([]);
    expect(executed).toBeGreaterThan(entries.length / 4);
  });
});
