import { describe, expect, it } from 'vitest';
import type { PipelineAnswer } from '../../src/graphql/pipeline.js';
import { toolResult } from '../../src/mcp/tool-result.js';

const single = (body: Extract<PipelineAnswer, { kind: 'single' }>['body']): PipelineAnswer => ({ kind: 'single', status: 200, headers: {}, body });
const text = (result: ReturnType<typeof toolResult>) => JSON.parse((result.content[0] as { text: string }).text) as unknown;

describe('toolResult: a pipeline answer as an MCP tool result', () => {
  it('puts data and the provenance as they were answered in structuredContent, and the same JSON in the text', () => {
    const provenance = [{ path: ['company'], app: 'kfinance', endpoint: 'kfinance.info', fetchedAt: '2026-01-01T00:00:00.000Z', ageSeconds: 0 }];
    const result = toolResult(single({ data: { company: { name: 'Apple Inc.' } }, extensions: { provenance } }), 'r1');
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ data: { company: { name: 'Apple Inc.' } }, provenance });
    expect(text(result)).toEqual(result.structuredContent);
  });

  it('keeps a partial answer a result, its field errors beside the data', () => {
    const result = toolResult(single({ data: { a: 1, b: null }, errors: [{ message: 'no', path: ['b'], extensions: { code: 'UPSTREAM_UNAVAILABLE', requestId: 'r2' } }] }), 'r2');
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ data: { a: 1, b: null }, errors: [{ code: 'UPSTREAM_UNAVAILABLE', message: 'no', requestId: 'r2', path: ['b'] }] });
  });

  it('makes an answer whose every top-level field failed a tool error with the first code', () => {
    const result = toolResult(single({ data: { a: null }, errors: [{ message: 'slow down', extensions: { code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 7 } }] }), 'r3');
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: { code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 7, requestId: 'r3' } });
    expect(text(result)).toEqual(result.structuredContent);
  });

  it('makes a refusal a tool error with its code and retryAfterSeconds', () => {
    const refused: PipelineAnswer = { kind: 'refused', status: 429, headers: {}, body: { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 10, requestId: 'r4' } }] } };
    expect(toolResult(refused, 'r4')).toMatchObject({ isError: true, structuredContent: { error: { code: 'RATE_LIMITED', retryAfterSeconds: 10, requestId: 'r4' } } });
  });

  it('masks an error without a code as INTERNAL_SERVER_ERROR', () => {
    expect(toolResult(single({ errors: [{ message: 'boom' }] }), 'r5').structuredContent).toMatchObject({ error: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r5' } });
  });
});
