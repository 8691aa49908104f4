import { DEFAULTS } from '../../config/load.js';
import { UPSTREAM_APPS, type UpstreamApp } from '../../apps/registry.js';
import { fail, ok, type Check } from '../../diagnosis/check.js';
import { baseUrlVariable, baseUrlOf } from '../app-urls.js';

const APPS: readonly UpstreamApp[] = UPSTREAM_APPS.map((app) => app.key);

/** The configuration loaded (a ConfigError is reported before any check runs) and names some app. */
export const configurationCheck: Check = {
  id: 'config',
  title: 'configuration',
  async run(ctx) {
    const configured = APPS.filter((app) => ctx.credentials[app] !== undefined);
    if (configured.length === 0) {
      return fail(
        'no upstream credentials are configured',
        'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE (or KENSHO_NERD_REFRESH_TOKEN / KENSHO_EXTRACT_REFRESH_TOKEN), and SKYKIT_ISSUER with SKYKIT_PRIVATE_KEY_FILE',
        { configured },
      );
    }
    // Not a failure (tests and staging point elsewhere), but worth seeing before going live.
    // Every app's base URL (from the registry), then the token URL, against the production default.
    const { kensho } = ctx.config;
    const defaults = DEFAULTS as Readonly<Record<string, unknown>>;
    const urls: Array<[string, string, unknown]> = [
      ...APPS.map((app): [string, string, unknown] => [baseUrlVariable(app), baseUrlOf(ctx.config, app), defaults[baseUrlVariable(app)]]),
      ...(kensho.keyPair ? [['KENSHO_TOKEN_URL', kensho.keyPair.tokenUrl, DEFAULTS.KENSHO_TOKEN_URL] as [string, string, unknown]] : []),
    ];
    const custom = urls.filter(([, url, fallback]) => url !== fallback).map(([name]) => name);
    const note = custom.length > 0 ? `; not the production URL: ${custom.join(', ')}` : '';
    return ok(`loaded; configured apps: ${configured.join(', ')}${note}`, { configured, nodeEnv: ctx.config.nodeEnv, nonDefaultUrls: custom });
  },
};
