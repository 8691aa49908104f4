import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino censors wherever they appear: defence in depth, since the gateway never puts a
 * secret into a log call on purpose (tests scan captured logs for the simulator's secrets).
 */
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'accessToken',
  '*.accessToken',
  'access_token',
  '*.access_token',
  'refreshToken',
  '*.refreshToken',
  'refresh_token',
  '*.refresh_token',
  'client_assertion',
  '*.client_assertion',
  'assertion',
  '*.assertion',
  'privateKey',
  '*.privateKey',
  'token.accessToken',
];

/** The gateway's structured JSON logger. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'kensho-gateway' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
