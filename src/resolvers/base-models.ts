/** GatewayInfo is resolved from the running services; no parent value is needed. */
export type GatewayInfoModel = Record<string, never>;
