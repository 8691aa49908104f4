/** Longest caller-supplied string kept whole in a log line or span attribute (a GraphQL name, a caller name, an origin). */
export const MAX_CALLER_TEXT = 200;

/**
 * A string a caller chose, cut to fit a log line, a span attribute or a message about it. GraphQL
 * puts no limit on names and headers go up to Node's 16 KB: a 500 KB operation name once wrote a
 * 500 KB log line, and a client could fill a log pipeline or a trace backend with them. The cut
 * keeps the start (what identifies it) and says how long the original was.
 */
export function callerText(value: string, max = MAX_CALLER_TEXT): string {
  return value.length <= max ? value : `${value.slice(0, max)}…[${value.length} chars]`;
}

/** callerText for a value that may be absent. */
export function optionalCallerText<T extends null | undefined>(value: string | T, max = MAX_CALLER_TEXT): string | T {
  return typeof value === 'string' ? callerText(value, max) : value;
}
