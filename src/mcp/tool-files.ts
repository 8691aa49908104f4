import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { UPSTREAM_APPS } from '../apps/registry.js';

/** A tool document that cannot serve: startup stops with this one line. */
export class ToolFileError extends Error {
  constructor(file: string, reason: string) {
    super(`MCP tool ${file}: ${reason}`);
    this.name = 'ToolFileError';
  }
}

/** One tool as its file says it: name, description, operation. */
export interface ToolFile {
  /** The file's name without `.graphql`: the tool's name ("annotate_text"). */
  readonly name: string;
  /** Where it came from (messages, docs): `src/apps/nerd/tools/annotate_text.graphql` or the deployment's folder. */
  readonly path: string;
  /** The app whose folder holds it; undefined for a deployment's own tools (MCP_TOOLS_DIR). */
  readonly app: string | undefined;
  /** The leading `#` comment lines, the tool's description for the model. */
  readonly description: string;
  readonly source: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
}

/** MCP tool names: letters, digits, `_` and `-`, at most 64 (what clients accept everywhere). */
const TOOL_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/**
 * Every tool file: each app's `tools/` folder (the registry's `tools` URL), then the deployment's
 * own folder. As Apollo's MCP server does, one operation per `.graphql` file, described by the
 * comment before it; a name used twice is refused, never silently shadowed.
 */
export function readToolFiles(extraDir: string | undefined): ToolFile[] {
  const files: ToolFile[] = [];
  for (const app of UPSTREAM_APPS) {
    if (!('tools' in app) || !app.tools) continue;
    const dir = fileURLToPath(app.tools);
    for (const file of graphqlFiles(dir)) files.push(readToolFile(join(dir, file), app.key));
  }
  if (extraDir !== undefined) {
    if (!existsSync(extraDir) || !statSync(extraDir).isDirectory()) throw new ToolFileError(extraDir, 'MCP_TOOLS_DIR is not a readable folder');
    for (const file of graphqlFiles(extraDir)) files.push(readToolFile(join(extraDir, file), undefined));
  }
  const seen = new Map<string, string>();
  for (const file of files) {
    const other = seen.get(file.name);
    if (other) throw new ToolFileError(file.path, `the tool name "${file.name}" is already taken by ${other}`);
    seen.set(file.name, file.path);
  }
  return files;
}

function graphqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
}

/** Reads and parses one file; refuses what cannot be one tool. */
export function readToolFile(path: string, app: string | undefined): ToolFile {
  const name = basename(path, '.graphql');
  if (!TOOL_NAME.test(name)) throw new ToolFileError(path, `the file name must be the tool's name: lowercase letters, digits, _ or -, at most 64 (${TOOL_NAME.source})`);
  const source = readFileSync(path, 'utf8');
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    throw new ToolFileError(path, `not a GraphQL document (${(error as Error).message.split('\n')[0]})`);
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw new ToolFileError(path, `holds ${operations.length} operations; a tool is exactly one`);
  const operation = operations[0]!;
  if (operation.operation === 'subscription') throw new ToolFileError(path, 'a subscription cannot be a tool (a tool call has one answer)');
  const description = leadingComment(source);
  if (!description) throw new ToolFileError(path, 'has no description: start the file with # comment lines saying what the tool does');
  return { name, path, app, description, source, document, operation };
}

/** The `#` lines at the top of the file, without the `#`, as one text. */
function leadingComment(source: string): string {
  const lines: string[] = [];
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' && lines.length === 0) continue;
    if (!trimmed.startsWith('#')) break;
    lines.push(trimmed.replace(/^#\s?/, ''));
  }
  return lines.join('\n').trim();
}
