import type { Config } from '../config/types.js';
import { upstreamApp, type UpstreamApp } from '../apps/registry.js';

/** The environment variable that sets `app`'s base URL (for fix texts). */
export function baseUrlVariable(app: UpstreamApp): string {
  return upstreamApp(app).settings.table.url.variable;
}

/** The app's base URL from the config. */
export function baseUrlOf(config: Config, app: UpstreamApp): string {
  return upstreamApp(app).settings.of(config).url;
}
