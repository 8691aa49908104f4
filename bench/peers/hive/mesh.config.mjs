// Mesh compose configuration of the `hive` peer: one OpenAPI source, NERD's annotations-sync.
// `npm --prefix bench/peers run compose` (run by `node server.mjs hive` when the supergraph is
// missing or older than this file or the OpenAPI document) writes hive/supergraph.graphql.
//
// The endpoint and the bearer token stay `{env.…}` placeholders in the supergraph: Mesh's REST
// transport interpolates them from the gateway's environment (NERD_URL, NERD_TOKEN) on each call,
// so one composition serves every simulator run.
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('NERD', {
        source: './hive/nerd-annotations-sync.openapi.json',
        endpoint: '{env.NERD_URL}',
        operationHeaders: { Authorization: 'Bearer {env.NERD_TOKEN}' },
        // NERD's annotate call is a POST without side effects: a Query field, like the other peers'.
        selectQueryOrMutationField: [{ type: 'query', fieldName: 'annotationsSync' }],
      }),
    },
  ],
});
