import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../auth/inbound/caller.js';
import { UPSTREAM_APPS, type UpstreamApp } from '../apps/registry.js';
import { OperationCancelledError } from '../errors.js';
import { VERSION, type Gateway } from '../gateway.js';
import type { RequestHeaders } from '../graphql/pipeline.js';
import { AdmissionFailed } from '../graphql/pipeline.js';
import { callerMayUse, entitled, type Tool } from './catalog.js';
import { errorResult, toolResult } from './tool-result.js';

/** Who the MCP server serves: the authenticated caller and what its requests carry (credentials, address). */
export interface McpCaller {
  readonly caller: Caller;
  /** Forwarded to the pipeline with every tool call: it authenticates and rate-limits each. */
  readonly headers: RequestHeaders;
  readonly remoteAddress: string | undefined;
}

const INSTRUCTIONS =
  "Tools over Kensho's apps (NERD, kFinance, Link, Scribe) and Skykit. kFinance tools take Capital IQ company ids: find them with resolve_companies first. Each answer carries `provenance`: where each piece came from and how old it is.";

/**
 * An MCP server (the SDK's low-level `Server`: tools whose list depends on the caller, which the
 * high-level `McpServer` registers once for all) serving the gateway's tools to one caller. Both
 * transports build one: Streamable HTTP per request, stdio once per process. Every tool call is
 * one operation of the pipeline (`gateway.handle`, transport `mcp`): authentication, rate limit,
 * limits, field authorization, log line, metrics and span, as for /graphql.
 */
export function createMcpServer(gateway: Gateway, who: McpCaller): McpGatewayServer {
  const server = new Server({ name: 'kensho-gateway', title: 'Kensho Gateway', version: VERSION }, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS });
  const work = new InFlight();
  server.setRequestHandler(ListToolsRequestSchema, (_request, extra) =>
    work.track(async () => {
      const tools = await visibleTools(gateway, who.caller, extra.signal);
      return { tools: tools.map(describe) };
    }),
  );
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    work.track(async () => {
      const tool = gateway.tools.get(request.params.name);
      if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
      return callTool(gateway, who, tool, request.params.arguments ?? {}, extra.signal);
    }),
  );
  return Object.assign(server, { idle: () => work.idle() });
}

/** The MCP server, and a promise of the moment none of its requests is running (stdio closes then). */
export type McpGatewayServer = Server & { idle(): Promise<void> };

/** Counts the requests being answered, so a client that half-closes its end still gets their answers. */
class InFlight {
  private running = 0;
  private waiters: Array<() => void> = [];

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** The tool as tools/list shows it. */
function describe(tool: Tool): McpTool {
  return { name: tool.name, title: tool.annotations.title, description: tool.description, inputSchema: tool.inputSchema as McpTool['inputSchema'], annotations: tool.annotations, _meta: { 'kensho-gateway/scopes': tool.scopes } };
}

/**
 * Runs the tool's operation through the pipeline with the caller's own headers, asking for the
 * answer's provenance and holding it to the tool's budget of upstream calls.
 */
export async function callTool(gateway: Gateway, who: McpCaller, tool: Tool, args: Record<string, unknown>, cancelled: AbortSignal): Promise<CallToolResult> {
  const requestId = randomUUID();
  const controller = new AbortController();
  const abort = () => controller.abort(new OperationCancelledError('the MCP client cancelled the tool call'));
  if (cancelled.aborted) abort();
  else cancelled.addEventListener('abort', abort, { once: true });
  try {
    const answer = await gateway.handle({
      transport: 'mcp',
      requestId,
      headers: who.headers,
      remoteAddress: who.remoteAddress,
      signal: controller.signal,
      maxUpstreamCalls: gateway.config.mcp.toolMaxUpstreamCalls,
      // A tool's document is one of the gateway's own tool files, checked at start: with
      // TRUSTED_DOCUMENTS=require the caller still sends no text, only the tool's arguments.
      ownDocument: true,
      params: { query: tool.query, operationName: tool.operationName ?? null, variables: args, extensions: { provenance: true } },
    });
    return toolResult(answer, requestId);
  } catch (error) {
    // Admission failing oddly (not a refusal of the vocabulary): masked, as HTTP masks it.
    gateway.logger.error({ requestId, err: { message: error instanceof AdmissionFailed ? error.message : String(error) } }, 'MCP tool call failed');
    return errorResult([{ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', requestId }], undefined);
  } finally {
    cancelled.removeEventListener('abort', abort);
  }
}

/**
 * The tools this caller can use: its scopes allow every field the tool reads, the tool's apps are
 * configured, and the account holds the entitlements its fields need (kFinance's
 * `/users/permissions`, read with the app's own token and cached by its client). Entitlements
 * that cannot be read right now hide nothing: the call itself then says what is wrong.
 */
export async function visibleTools(gateway: Gateway, caller: Caller, signal: AbortSignal): Promise<Tool[]> {
  const candidates = gateway.tools.tools.filter((tool) => callerMayUse(caller, tool) && tool.apps.every((app) => gateway.services.notConfigured(app) === undefined));
  const granted = new Map<UpstreamApp, ReadonlySet<string> | undefined>();
  for (const app of UPSTREAM_APPS) {
    if (!('entitlements' in app) || !app.entitlements) continue;
    if (!candidates.some((tool) => tool.entitlements.has(app.key))) continue;
    const read = app.entitlements.granted as (parts: unknown, signal?: AbortSignal) => Promise<ReadonlySet<string>>;
    granted.set(
      app.key,
      await read(gateway.services, signal).catch((error: unknown) => {
        gateway.logger.warn({ app: app.key, err: { message: (error as Error)?.message } }, 'MCP: entitlements could not be read; tools are listed unfiltered');
        return undefined;
      }),
    );
  }
  return candidates.filter((tool) => [...tool.entitlements.keys()].every((app) => {
    const held = granted.get(app);
    return held === undefined || entitled(tool, app, held);
  }));
}
