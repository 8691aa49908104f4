import type { Check, ProbeRequest } from '../diagnosis/check.js';

/** A harmless request below an app's base URL, with how the report shows it. */
export type AppProbe = ProbeRequest & {
  readonly shown: string;
  /**
   * A second request made when the probe answers 404: a 404 there too means nothing of the app's
   * API is under the base URL (its path prefix is missing), rather than an unknown id.
   */
  readonly alsoNotFound?: ProbeRequest;
};

/**
 * What `kensho-gateway doctor` checks of one app. Every app gets its credential and token rows
 * (and, with an OAuth scope, the token endpoint and lifetime rows); these add the rest.
 */
export interface AppDoctor {
  /**
   * The base-URL row's request: a GET any deployment answers without side effects or data,
   * made fresh per run (it may carry a random id). None: the app has no such request and no row.
   */
  readonly probe?: () => AppProbe;
  /** The app's own checks, run after the common rows; each may need any of them. */
  readonly checks?: readonly Check[];
}
