/**
 * Differential and property tests over generated operations (test/helpers/operation-generator.ts,
 * seeded): every operation is sent three times over HTTP (Apollo, its document cache from the
 * second time, compiled with graphql-jit from the first where it is in the compiled subset: the
 * test stacks set GRAPHQL_JIT_AFTER=1) and once over WebSocket (the gateway's own
 * parse/validate/limits and graphql-js),
 * and run a fifth time by graphql-js alone on the served schema, the reference. Data and errors
 * must agree. The same runs check the cost model against the calls the simulator counts: no
 * operation makes more upstream calls than the bound the gateway computed before running it.
 *
 * FUZZ_OPERATIONS (default 100) and FUZZ_SEED (default 19) set the corpus; a divergence prints
 * its seed and operation, and becomes a named case in the regressions below.
 */
import { execute, parse, specifiedRules, validate, type OperationDefinitionNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ANONYMOUS } from '../../src/auth/inbound/caller.js';
import { upstreamCallBound } from '../../src/graphql/limits.js';
import { OperationGenerator, type GeneratedOperation } from '../helpers/operation-generator.js';
import type { Transport } from '../../src/net/transport.js';
import { startStack, type Stack } from '../helpers/stack.js';

const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 19);
/**
 * Root fields left out: long waits on jobs the simulator does not have, and mutations whose
 * answer differs on each run by design (a new job id each time) or that need a file.
 */
const SKIP = new Set(['awaitExtraction', 'awaitTranscription', 'submitExtraction', 'submitTranscription', 'submitTranscriptionFromUrl']);

interface Answer {
  readonly status?: number;
  readonly data?: unknown;
  readonly errors?: ReadonlyArray<{ message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }>;
}

/** What must agree: the data, and each error's message, path and code (request ids aside), in a stable order. */
function comparable(answer: Answer, withCodes: boolean): string {
  const errors = (answer.errors ?? []).map((e) => JSON.stringify([e.message, e.path ?? null, withCodes ? (e.extensions?.code ?? null) : null])).sort();
  return JSON.stringify({ data: answer.data ?? null, errors });
}

let stack: Stack;
let ws: Client;
/** Upstream calls the gateway has sent and not yet had an answer to. */
let inFlight = 0;
const counting =
  (inner: Transport): Transport =>
  async (req) => {
    inFlight += 1;
    try {
      return await inner(req);
    } finally {
      inFlight -= 1;
    }
  };

beforeAll(async () => {
  stack = await startStack({
    clientScopes: ['kensho:app:nerd', 'kensho:app:extract', 'kensho:app:link', 'kensho:app:scribe', 'kensho:app:kfinance'],
    env: { ENABLE_INTROSPECTION: 'true' },
    wrapTransport: counting,
  });
  ws = createClient({ url: `${stack.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
});

afterAll(async () => {
  await ws?.dispose();
  await stack?.close();
});

async function overHttp(op: GeneratedOperation): Promise<Answer> {
  const res = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(op),
  });
  return { status: res.status, ...((await res.json()) as Answer) };
}

async function overWebSocket(op: GeneratedOperation): Promise<Answer> {
  const iterator = ws.iterate({ query: op.query, variables: op.variables, operationName: op.operationName });
  try {
    const first = await iterator.next();
    return first.value as Answer;
  } catch (error) {
    // graphql-ws rejects with the error list when the operation is refused before execution.
    return { errors: Array.isArray(error) ? error : [{ message: String(error) }] };
  } finally {
    await iterator.return?.();
  }
}

/** graphql-js alone: execute on the served schema with a fresh resolver context. */
async function reference(op: GeneratedOperation): Promise<Answer | undefined> {
  const document = parse(op.query);
  if (validate(stack.gateway.schema, document, specifiedRules).length > 0) return undefined;
  const controller = new AbortController();
  const result = await execute({
    schema: stack.gateway.schema,
    document,
    variableValues: op.variables,
    operationName: op.operationName,
    contextValue: stack.gateway.createContext('reference', ANONYMOUS, controller.signal),
  });
  return {
    data: result.data,
    errors: result.errors?.map((e) => stack.gateway.formatError(e.toJSON(), e)),
  };
}

/** Upstream app calls the simulator received (token endpoints aside). */
function appCalls(): number {
  return stack.sim.counters.log().filter((c) => !/token|okta|refresh|oauth/i.test(c.endpoint)).length;
}

/**
 * Waits until no upstream call is on its way and none can start: fields whose answer was dropped
 * (a sibling's error nulled their parent) may still be calling after the response is out, and
 * those calls belong to the operation that started them. No retries, waits or polls run here,
 * so a call starts only in a continuation of another call (or of the request itself): with none
 * in flight across a turn of the event loop, every call of the operation has reached the simulator.
 */
async function settled(): Promise<void> {
  for (let quiet = 0; quiet < 2; ) {
    await new Promise((r) => setImmediate(r));
    if (inFlight === 0) quiet += 1;
    else {
      quiet = 0;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

describe('generated operations: HTTP, WebSocket and graphql-js agree, and calls stay within the computed bound', () => {
  it(`${OPERATIONS} operations from seed ${SEED}`, { timeout: 600_000 }, async () => {
    const generator = new OperationGenerator(stack.gateway.schema, SEED, { skipFields: SKIP, mutations: 0.2, plain: 0.4 });
    const divergences: string[] = [];
    const overBound: string[] = [];
    let executed = 0;
    let refused = 0;
    for (let i = 0; i < OPERATIONS; i++) {
      const op = generator.next();
      // The previous operation's runs (three over HTTP, WebSocket, graphql-js) have all called.
      await settled();
      stack.sim.counters.reset();
      const first = await overHttp(op);
      await settled();
      const calls = appCalls();
      const document = parse(op.query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && (op.operationName ? d.name?.value === op.operationName : true));
      const limitCode = first.errors?.[0]?.extensions?.code;
      if (first.status === 400 && limitCode === 'TOO_MANY_UPSTREAM_CALLS') {
        refused += 1;
        if (calls !== 0) overBound.push(`#${i}: refused yet made ${calls} calls\n${op.query}`);
      } else if (operation && validate(stack.gateway.schema, document, specifiedRules).length === 0) {
        const bound = upstreamCallBound(stack.gateway.schema, document, operation, op.variables, stack.gateway.config);
        if (bound && !bound.open && calls > bound.calls) overBound.push(`#${i}: ${calls} calls, bound ${bound.calls}\n${op.query}\n${JSON.stringify(op.variables)}`);
      }
      if (calls > stack.gateway.config.limits.maxUpstreamCalls) overBound.push(`#${i}: ${calls} calls past the budget\n${op.query}`);

      const answers = [first, await overHttp(op), await overHttp(op)];
      const viaWs = await overWebSocket(op);
      const withData = first.data !== undefined;
      const expected = comparable(first, withData);
      for (const [n, a] of answers.entries()) if (comparable(a, withData) !== expected || a.status !== first.status) divergences.push(`#${i} HTTP run ${n + 1}: ${JSON.stringify(a)} vs ${JSON.stringify(first)}\n${op.query}\n${JSON.stringify(op.variables)}`);
      if (comparable(viaWs, withData) !== expected) divergences.push(`#${i} WebSocket: ${JSON.stringify(viaWs)} vs HTTP ${JSON.stringify(first)}\n${op.query}\n${JSON.stringify(op.variables)}`);
      if (first.status === 200 && withData) {
        executed += 1;
        const ref = await reference(op);
        if (ref && comparable(ref, true) !== expected) divergences.push(`#${i} graphql-js: ${JSON.stringify(ref)} vs HTTP ${JSON.stringify(first)}\n${op.query}\n${JSON.stringify(op.variables)}`);
      }
    }
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    const compiled = Number(/^gateway_graphql_compilations_total\{outcome="compiled"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
    console.log(`operation fuzz: seed ${SEED}, ${OPERATIONS} operations, ${executed} executed, ${compiled} compiled, ${refused} refused for their upstream calls`);
    expect(divergences.slice(0, 5)).toEqual([]);
    expect(overBound.slice(0, 5)).toEqual([]);
    // The corpus must exercise execution, not only refusals, and the compiled path.
    expect(executed).toBeGreaterThan(OPERATIONS / 4);
    expect(compiled).toBeGreaterThan(OPERATIONS / 10);
  });
});
