/** The client application a request says it comes from (not who the caller is: that is authentication's). */
export interface ClientInfo {
  readonly name: string | undefined;
  readonly version: string | undefined;
}

/** No client named. */
export const NO_CLIENT: ClientInfo = Object.freeze({ name: undefined, version: undefined });

/**
 * The client named by Apollo's `apollographql-client-name` / `apollographql-client-version`
 * headers (Apollo Client's `clientAwareness`, Apollo Kotlin and iOS send them), or the vendor-
 * neutral `graphql-client-name` / `graphql-client-version`. Taken as sent: the metrics bound the
 * labels (metrics.ts) and the log line cuts the text (caller-text.ts).
 */
export function clientInfo(header: (name: string) => string | undefined): ClientInfo {
  const name = header('apollographql-client-name') ?? header('graphql-client-name');
  const version = header('apollographql-client-version') ?? header('graphql-client-version');
  return name === undefined && version === undefined ? NO_CLIENT : { name, version };
}
