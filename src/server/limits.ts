import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type ASTNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, visit } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config/types.js';

/** Stable codes of the limit refusals (README, "Error codes"). */
export const LIMIT_CODES = ['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES'] as const;

/** Cost of a field that calls an upstream (a token, a network round trip, upstream quota). */
export const UPSTREAM_FIELD_COST = 10;

function refuse(code: (typeof LIMIT_CODES)[number], message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/**
 * Per-field cost: 1 for plain fields, UPSTREAM_FIELD_COST for fields with an @upstream
 * directive, and a connection's children counted `first` times.
 */
const estimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const upstream = (field as GraphQLField<unknown, unknown>).extensions?.upstream !== undefined;
  const own = upstream ? UPSTREAM_FIELD_COST : 1;
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
  return own + first * childComplexity;
};

/** The deepest selection-set nesting of `operation`, following fragment spreads. */
function depthOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) max = Math.max(max, sel.selectionSet ? 1 + depthOf(sel.selectionSet, fragments, seen) : 1);
    else if (sel.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(sel.selectionSet, fragments, seen));
    else {
      const fragment = fragments.get(sel.name.value);
      // A fragment cycle is a validation error already; do not recurse forever here.
      if (fragment && !seen.has(sel.name.value)) max = Math.max(max, depthOf(fragment.selectionSet, fragments, new Set([...seen, sel.name.value])));
    }
  }
  return max;
}

function count(document: DocumentNode, pick: (node: ASTNode) => boolean): number {
  let n = 0;
  visit(document, {
    enter(node) {
      if (pick(node)) n += 1;
    },
  });
  return n;
}

/** Checks one resolved operation against the limits; throws a GraphQLError (HTTP 400) to refuse it. */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, limits: Config['limits']): void {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const depth = depthOf(operation.selectionSet, fragments, new Set());
  if (depth > limits.maxDepth) throw refuse('QUERY_TOO_DEEP', `The operation is ${depth} levels deep; at most ${limits.maxDepth} are allowed`, { depth, max: limits.maxDepth });
  const aliases = count(document, (n) => n.kind === Kind.FIELD && n.alias !== undefined);
  if (aliases > limits.maxAliases) throw refuse('TOO_MANY_ALIASES', `The operation uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, { aliases, max: limits.maxAliases });
  const directives = count(document, (n) => n.kind === Kind.DIRECTIVE);
  if (directives > limits.maxDirectives) throw refuse('TOO_MANY_DIRECTIVES', `The operation uses ${directives} directives; at most ${limits.maxDirectives} are allowed`, { directives, max: limits.maxDirectives });
  let complexity: number;
  try {
    complexity = getComplexity({ schema, query: document, operationName: operation.name?.value, variables, estimators: [estimator] });
  } catch {
    // Variables that do not coerce: Apollo answers BAD_USER_INPUT next and nothing executes.
    return;
  }
  if (complexity > limits.maxComplexity) {
    throw refuse('QUERY_TOO_COMPLEX', `The operation costs ${complexity}; at most ${limits.maxComplexity} is allowed (upstream fields cost ${UPSTREAM_FIELD_COST}, lists count per item)`, { complexity, max: limits.maxComplexity });
  }
}

/** An Apollo plugin applying checkLimits once the operation is known (variables included). */
export function limitsPlugin(limits: Config['limits']): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation) checkLimits(schema, document, operation, request.variables ?? {}, limits);
        },
      };
    },
  };
}
