/**
 * Where the gateway is. Set VITE_GATEWAY_URL when you run `vite` or `vite build`
 * (e.g. VITE_GATEWAY_URL=https://gateway.example.com/graphql); the WebSocket URL for
 * subscriptions is the same path with ws:// or wss://.
 */
export const GATEWAY_URL: string = import.meta.env.VITE_GATEWAY_URL || 'http://127.0.0.1:4000/graphql';

export const GATEWAY_WS_URL: string = GATEWAY_URL.replace(/^http/, 'ws');
