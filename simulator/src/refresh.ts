import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SimHttpError } from './http-util.js';
import type { TokenAuthority } from './tokens.js';

/** An app with a refresh endpoint: its key, the scope its tokens carry, and its wire names. */
export interface RefreshableApp {
  readonly key: string;
  readonly scope: string;
  /** The query parameter that carries the refresh token and the answer's field; Link's are camelCase (UPSTREAMS §1.2). */
  readonly param: string;
  readonly field: string;
}

const SEVEN_DAYS_MS = 7 * 24 * 3_600_000;

/**
 * Per-app refresh endpoints (UPSTREAMS §1.2): a refresh token works only for its own app and
 * expires 7 days after its last use; access tokens from it expire on the next full hour.
 */
export class RefreshSimulator {
  /** Refresh token → the key of the app it works for, and when it was last used. */
  private readonly tokens = new Map<string, { app: string; lastUsed: number }>();

  constructor(
    private readonly authority: TokenAuthority,
    private readonly clock: () => number,
    private readonly lifetimeOverrideSeconds: () => number | undefined,
  ) {}

  /** A new refresh token for the app `app` (its key), as its Account page would show it. */
  issue(app: string): string {
    const token = `rt_${app}_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { app, lastUsed: this.clock() });
    return token;
  }

  /** Handles GET {app}/oauth2/refresh?refresh_token=… (Link: ?refreshToken=…, answering `accessToken`). */
  async handle(app: RefreshableApp, req: IncomingMessage, url: URL): Promise<{ scope: string; body: Record<string, unknown> }> {
    if (req.method !== 'GET') throw new SimHttpError(405, { detail: 'method not allowed' });
    // Only the app's own spelling is read: a client that sends the other one is refused.
    if (!url.searchParams.has(app.param)) throw new SimHttpError(400, { detail: `missing query parameter ${app.param}` });
    const presented = url.searchParams.get(app.param) ?? '';
    const entry = this.tokens.get(presented);
    const now = this.clock();
    if (!entry || entry.app !== app.key || now - entry.lastUsed > SEVEN_DAYS_MS) {
      throw new SimHttpError(401, { detail: 'invalid refresh token' });
    }
    entry.lastUsed = now;
    const hour = 3_600_000;
    const override = this.lifetimeOverrideSeconds();
    const expiresAt = override !== undefined ? now + override * 1000 : Math.floor(now / hour) * hour + hour;
    const { token } = await this.authority.issue(`refresh-${app.key}`, [app.scope], { expiresAt });
    return { scope: app.scope, body: { [app.field]: token } };
  }
}
