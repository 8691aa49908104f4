/**
 * The transports the pipeline serves (graphql/pipeline.ts): each is a thin adapter that only
 * translates its protocol. Apart from the pipeline, so the operation record (which labels its
 * log line and metrics by transport) does not import the pipeline that imports it.
 */
export type TransportName = 'http' | 'websocket' | 'sse' | 'mcp';
