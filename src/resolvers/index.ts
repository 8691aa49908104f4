import type { Resolvers } from '../generated/resolvers-types.js';
import { baseResolvers } from './base.js';
import { extractResolvers } from './extract.js';
import { linkResolvers } from './link.js';
import { kfinanceResolvers } from './kfinance.js';
import { nerdResolvers } from './nerd.js';
import { scribeResolvers } from './scribe.js';
import { skykitResolvers } from './skykit.js';

/** Every resolver map, merged by @graphql-tools/schema. */
export const resolvers: Resolvers[] = [baseResolvers, nerdResolvers, skykitResolvers, extractResolvers, linkResolvers, scribeResolvers, kfinanceResolvers];
