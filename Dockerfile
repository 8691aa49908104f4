# syntax=docker/dockerfile:1
# Kensho Gateway production image: compiled output (dist/) with production dependencies only,
# running as the unprivileged `node` user (uid 1000) of the official image.
#
#   docker build -t kensho-gateway:0.1.0 .
#   docker run --rm -p 4000:4000 --env-file gateway.env kensho-gateway:0.1.0
#
# The build stage runs the same commands as CI (.ci/run): `npm ci` then `npm run build`.
# Node 24 LTS by default; NODE_VERSION=22 builds the same image on Node 22 LTS.
ARG NODE_VERSION=24

# --- build: every dependency, TypeScript compiled to dist/ -------------------------------------
# `npm run build` compiles the simulator package (simulator/, a development dependency) too, so
# it is here; nothing of it reaches the runtime stage.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY simulator/package.json ./simulator/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schema ./schema
COPY src ./src
COPY simulator ./simulator
RUN npm run build

# --- deps: production dependencies only (no TypeScript, tsx, vitest, codegen) ------------------
# The simulator package and its PDF library are development dependencies: not installed here.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ----------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# Owned by root and not writable by the process: the gateway writes nothing but temporary
# upload spool files, which go to /tmp (mount a tmpfs/emptyDir there with a read-only root).
# The gateway only: without credentials it refuses to start (NODE_ENV=production), and the
# built-in simulator is not installed here.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time from dist/: ../schema/*.graphql (the SDL) and ../package.json (the version).
COPY package.json ./
COPY schema ./schema
USER node
EXPOSE 4000
# Liveness only (/healthz answers while the process serves); readiness (/readyz) also checks the
# cache and the credentials and belongs to the orchestrator's readiness probe. The slim image has
# no curl or wget: node's own fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node runs as PID 1 and handles SIGTERM itself (src/cli.ts installs the handler): it stops
# accepting, answers /readyz with 503, drains in-flight requests for up to 10 s, closes
# WebSockets with 1001 and exits 0. The gateway spawns no child processes in production, so no
# init is needed to reap zombies (`docker run --init` is harmless if your platform adds one).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/bin.js"]
CMD ["start"]
