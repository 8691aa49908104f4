import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { createClient } from 'graphql-ws';
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
const wsLink = new GraphQLWsLink(wsClient);

const link = ApolloLink.split(
  ({ query }) => {
    const main = getMainDefinition(query);
    return main.kind === 'OperationDefinition' && main.operation === OperationTypeNode.SUBSCRIPTION;
  },
  wsLink,
  httpLink,
);

export const client = new ApolloClient({
  link,
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
