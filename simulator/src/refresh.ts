import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SimHttpError } from './http-util.js';
import type { TokenAuthority } from './tokens.js';

/** Apps with a refresh endpoint in the simulator, and the scope their tokens carry. */
export const REFRESH_SCOPES = { nerd: 'kensho:app:nerd', extract: 'kensho:app:extract', link: 'kensho:app:link', scribe: 'kensho:app:scribe', kfinance: 'kensho:app:kfinance' } as const;
export type RefreshApp = keyof typeof REFRESH_SCOPES;

/** The query parameter and answer field of each app's refresh endpoint; Link's are camelCase (UPSTREAMS §1.2). */
const REFRESH_WIRE: Record<RefreshApp, { param: string; field: string }> = {
  nerd: { param: 'refresh_token', field: 'access_token' },
  extract: { param: 'refresh_token', field: 'access_token' },
  link: { param: 'refreshToken', field: 'accessToken' },
  scribe: { param: 'refresh_token', field: 'access_token' },
  kfinance: { param: 'refresh_token', field: 'access_token' },
};

const SEVEN_DAYS_MS = 7 * 24 * 3_600_000;

/**
 * Per-app refresh endpoints (UPSTREAMS §1.2): a refresh token works only for its own app and
 * expires 7 days after its last use; access tokens from it expire on the next full hour.
 */
export class RefreshSimulator {
  private readonly tokens = new Map<string, { app: RefreshApp; lastUsed: number }>();

  constructor(
    private readonly authority: TokenAuthority,
    private readonly clock: () => number,
    private readonly lifetimeOverrideSeconds: () => number | undefined,
  ) {}

  /** A new refresh token for `app`, as its Account page would show it. */
  issue(app: RefreshApp): string {
    const token = `rt_${app}_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { app, lastUsed: this.clock() });
    return token;
  }

  /** Handles GET {app}/oauth2/refresh?refresh_token=… (Link: ?refreshToken=…, answering `accessToken`). */
  async handle(app: RefreshApp, req: IncomingMessage, url: URL): Promise<{ scope: string; body: Record<string, unknown> }> {
    if (req.method !== 'GET') throw new SimHttpError(405, { detail: 'method not allowed' });
    const wire = REFRESH_WIRE[app];
    // Only the app's own spelling is read: a client that sends the other one is refused.
    if (!url.searchParams.has(wire.param)) throw new SimHttpError(400, { detail: `missing query parameter ${wire.param}` });
    const presented = url.searchParams.get(wire.param) ?? '';
    const entry = this.tokens.get(presented);
    const now = this.clock();
    if (!entry || entry.app !== app || now - entry.lastUsed > SEVEN_DAYS_MS) {
      throw new SimHttpError(401, { detail: 'invalid refresh token' });
    }
    entry.lastUsed = now;
    const hour = 3_600_000;
    const override = this.lifetimeOverrideSeconds();
    const expiresAt = override !== undefined ? now + override * 1000 : Math.floor(now / hour) * hour + hour;
    const scope = REFRESH_SCOPES[app];
    const { token } = await this.authority.issue(`refresh-${app}`, [scope], { expiresAt });
    return { scope, body: { [wire.field]: token } };
  }
}
