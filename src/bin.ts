#!/usr/bin/env node
import { ConfigError } from './config/load.js';
import { GatewayError } from './errors.js';
import { main } from './cli.js';

main(process.argv, process.env).catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof GatewayError ? error.message : `kensho-gateway: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
