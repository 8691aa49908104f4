/**
 * An upload whose file never arrived (a multipart `map` naming the wrong variable, a file part
 * the map does not name, or a JSON request from the playground, which cannot carry files) is
 * answered with what went wrong and how uploads are sent, not graphql-js's bare "Variable
 * "$file" of non-null type "Upload!" must not be null".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';
import { pdfFixture } from '../helpers/upload.js';

const SUBMIT = 'mutation Submit($file: Upload!) { submitExtraction(file: $file) { id status } }';

type Answer = { status: number; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

async function multipart(stack: Stack, map: Record<string, string[]>, partName: string): Promise<Answer> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: SUBMIT, variables: { file: null } }));
  form.append('map', JSON.stringify(map));
  form.append(partName, new Blob([new Uint8Array(pdfFixture('report.pdf'))], { type: 'application/pdf' }), 'report.pdf');
  const res = await fetch(`${stack.url}/graphql`, { method: 'POST', body: form, headers: { 'apollo-require-preflight': 'true' } });
  return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
}

function expectExplained(answer: Answer): void {
  const error = answer.errors?.[0];
  expect(error?.extensions?.code, JSON.stringify(answer)).toBe('BAD_USER_INPUT');
  expect(error?.extensions?.reason).toBe('FILE_MISSING');
  expect(error?.extensions?.variable).toBe('file');
  expect(error?.message).toMatch(/no file arrived for \$file/i);
  expect(error?.message).toMatch(/multipart/);
  expect(error?.message).toContain('"map"');
  expect(error?.message).toContain('variables.file');
  expect(error?.message).not.toMatch(/must not be null|was not provided/);
}

describe('an upload without its file part', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ extractRefreshToken: true });
  });
  afterAll(async () => stack.close());

  it('a map that names another variable', async () => {
    expectExplained(await multipart(stack, { 1: ['variables.document'] }, '1'));
  });

  it('a map that names a part the request does not have', async () => {
    const answer = await multipart(stack, { 1: ['variables.file'] }, '2');
    // graphql-upload refuses a map entry without its part before execution, naming the part.
    if (answer.status === 400 && answer.errors?.[0]?.extensions?.code === 'BAD_REQUEST') expect(answer.errors[0].message).toMatch(/file|part|map/i);
    else expectExplained(answer);
  });

  it('a JSON request (the playground) with the file variable null or missing', async () => {
    const asNull = await stack.gql(SUBMIT, { file: null });
    expectExplained({ status: asNull.status, errors: asNull.errors });
    expect(asNull.errors?.[0]?.message).toMatch(/JSON request cannot carry a file/);
    const missing = await stack.gql(SUBMIT, {});
    expectExplained({ status: missing.status, errors: missing.errors });
    const named = await stack.gql(SUBMIT, { file: 'report.pdf' });
    expectExplained({ status: named.status, errors: named.errors });
    expect(stack.sim.counters.calls('extract.submit')).toBe(0);
  });
});
