import Keyv from 'keyv';
import type { Config, KenshoAppCredential } from '../config/types.js';
import { UpstreamError, scrubUpstreamText } from '../errors.js';
import { UPSTREAM_APPS, upstreamApp, type UpstreamApp } from '../apps/registry.js';
import { createLogger } from '../logger.js';
import { createServices } from '../services.js';
import { send } from '../net/send.js';
import type { Transport } from '../net/transport.js';
import { type CheckContext, type ProbeRequest, type ProbeResponse } from '../diagnosis/check.js';
import { baseUrlOf } from './app-urls.js';
import { describeNetworkFailure } from '../diagnosis/network.js';
import { observingTransport, type Observation } from '../diagnosis/observe.js';
import { obtainToken, type TokenOutcome } from './tokens.js';

/** Probe answers are small; anything bigger is not what doctor asked for. */
const MAX_PROBE_BYTES = 4 * 1024 * 1024;

export interface DoctorContext extends CheckContext {
  /** Every secret doctor held during the run (configured and obtained tokens), for a last redaction pass. */
  secrets(): string[];
  close(): void;
}

/**
 * The tokens configured for every app in the registry (refresh tokens and pasted access tokens),
 * for the last redaction pass. Derived from the registry, so an app added there is covered
 * without touching doctor; Skykit's key is a PEM, which the pass redacts by its shape.
 */
export function configuredSecrets(config: Config): string[] {
  return UPSTREAM_APPS.flatMap((app) => {
    const setting: KenshoAppCredential | undefined = config.kensho.apps[app.key];
    if (setting?.kind === 'refresh-token') return [setting.refreshToken];
    if (setting?.kind === 'access-token') return [setting.accessToken];
    return [];
  });
}

/**
 * Builds what the checks share from the gateway's own pieces: `createServices` with an
 * in-memory cache (so credentials are built by the same precedence rules the gateway uses), the
 * gateway's transport wrapped to note Date and Location headers, and `send` for probes.
 */
export function createDoctorContext(config: Config, deps: { transport?: Transport; clock?: () => number; version?: string } = {}): DoctorContext {
  const clock = deps.clock ?? Date.now;
  const version = deps.version ?? '0.0.0';
  const observations: Observation[] = [];
  // The gateway's own transport (proxy, User-Agent), observed for Date and Location headers; the
  // probes go through the very same one.
  const services = createServices(config, {
    cache: new Keyv(),
    logger: createLogger('silent'),
    transport: deps.transport,
    wrapTransport: (base) => observingTransport(base, clock, observations),
    clock,
    version,
  });
  const { transport } = services;
  const tokens = new Map<UpstreamApp, Promise<TokenOutcome>>();
  const held = new Set<string>(configuredSecrets(config));

  const token = (app: UpstreamApp, signal?: AbortSignal): Promise<TokenOutcome> => {
    let pending = tokens.get(app);
    if (!pending) {
      pending = obtainToken(services.credentials[app], app, clock, signal).then((outcome) => {
        if (outcome.ok) held.add(outcome.accessToken);
        return outcome;
      });
      tokens.set(app, pending);
    }
    return pending;
  };

  const probe = async (app: UpstreamApp, request: ProbeRequest, signal?: AbortSignal): Promise<ProbeResponse> => {
    const headers: Record<string, string> = {};
    if (request.withToken) {
      const outcome = await token(app, signal);
      if (!outcome.ok) return { kind: 'no-token', reason: outcome.message };
      headers.authorization = `Bearer ${outcome.accessToken}`;
    }
    if (request.json !== undefined) headers['content-type'] = 'application/json';
    const url = `${baseUrlOf(config, app)}${request.path}`;
    const started = clock();
    try {
      const res = await send({
        upstream: upstreamApp(app),
        endpoint: request.endpoint,
        url,
        method: request.method,
        headers,
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        timeoutMs: config.upstreams.timeoutMs,
        signal,
        transport,
        maxResponseBytes: MAX_PROBE_BYTES,
      });
      return { kind: 'answer', status: res.status, body: res.body, durationMs: clock() - started };
    } catch (error) {
      const durationMs = clock() - started;
      if (error instanceof UpstreamError && error.status !== undefined && error.status >= 300 && error.status < 400) {
        const target = new URL(url);
        const seen = observations.findLast((o) => o.origin === target.origin && o.path === target.pathname && o.status === error.status);
        return { kind: 'redirect', status: error.status, location: seen?.location, durationMs };
      }
      if (signal?.aborted) throw error;
      if (error instanceof UpstreamError) return { kind: 'error', message: error.code === 'UPSTREAM_UNAVAILABLE' && error.status === undefined ? describeNetworkFailure(error) : scrubUpstreamText(error.message, 400), durationMs };
      return { kind: 'error', message: scrubUpstreamText(error instanceof Error ? error.message : String(error), 400), durationMs };
    }
  };

  return {
    config,
    credentials: services.credentials,
    notConfigured: (app) => services.notConfigured(app as UpstreamApp),
    clock,
    observations,
    token,
    probe,
    secrets: () => [...held],
    close: () => {
      services.close();
    },
  };
}
