import { ApolloClient, ApolloLink, CombinedGraphQLErrors, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { getMainDefinition, print } from '@apollo/client/utilities';
import { generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { createClient, type Client } from 'graphql-ws';
import { Observable } from 'rxjs';
import { OperationTypeNode } from 'graphql';
import { GATEWAY_URL, GATEWAY_WS_URL } from './config';

/**
 * Queries and mutations go over HTTP through apollo-upload-client's link, which sends a GraphQL
 * multipart request when the variables hold a File (and plain JSON otherwise). Every request
 * carries `Apollo-Require-Preflight: true`: the gateway refuses multipart requests without it
 * (CSRF protection: a browser sends a cross-origin multipart POST without a CORS preflight
 * unless a custom header forces one). The browser's origin must be in the gateway's CORS_ORIGINS.
 */
const httpLink = new UploadHttpLink({
  uri: GATEWAY_URL,
  headers: { 'Apollo-Require-Preflight': 'true' },
  // With AUTH_MODE=api-key or jwt on the gateway, add `authorization: Bearer …` here (and in
  // connectionParams below).
});

/**
 * Subscriptions (extractionUpdated) go over graphql-ws on the same path. The gateway checks the
 * WebSocket's Origin against CORS_ORIGINS too (403 otherwise). The socket opens on the first
 * subscription and closes shortly after the last one ends.
 */
export const wsClient = createClient({
  url: GATEWAY_WS_URL,
  lazy: true,
  lazyCloseTimeout: 3_000,
  retryAttempts: 3,
  // connectionParams: () => ({ authorization: `Bearer ${token}` }),
});
const wsLink = persistedWsLink(wsClient);

/**
 * Trusted documents: every operation is sent as the id of its entry in the persisted-query
 * manifest that `npm run manifest` (@apollo/generate-persisted-query-manifest) writes from this
 * app's operations at build time, and the gateway runs only those with TRUSTED_DOCUMENTS=require
 * (docs/trusted-documents.md in the gateway). `generatePersistedQueryIdsFromManifest` is what
 * @apollo/persisted-query-lists recommends when the manifest is part of the build: the id is
 * looked up by operation name, no hashing in the browser. The manifest is loaded as a separate
 * chunk (a dynamic import), as that package advises; only ids and names are read from it.
 */
const persistedQueries = new PersistedQueryLink(
  generatePersistedQueryIdsFromManifest({ loadManifest: () => import('../persisted-query-manifest.json') }),
);

/**
 * GraphQLWsLink (@apollo/client/link/subscriptions) always sends the operation's text, beside
 * the persisted-query hash: a gateway that runs only trusted documents refuses that. This is the
 * same link, honouring the persisted-query link's `http.includeQuery` as HttpLink does: the id
 * alone, with graphql-ws's required `query` left empty.
 */
function persistedWsLink(client: Client): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const sendText = operation.getContext().http?.includeQuery !== false;
        const { variables, operationName, extensions } = operation;
        return client.subscribe(
          { query: sendText ? print(operation.query) : '', variables, operationName, extensions },
          {
            next: (result) => observer.next(result as ApolloLink.Result),
            complete: () => observer.complete(),
            // As GraphQLWsLink reports them: GraphQL errors combined, a closed socket as an Error.
            error: (error) =>
              observer.error(
                error instanceof Error ? error : Array.isArray(error) ? new CombinedGraphQLErrors({ errors: error }) : new Error(`Socket closed${isCloseEvent(error) ? ` with event ${error.code} ${error.reason}` : ''}`),
              ),
          },
        );
      }),
  );
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

const transport = ApolloLink.split(
  ({ query }) => {
    const main = getMainDefinition(query);
    return main.kind === 'OperationDefinition' && main.operation === OperationTypeNode.SUBSCRIPTION;
  },
  wsLink,
  httpLink,
);

export const client = new ApolloClient({
  link: persistedQueries.concat(transport),
  cache: new InMemoryCache({
    typePolicies: {
      // Normalised by their codes (they have no `id`): a tenant seen on many devices is one entry.
      SkykitTenant: { keyFields: ['code'] },
      SkykitManagingOrg: { keyFields: ['code'] },
      // Node and table uids are unique within one document only: keep them inside their document.
      // A job's document has no id: merge what different queries read of it (outline and
      // tables, one node's entities) instead of letting each replace the other's fields.
      ExtractedDocument: { merge: true },
      ContentNode: { keyFields: false },
      Table: { keyFields: false },
      Entity: { keyFields: false },
    },
  }),
});
