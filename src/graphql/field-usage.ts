import { Kind, getNamedType, isInterfaceType, isObjectType, type DocumentNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** One field of the schema, as the usage counters name it. */
export interface SchemaField {
  /** The object or interface type the field is selected on. */
  readonly type: string;
  readonly field: string;
}

/** The schema's fields, numbered: an operation's fields are kept as these numbers. */
export interface SchemaFields {
  readonly fields: readonly SchemaField[];
  /** Type name → field name → number. */
  readonly ids: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const tables = new WeakMap<GraphQLSchema, SchemaFields>();

/**
 * Every field of every object and interface type of the public schema (introspection types
 * left out), numbered once per schema: the only names the usage counters can ever carry.
 */
export function schemaFields(schema: GraphQLSchema): SchemaFields {
  let table = tables.get(schema);
  if (table) return table;
  const fields: SchemaField[] = [];
  const ids = new Map<string, Map<string, number>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    const byName = new Map<string, number>();
    for (const field of Object.keys(type.getFields())) {
      byName.set(field, fields.length);
      fields.push({ type: type.name, field });
    }
    ids.set(type.name, byName);
  }
  table = { fields, ids };
  tables.set(schema, table);
  return table;
}

/**
 * The fields an operation selects, once each however often and under whatever aliases, as
 * numbers of `schemaFields(schema)`. A field is named by the type it is selected on (an
 * interface's field selected on the interface counts as the interface's). Selected means
 * written in the operation: a field under `@skip(if: true)` counts, a field a resolver never
 * reached (an error above it) too; `__typename` and introspection fields do not.
 *
 * Kept per operation node, so a document Apollo hands back from its cache (the same object for
 * the same query) is walked once, not per request; the walk itself visits each fragment once.
 */
export function operationFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): readonly number[] {
  const known = selected.get(operation);
  if (known && known.schema === schema) return known.ids;
  const ids = walk(schema, document, operation);
  selected.set(operation, { schema, ids });
  return ids;
}

const selected = new WeakMap<OperationDefinitionNode, { readonly schema: GraphQLSchema; readonly ids: readonly number[] }>();

function walk(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): readonly number[] {
  const { ids } = schemaFields(schema);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const found = new Set<number>();
  const entered = new Set<string>();
  const visit = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__') || !parent || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[name];
        if (!field) continue;
        const id = ids.get(parent.name)?.get(name);
        if (id !== undefined) found.add(id);
        if (selection.selectionSet) visit(selection.selectionSet, getNamedType(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      } else {
        // A fragment's fields are on its own type condition wherever it is spread: one visit each.
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || entered.has(name)) continue;
        entered.add(name);
        visit(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      }
    }
  };
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  visit(operation.selectionSet, root ?? undefined);
  return [...found].sort((a, b) => a - b);
}
