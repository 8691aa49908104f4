import { describe, expect, it } from 'vitest';
import { ERROR_CODES, GatewayError, errorResponse, raisedBeforeExecution, type ErrorCode, type PublicErrorCode } from '../../src/errors.js';
import { MEDIA_TYPES, isRequestError, resultStatus, singleResultMediaType, statusFor } from '../../src/graphql/answer-status.js';

/**
 * Every code that can end a request before execution has its HTTP status in the error table
 * (errors.ts), and the two places that give answers their status read it there: errorResponse
 * (refusals of the transports and of admission) and resultStatus/statusFor (results of the
 * pipeline's engines). test/integration/error-statuses.test.ts checks the adapters send them.
 */
const codes = Object.keys(ERROR_CODES) as PublicErrorCode[];
const before = codes.filter(raisedBeforeExecution);
const result = (code: string) => ({ errors: [{ message: 'refused', extensions: { code } }] });

describe('the error table', () => {
  it('gives every code raised before execution an HTTP status and a kind', () => {
    expect(before.length).toBeGreaterThan(15);
    for (const code of before) {
      const { status, before: kind } = ERROR_CODES[code];
      expect(Number.isInteger(status) && status >= 200 && status <= 599, code).toBe(true);
      expect(['refusal', 'request-error'], code).toContain(kind);
      // A refusal is an error status; a request error is 400, or 200 where it is no failure.
      if (kind === 'refusal') expect(status, code).toBeGreaterThanOrEqual(400);
      else expect([200, 400], code).toContain(status);
    }
  });

  it('is what errorResponse answers a refusal with, unless HTTP names a more specific status', () => {
    for (const code of before) {
      const answer = errorResponse(new GatewayError(code as ErrorCode, 'refused'), 'r1');
      expect(answer.status, code).toBe(ERROR_CODES[code].status);
      expect(answer.body.errors[0]!.extensions).toMatchObject({ code, requestId: 'r1' });
    }
    const refined = errorResponse(new GatewayError('BAD_REQUEST', 'GET only queries', { http: { status: 405, headers: { allow: 'POST' } } }), 'r2');
    expect([refined.status, refined.headers.allow]).toEqual([405, 'POST']);
    expect(errorResponse(new Error('boom'), 'r3')).toMatchObject({ status: 500, body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } });
  });

  it("is the status of a result that executed nothing, and a request error's is 200 under the legacy application/json", () => {
    for (const code of before) {
      const status = resultStatus(result(code));
      expect(status, code).toBe(ERROR_CODES[code].status);
      expect(statusFor(result(code), status, MEDIA_TYPES.GRAPHQL_RESPONSE), code).toBe(ERROR_CODES[code].status);
      expect(statusFor(result(code), status, MEDIA_TYPES.JSON), code).toBe(ERROR_CODES[code].before === 'request-error' ? 200 : ERROR_CODES[code].status);
    }
    // Executed: errors travel in a 200, whatever their code.
    expect(resultStatus({ data: null, errors: [{ message: 'x', extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] })).toBe(200);
    expect(resultStatus({ data: { a: 1 } })).toBe(200);
    // Codes raised only inside execution never make a refusal.
    for (const code of codes.filter((c) => !raisedBeforeExecution(c))) expect(resultStatus(result(code)), code).toBe(200);
    // A mix with a code that is not a request error keeps its status under application/json.
    expect(isRequestError({ errors: [...result('GRAPHQL_VALIDATION_FAILED').errors, ...result('BAD_REQUEST').errors] })).toBe(false);
  });

  it('negotiates the media type of a single result as GraphQL over HTTP asks', () => {
    expect(singleResultMediaType(undefined)).toBe(MEDIA_TYPES.JSON);
    expect(singleResultMediaType('application/graphql-response+json')).toBe(MEDIA_TYPES.GRAPHQL_RESPONSE);
    expect(singleResultMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(MEDIA_TYPES.GRAPHQL_RESPONSE);
    expect(singleResultMediaType('*/*')).toBe(MEDIA_TYPES.JSON);
    expect(singleResultMediaType('text/html')).toBeNull();
  });
});
