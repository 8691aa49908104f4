import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { GraphQLFormattedError } from 'graphql';
import type { PipelineAnswer } from '../graphql/pipeline.js';

/** One error of a tool call, as the agent gets it: the gateway's stable code and what to do. */
export interface ToolError {
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
  readonly retryAfterSeconds?: number;
  readonly path?: ReadonlyArray<string | number>;
}

/**
 * The pipeline's answer as an MCP tool result (https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-result):
 * `structuredContent` holds `data` and the sources' `provenance` (`extensions.provenance` as the
 * pipeline answered it, passed as it is), and the same JSON is the text content for clients that
 * read only text. An answer whose every top-level field failed is a tool error (`isError`), the
 * first error's code and `retryAfterSeconds` in front; a partial answer carries its errors beside
 * the data.
 */
export function toolResult(answer: PipelineAnswer, requestId: string): CallToolResult {
  if (answer.kind === 'stream') return errorResult([{ code: 'OPERATION_NOT_SUPPORTED', message: 'a tool has one answer', requestId }], undefined);
  const errors = (answer.body.errors ?? []).map((e) => toolError(e, requestId));
  if (answer.kind === 'refused') return errorResult(errors, undefined);
  const data = answer.body.data ?? null;
  const provenance = (answer.body.extensions as { provenance?: unknown } | undefined)?.provenance;
  if (errors.length > 0 && !hasAnyData(data)) return errorResult(errors, provenance);
  const structured: Record<string, unknown> = { data, ...(provenance !== undefined ? { provenance } : {}), ...(errors.length ? { errors } : {}) };
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

/** A tool error with the gateway's codes: `error` the first, `errors` all. */
export function errorResult(errors: readonly ToolError[], provenance: unknown): CallToolResult {
  const first = errors[0] ?? { code: 'INTERNAL_SERVER_ERROR', message: 'the operation failed', requestId: '' };
  const structured: Record<string, unknown> = { error: first, errors, ...(provenance !== undefined ? { provenance } : {}) };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

function toolError(error: GraphQLFormattedError, requestId: string): ToolError {
  const extensions = error.extensions ?? {};
  const retry = extensions.retryAfterSeconds;
  return {
    code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR',
    message: error.message,
    requestId: typeof extensions.requestId === 'string' ? extensions.requestId : requestId,
    ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}),
    ...(error.path ? { path: error.path } : {}),
  };
}

/** Whether any top-level field answered something. */
function hasAnyData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Object.values(data).some((v) => v !== null && v !== undefined);
}
