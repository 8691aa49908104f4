import type { Resolvers } from '../generated/resolvers-types.js';
import { UPSTREAM_APPS } from '../apps/registry.js';
import { baseResolvers } from './base.js';

/** The gateway's own resolvers and every app's, merged by @graphql-tools/schema. */
export const resolvers: Resolvers[] = [baseResolvers, ...UPSTREAM_APPS.map((app) => app.resolvers)];
