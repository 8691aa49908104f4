import { Kind, TypeInfo, getNamedType, print, validate, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { callerScope, type Caller } from '../auth/inbound/caller.js';
import { UPSTREAM_APPS, type UpstreamApp } from '../apps/registry.js';
import type { FieldUpstream } from '../apps/field-upstream.js';
import { variablesSchema, type JsonSchema } from './json-schema.js';
import { readToolFiles, ToolFileError, type ToolFile } from './tool-files.js';

/** One tool, ready to list and call. */
export interface Tool {
  readonly name: string;
  /** The file's description, then what the schema says of the fields it reads. */
  readonly description: string;
  readonly path: string;
  /** The app whose folder holds it (undefined: the deployment's MCP_TOOLS_DIR). */
  readonly app: string | undefined;
  /** The GraphQL document sent through the pipeline. */
  readonly query: string;
  readonly operationName: string | undefined;
  readonly mutation: boolean;
  readonly inputSchema: JsonSchema;
  /** The caller scopes its fields need, every one of them (their `@upstream` scopes, "skykit" for Skykit). */
  readonly scopes: readonly string[];
  /** The upstream apps its fields call. */
  readonly apps: readonly UpstreamApp[];
  /** Per app, the entitlements its fields need: each inner list is any one of them (kFinance's `/users/permissions`). */
  readonly entitlements: ReadonlyMap<UpstreamApp, ReadonlyArray<readonly string[]>>;
  readonly annotations: { readonly title: string; readonly readOnlyHint: boolean; readonly destructiveHint: boolean; readonly idempotentHint: boolean; readonly openWorldHint: boolean };
}

/** The tools of this gateway, checked against its schema once at startup. */
export interface ToolCatalog {
  readonly tools: readonly Tool[];
  get(name: string): Tool | undefined;
}

/**
 * Reads every tool file and checks it against the schema (`schema` carries the `@upstream`
 * metadata): a document that does not validate, or a mutation while MCP_ALLOW_MUTATIONS is off
 * (left out, not an error), never reaches a client. Throws ToolFileError, one line, on the first bad file.
 */
export function createToolCatalog(schema: GraphQLSchema, options: { readonly toolsDir: string | undefined; readonly allowMutations: boolean }): ToolCatalog {
  const tools = readToolFiles(options.toolsDir)
    .map((file) => analyseTool(schema, file))
    .filter((tool) => options.allowMutations || !tool.mutation);
  const byName = new Map(tools.map((t) => [t.name, t]));
  return { tools, get: (name) => byName.get(name) };
}

/** Field coordinates → entitlements, from every app that declares them (kFinance). */
const FIELD_ENTITLEMENTS: ReadonlyMap<string, { app: UpstreamApp; anyOf: readonly string[] }> = new Map(
  UPSTREAM_APPS.flatMap((app) => ('entitlements' in app && app.entitlements ? Object.entries(app.entitlements.fields).map(([coordinate, anyOf]) => [coordinate, { app: app.key, anyOf }] as const) : [])),
);

/** Validates one file and derives its scopes, entitlements and input schema by walking its fields. */
export function analyseTool(schema: GraphQLSchema, file: ToolFile): Tool {
  const errors = validate(schema, file.document);
  if (errors.length > 0) throw new ToolFileError(file.path, `does not validate against the schema: ${errors[0]!.message}`);
  const scopes = new Set<string>();
  const apps = new Set<UpstreamApp>();
  const entitlements = new Map<UpstreamApp, Array<readonly string[]>>();
  const argumentNotes: Record<string, string> = {};
  const fieldNotes: string[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    file.document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const upstream = field.extensions?.upstream as FieldUpstream | undefined;
        if (upstream) {
          scopes.add(callerScope(upstream));
          apps.add(upstream.app);
        }
        const needs = FIELD_ENTITLEMENTS.get(`${parent.name}.${field.name}`);
        if (needs) entitlements.set(needs.app, [...(entitlements.get(needs.app) ?? []), needs.anyOf]);
        // The top-level fields' descriptions say what the answer holds.
        if (parent === schema.getQueryType() || parent === schema.getMutationType()) {
          if (field.description) fieldNotes.push(`${field.name}: ${field.description}`);
        }
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (node.value.kind === Kind.VARIABLE && argument?.description && !argumentNotes[node.value.name.value]) {
          argumentNotes[node.value.name.value] = argument.description;
        }
      },
      ObjectField(node) {
        // An input object's field given a variable: its description describes the variable.
        const input = typeInfo.getInputType();
        const parent = typeInfo.getParentInputType();
        const named = parent ? getNamedType(parent) : undefined;
        const field = named && 'getFields' in named ? (named.getFields() as Record<string, { description?: string | null }>)[node.name.value] : undefined;
        if (input && node.value.kind === Kind.VARIABLE && field?.description && !argumentNotes[node.value.name.value]) argumentNotes[node.value.name.value] = field.description;
      },
    }),
  );
  const mutation = file.operation.operation === 'mutation';
  // The name in words ("annotate_text" → "Annotate text"): what a client shows a person.
  const title = file.name.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return {
    name: file.name,
    description: [file.description, ...(fieldNotes.length ? ['', 'Reads:', ...fieldNotes.map((n) => `- ${n}`)] : [])].join('\n'),
    path: file.path,
    app: file.app,
    query: print(file.document),
    operationName: file.operation.name?.value,
    mutation,
    inputSchema: variablesSchema(schema, file.operation.variableDefinitions ?? [], argumentNotes),
    scopes: [...scopes].sort(),
    apps: [...apps].sort(),
    entitlements,
    // Apollo's MCP server sets both hints from the operation type (queries read, mutations change).
    annotations: { title, readOnlyHint: !mutation, destructiveHint: mutation, idempotentHint: !mutation, openWorldHint: true },
  };
}

/** Whether `caller` holds every scope the tool's fields need ("*" holds all). */
export function callerMayUse(caller: Caller, tool: Tool): boolean {
  return caller.scopes.has('*') || tool.scopes.every((scope) => caller.scopes.has(scope));
}

/** Whether an account granted `granted` holds, for each entitled field, one of its entitlements. */
export function entitled(tool: Tool, app: UpstreamApp, granted: ReadonlySet<string>): boolean {
  return (tool.entitlements.get(app) ?? []).every((anyOf) => anyOf.some((p) => granted.has(p)));
}
