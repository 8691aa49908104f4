import type { Resolvers } from '../generated/resolvers-types.js';

/** Resolvers of schema/base.graphql. */
export const baseResolvers: Resolvers = {
  Query: {
    gateway: () => ({}),
  },
  GatewayInfo: {
    version: (_p, _a, ctx) => ctx.services.version,
    upstreams: (_p, _a, ctx) => ctx.services.upstreamStatus(),
  },
};
