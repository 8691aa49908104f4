import type { UpstreamApp } from '../../errors.js';
import { fail, ok, type Check } from '../check.js';

const APPS: readonly UpstreamApp[] = ['nerd', 'extract', 'skykit'];

/** The configuration loaded (a ConfigError is reported before any check runs) and names some app. */
export const configurationCheck: Check = {
  id: 'config',
  title: 'configuration',
  async run(ctx) {
    const configured = APPS.filter((app) => ctx.services.credentials[app] !== undefined);
    if (configured.length === 0) {
      return fail(
        'no upstream credentials are configured',
        'set KENSHO_CLIENT_ID with KENSHO_PRIVATE_KEY_FILE (or KENSHO_NERD_REFRESH_TOKEN / KENSHO_EXTRACT_REFRESH_TOKEN), and SKYKIT_ISSUER with SKYKIT_PRIVATE_KEY_FILE',
        { configured },
      );
    }
    return ok(`loaded; configured apps: ${configured.join(', ')}`, { configured, nodeEnv: ctx.config.nodeEnv });
  },
};
