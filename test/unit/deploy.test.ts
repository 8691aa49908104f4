/**
 * The deployment recipe (Dockerfile, compose.yaml, deploy/k8s/) checked against the code, since
 * no image can be built or cluster run here: every variable the files set is one the gateway
 * reads, the ports and probe paths are the server's, the image and pods run as non-root with
 * a read-only root and a writable /tmp, the shutdown budget covers the drain, the Dockerfile
 * builds with the commands CI runs, and the files' settings load as a valid production config.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigError, DEFAULTS, loadConfig } from '../../src/config/load.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Obj = Record<string, any>;

/** Every variable loadConfig reads, recorded by running it over an environment that logs reads. */
function variablesTheConfigReads(): Set<string> {
  const seen = new Set<string>();
  // Some variables are read only in some modes (API_KEYS in api-key mode, AUTH_JWKS_* in jwt
  // mode, CACHE_ALLOW_PLAINTEXT with a CACHE_URL and no key, AUTH_ALLOW_NONE off loopback).
  const scenarios: Record<string, string>[] = [{}, { HOST: '0.0.0.0' }, { AUTH_MODE: 'api-key' }, { AUTH_MODE: 'jwt' }, { CACHE_URL: 'redis://127.0.0.1:6379' }];
  for (const scenario of scenarios) {
    const env = new Proxy(scenario, {
      get(target, name) {
        if (typeof name === 'string') seen.add(name);
        return target[name as string];
      },
    });
    try {
      loadConfig(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  // The command line reads a few itself (NODE_ENV for the simulator decision, GATEWAY_DATA_DIR).
  for (const m of read('src/cli.ts').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) seen.add(m[1]!);
  return seen;
}

const CONFIG_VARIABLES = variablesTheConfigReads();

/** The paths the HTTP server routes (`case '/…'` in src/server/http.ts). */
const SERVER_PATHS = new Set([...read('src/server/http.ts').matchAll(/case '(\/[a-z]*)':/g)].map((m) => m[1]!));

/** The drain the SIGTERM handler waits for at most: `close(graceMs = …)` in src/server/http.ts. */
const DRAIN_SECONDS = (() => {
  const m = /close\(graceMs = ([\d_]+)\)/.exec(read('src/server/http.ts'));
  if (!m) throw new Error('src/server/http.ts: close(graceMs = …) not found; update this test');
  return Number(m[1]!.replace(/_/g, '')) / 1000;
})();

function yamlFile(path: string): Obj {
  return parse(read(path)) as Obj;
}

const K8S = 'deploy/k8s/';
const kustomization = yamlFile(`${K8S}kustomization.yaml`);
const k8sDocs: Obj[] = (kustomization.resources as string[]).flatMap((file) => parseAllDocuments(read(K8S + file)).map((d) => d.toJS() as Obj));
const byKind = (kind: string): Obj => {
  const found = k8sDocs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};
const deployment = byKind('Deployment');
const podSpec = deployment.spec.template.spec as Obj;
const container = (podSpec.containers as Obj[]).find((c) => c.name === 'gateway')!;
const configMap = byKind('ConfigMap');
const secretExample = yamlFile(`${K8S}secret.example.yaml`);
const compose = yamlFile('compose.yaml');
const gatewayService = compose.services.gateway as Obj;
const envExample = read('deploy/compose/gateway.env.example');
const dockerfile = read('Dockerfile');
const ciRun = read('.ci/run');

/** `KEY=value` lines of an env file; `# KEY=` lines are documented options and count too. */
function envFileNames(text: string): string[] {
  return [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
}

/** The Dockerfile's stages: name (or index) → its instructions, continuation lines joined. */
function dockerStages(text: string): { name: string; base: string; lines: string[] }[] {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: { name: string; base: string; lines: string[] }[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ base: from[1]!, name: from[2] ?? String(stages.length), lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}
const stages = dockerStages(dockerfile);
const runtimeStage = stages.at(-1)!;

const tmp = mkdtempSync(join(tmpdir(), 'deploy-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('environment variables in the recipe', () => {
  it('finds the variables the configuration reads (sanity check of the recorder)', () => {
    for (const name of ['PORT', 'HOST', 'NODE_ENV', 'CACHE_URL', 'CACHE_ENCRYPTION_KEY', 'API_KEYS', 'API_KEYS_FILE', 'AUTH_JWKS_URL', 'KENSHO_NERD_REFRESH_TOKEN', 'CACHE_ALLOW_PLAINTEXT', 'AUTH_ALLOW_NONE', 'GATEWAY_DATA_DIR']) {
      expect(CONFIG_VARIABLES, name).toContain(name);
    }
  });

  const sources: [string, () => string[]][] = [
    ['Dockerfile ENV', () => runtimeStage.lines.filter((l) => /^ENV\s/i.test(l)).flatMap((l) => [...l.slice(4).matchAll(/([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1]!))],
    ['compose.yaml gateway environment', () => Object.keys(gatewayService.environment as Obj)],
    ['deploy/compose/gateway.env.example', () => envFileNames(envExample)],
    ['deploy/k8s ConfigMap', () => Object.keys(configMap.data as Obj)],
    ['deploy/k8s Deployment env', () => (container.env as Obj[]).map((e) => e.name as string)],
    // Names in commented-out blocks are instructions to the reader: they must be real too.
    ['deploy/k8s/deployment.yaml comments', () => [...read(`${K8S}deployment.yaml`).matchAll(/#\s*- name: ([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!)],
  ];
  for (const [where, names] of sources) {
    it(`${where}: every variable is one the gateway reads`, () => {
      const list = names();
      expect(list.length, where).toBeGreaterThan(0);
      expect(list.filter((n) => !CONFIG_VARIABLES.has(n)), `${where} sets variables src/config/load.ts does not read`).toEqual([]);
    });
  }

  it('the compose env file provides CACHE_ENCRYPTION_KEY; compose sets CACHE_URL to its Redis', () => {
    expect(gatewayService.env_file).toEqual(['gateway.env']);
    expect(envFileNames(envExample)).toContain('CACHE_ENCRYPTION_KEY');
    expect(gatewayService.environment.CACHE_URL).toBe('redis://redis:6379');
    expect(Object.keys(compose.services)).toContain('redis');
    expect(gatewayService.depends_on.redis.condition).toBe('service_healthy');
  });

  it('git ignores the filled-in env file (where the guide copies it, and beside the example) but tracks the example', () => {
    // `git check-ignore` answers for paths that need not exist: exit 0 = ignored, 1 = not ignored.
    const ignoredByGit = (path: string) => {
      try {
        execFileSync('git', ['check-ignore', '--quiet', '--no-index', path], { cwd: ROOT, stdio: 'ignore' });
        return true;
      } catch (error) {
        if ((error as { status?: number }).status === 1) return false;
        throw error;
      }
    };
    for (const copy of ['gateway.env', 'deploy/compose/gateway.env']) expect(ignoredByGit(copy), `${copy} is git-ignored`).toBe(true);
    expect(ignoredByGit('deploy/compose/gateway.env.example'), 'the example stays tracked').toBe(false);
    expect(envExample, 'the example says where the copy goes').toMatch(/copy to \.\/gateway\.env \(ignored by \.gitignore/);
  });

  it('Kubernetes takes the cache URL, the cache encryption key and the keys from the Secret, every key of which the example shows', () => {
    const fromSecret: Record<string, Obj> = Object.fromEntries((container.env as Obj[]).filter((e) => e.valueFrom?.secretKeyRef).map((e) => [e.name, e.valueFrom.secretKeyRef]));
    for (const name of ['CACHE_URL', 'CACHE_ENCRYPTION_KEY', 'KENSHO_CLIENT_ID']) expect(fromSecret, name).toHaveProperty(name);
    const secretVolume = (podSpec.volumes as Obj[]).find((v) => v.secret)!;
    const keys = [...Object.values(fromSecret).map((ref) => ref.key as string), ...(secretVolume.secret.items as Obj[]).map((i) => i.key as string)];
    for (const ref of [...Object.values(fromSecret), secretVolume.secret]) expect((ref as Obj).name ?? (ref as Obj).secretName).toBe(secretExample.metadata.name);
    expect(keys.filter((k) => !(k in secretExample.stringData)), 'keys missing from secret.example.yaml').toEqual([]);
    // Files the ConfigMap points at are the Secret volume's items.
    const mount = (container.volumeMounts as Obj[]).find((m) => m.name === secretVolume.name)!;
    for (const name of ['KENSHO_PRIVATE_KEY_FILE', 'API_KEYS_FILE']) {
      const item = (secretVolume.secret.items as Obj[]).find((i) => `${mount.mountPath}/${i.path}` === configMap.data[name]);
      expect(item, `${name}=${configMap.data[name]} is not a file of the Secret volume`).toBeDefined();
    }
    expect(secretExample.kind).toBe('Secret');
    expect(kustomization.resources, 'the example Secret must not be applied').not.toContain('secret.example.yaml');
  });
});

describe('ports and probes', () => {
  it('the server routes the probe paths', () => {
    for (const path of ['/graphql', '/healthz', '/readyz', '/metrics']) expect(SERVER_PATHS).toContain(path);
  });

  it('Kubernetes: readiness on /readyz, liveness and startup on /healthz, all on the container port the gateway listens on', () => {
    const port = Number(configMap.data.PORT);
    expect(port).toBe(DEFAULTS.PORT);
    const named = Object.fromEntries((container.ports as Obj[]).map((p) => [p.name, p.containerPort]));
    expect(named.http).toBe(port);
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(SERVER_PATHS).toContain(probe.httpGet.path);
      const p = probe.httpGet.port;
      expect(typeof p === 'number' ? p : named[p]).toBe(port);
    }
    expect(configMap.data.HOST, 'a pod must listen beyond loopback').toBe('0.0.0.0');
    const service = byKind('Service');
    expect(service.spec.ports[0].targetPort === 'http' || service.spec.ports[0].targetPort === port).toBe(true);
  });

  it('Dockerfile: listens on 0.0.0.0:4000, exposes it and health-checks /healthz on it', () => {
    const env = runtimeStage.lines.filter((l) => /^ENV\s/i.test(l)).join(' ');
    expect(env).toMatch(/\bPORT=4000\b/);
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(runtimeStage.lines).toContain(`EXPOSE ${DEFAULTS.PORT}`);
    const healthcheck = runtimeStage.lines.find((l) => l.startsWith('HEALTHCHECK'));
    expect(healthcheck).toMatch(/\/healthz/);
    expect(healthcheck).toMatch(/process\.env\.PORT\|\|4000/);
  });

  it('compose: the gateway listens on 4000 inside, nginx balances over the replicas on that port', () => {
    expect(gatewayService.environment.PORT).toBe(String(DEFAULTS.PORT));
    expect(gatewayService.environment.HOST).toBe('0.0.0.0');
    expect(gatewayService.deploy.replicas).toBe(3);
    const nginx = read('deploy/compose/nginx.conf');
    expect(nginx).toMatch(new RegExp(`server gateway:${DEFAULTS.PORT}\\b`));
    expect(nginx, 'WebSocket upgrade for graphql-ws').toMatch(/proxy_set_header Upgrade \$http_upgrade/);
    expect(compose.services.lb.volumes[0]).toMatch(/^\.\/deploy\/compose\/nginx\.conf:/);
  });
});

describe('monitoring in the compose recipe: Prometheus scrapes every replica, Grafana shows the dashboard', () => {
  const services = compose.services as Obj;
  const prometheus = services.prometheus as Obj;
  const grafana = services.grafana as Obj;
  /** A compose volume `host:container[:ro]` whose host side is `host`: its container side. */
  const mountOf = (service: Obj, host: string): string | undefined =>
    (service.volumes as string[]).map((v) => v.split(':')).find(([from]) => from === host)?.[1];
  const promConfig = yamlFile('deploy/compose/prometheus.yml');
  const datasources = yamlFile('deploy/grafana/provisioning/datasources/prometheus.yaml');
  const providers = yamlFile('deploy/grafana/provisioning/dashboards/kensho-gateway.yaml');
  const dashboard = JSON.parse(read('deploy/grafana/kensho-gateway.json')) as Obj;

  it('runs pinned Prometheus and Grafana images, reachable from this machine only', () => {
    for (const service of [prometheus, grafana]) {
      expect(service.image).toMatch(/:v?\d+\.\d+\.\d+$/);
      for (const port of service.ports as string[]) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
    for (const volume of ['prometheus-data', 'grafana-data']) expect(compose.volumes).toHaveProperty(volume);
  });

  it('Prometheus loads deploy/compose/prometheus.yml, which scrapes /metrics on every gateway replica at the port it listens on', () => {
    const configPath = (prometheus.command as string[]).find((a) => a.startsWith('--config.file='))!.split('=')[1];
    expect(mountOf(prometheus, './deploy/compose/prometheus.yml')).toBe(configPath);
    const job = (promConfig.scrape_configs as Obj[]).find((j) => j.job_name === 'kensho-gateway')!;
    expect(SERVER_PATHS).toContain(job.metrics_path);
    const sd = (job.dns_sd_configs as Obj[])[0]!;
    expect(sd.names).toEqual(['gateway']);
    expect(Object.keys(services)).toContain('gateway');
    expect(String(sd.port)).toBe(gatewayService.environment.PORT);
    // A METRICS_TOKEN in gateway.env needs the commented block: it must name the setting.
    expect(read('deploy/compose/prometheus.yml')).toMatch(/METRICS_TOKEN[\s\S]*# authorization:/);
  });

  it('Grafana is provisioned with that Prometheus and the dashboard file', () => {
    expect(mountOf(grafana, './deploy/grafana/provisioning')).toBe('/etc/grafana/provisioning');
    const [source] = datasources.datasources as Obj[];
    expect(source!.type).toBe('prometheus');
    const promPort = (prometheus.ports as string[])[0]!.split(':').at(-1);
    expect(source!.url).toBe(`http://prometheus:${promPort}`);
    const [provider] = providers.providers as Obj[];
    const dashboardMount = mountOf(grafana, './deploy/grafana/kensho-gateway.json')!;
    expect(dashboardMount).toBe(`${provider!.options.path}/kensho-gateway.json`);
  });

  it('the dashboard imports anywhere: its data source is a variable, never a fixed uid', () => {
    expect(dashboard.uid).toBe('kensho-gateway');
    const variable = (dashboard.templating.list as Obj[]).find((v) => v.type === 'datasource')!;
    expect(variable.query).toBe('prometheus');
    const panels = (dashboard.panels as Obj[]).filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThan(15);
    for (const panel of panels) {
      expect(panel.datasource.uid, panel.title).toBe(`\${${variable.name}}`);
      for (const target of panel.targets as Obj[]) expect(target.datasource.uid, panel.title).toBe(`\${${variable.name}}`);
    }
  });
});

describe('non-root, read-only root, writable /tmp', () => {
  it('the image runs as the unprivileged node user', () => {
    const user = runtimeStage.lines.filter((l) => /^USER\s/i.test(l)).at(-1);
    expect(user).toBe('USER node');
  });

  it('pods run as non-root with a read-only root filesystem and an emptyDir on /tmp', () => {
    expect(podSpec.securityContext.runAsNonRoot).toBe(true);
    expect(podSpec.securityContext.runAsUser).toBeGreaterThan(0);
    // uid 1000 is the official node image's `node` user, the image's USER.
    expect(container.securityContext.runAsUser ?? podSpec.securityContext.runAsUser).toBe(1000);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.securityContext.capabilities.drop).toEqual(['ALL']);
    const tmpMount = (container.volumeMounts as Obj[]).find((m) => m.mountPath === '/tmp');
    expect(tmpMount).toBeDefined();
    expect((podSpec.volumes as Obj[]).find((v) => v.name === tmpMount!.name)?.emptyDir).toBeDefined();
    expect(podSpec.automountServiceAccountToken).toBe(false);
  });

  it('compose runs the gateway read-only with a tmpfs on /tmp', () => {
    expect(gatewayService.read_only).toBe(true);
    expect(gatewayService.tmpfs).toContain('/tmp');
  });
});

describe('shutdown', () => {
  it('Kubernetes: preStop delay plus the gateway drain fit in terminationGracePeriodSeconds', () => {
    const command = container.lifecycle.preStop.exec.command as string[];
    expect(command[0]).toBe('sleep');
    const preStop = Number(command[1]);
    expect(preStop).toBeGreaterThan(0);
    expect(podSpec.terminationGracePeriodSeconds).toBeGreaterThan(preStop + DRAIN_SECONDS);
  });

  it('Dockerfile and compose stop with SIGTERM and leave the drain its time', () => {
    expect(runtimeStage.lines).toContain('STOPSIGNAL SIGTERM');
    // node itself is PID 1: the entrypoint is node, not a shell that would swallow the signal.
    expect(runtimeStage.lines).toContain('ENTRYPOINT ["node", "dist/bin.js"]');
    expect(runtimeStage.lines).toContain('CMD ["start"]');
    expect(gatewayService.stop_signal).toBe('SIGTERM');
    expect(Number(/^(\d+)s$/.exec(gatewayService.stop_grace_period)![1])).toBeGreaterThan(DRAIN_SECONDS);
  });

  it('scaling keeps replicas: HPA minimum, PDB and rolling update agree', () => {
    const hpa = byKind('HorizontalPodAutoscaler');
    const pdb = byKind('PodDisruptionBudget');
    const labels = deployment.spec.template.metadata.labels as Obj;
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
    for (const selector of [pdb.spec.selector.matchLabels, deployment.spec.selector.matchLabels, byKind('Service').spec.selector]) {
      expect(labels).toMatchObject(selector as Obj);
    }
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits.memory).toEqual(expect.any(String));
    expect((container.envFrom as Obj[])[0]!.configMapRef.name).toBe(configMap.metadata.name);
  });
});

describe('the Dockerfile builds as CI does', () => {
  const build = stages.find((s) => s.name === 'build')!;
  const runs = (stage: { lines: string[] }) => stage.lines.filter((l) => l.startsWith('RUN ')).map((l) => l.slice(4));

  it('the build stage runs npm ci and npm run build, exactly as .ci/run does', () => {
    expect(runs(build)).toEqual(['npm ci --no-audit --no-fund', 'npm run build']);
    const ciLines = ciRun.split('\n').map((l) => l.trim());
    for (const command of runs(build)) expect(ciLines.some((l) => l.startsWith(command)), `.ci/run does not run "${command}"`).toBe(true);
  });

  it('the runtime stage holds the compiled output, production dependencies and the files dist/ reads at run time', () => {
    expect(runtimeStage.lines).toContain('COPY --from=build /app/dist ./dist');
    expect(runtimeStage.lines).toContain('COPY --from=deps /app/node_modules ./node_modules');
    const deps = stages.find((s) => s.name === 'deps')!;
    expect(runs(deps)[0]).toMatch(/^npm ci --omit=dev\b/);
    expect(runtimeStage.lines.some((l) => /^COPY (src|test)\b/.test(l))).toBe(false);
    // dist/schema/load.js reads ../../schema/ (= /app/schema) and dist/gateway.js ../package.json.
    expect(read('src/schema/load.ts')).toContain("new URL('../../schema/', import.meta.url)");
    expect(read('src/gateway.ts')).toContain("new URL('../package.json', import.meta.url)");
    expect(runtimeStage.lines).toContain('COPY schema ./schema');
    expect(runtimeStage.lines).toContain('COPY package.json ./');
    expect(runtimeStage.lines).toContain('WORKDIR /app');
  });

  it('copies only files that exist and .dockerignore keeps', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const line of stages.flatMap((s) => s.lines).filter((l) => /^COPY\s/.test(l) && !l.includes('--from='))) {
      const parts = line.split(/\s+/).slice(1, -1);
      for (const source of parts) {
        expect(existsSync(join(ROOT, source)), `${source} (${line})`).toBe(true);
        expect(ignored, `${source} is in .dockerignore`).not.toContain(source);
      }
    }
    for (const secretish of ['node_modules', 'dist', '.data', 'keys', '*.pem', '*.env']) expect(ignored).toContain(secretish);
  });

  it('runs on a Node major that package.json engines supports', () => {
    const nodeVersion = /^ARG NODE_VERSION=(\d+)$/m.exec(dockerfile)?.[1];
    expect(nodeVersion).toBe('24');
    for (const stage of stages) expect(stage.base).toBe('node:${NODE_VERSION}-bookworm-slim');
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(new RegExp(`>=${nodeVersion}\\.0\\.0`));
  });
});

describe('the recipe loads as a valid production configuration', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const keyFile = join(tmp, 'kensho-private.pem');
  writeFileSync(keyFile, pem);
  const apiKeys = JSON.stringify([{ name: 'deploy-test', sha256: 'a'.repeat(64), scopes: ['*'] }]);
  const apiKeysFile = join(tmp, 'api-keys.json');
  writeFileSync(apiKeysFile, apiKeys);
  const cacheKey = randomBytes(32).toString('base64');

  it('Kubernetes: the ConfigMap plus the Secret give a production config with Redis and API keys', () => {
    const secretValues: Record<string, string> = { 'cache-url': 'rediss://:pw@redis.example.internal:6380', 'cache-encryption-key': cacheKey, 'kensho-client-id': '0oa-deploy-test', 'metrics-token': 'm'.repeat(32) };
    const env: Record<string, string> = { ...(configMap.data as Record<string, string>) };
    for (const e of container.env as Obj[]) env[e.name] = e.value ?? secretValues[e.valueFrom.secretKeyRef.key]!;
    // The Secret volume's files, written here instead of under /var/run/secrets.
    env.KENSHO_PRIVATE_KEY_FILE = keyFile;
    env.API_KEYS_FILE = apiKeysFile;
    const config = loadConfig(env);
    expect(config.production).toBe(true);
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(DEFAULTS.PORT);
    expect(config.auth.mode).toBe('api-key');
    expect(config.cacheUrl).toMatch(/^rediss:/);
    expect(config.cacheEncryptionKey).toHaveLength(32);
    expect(config.kensho.keyPair?.clientId).toBe('0oa-deploy-test');
    expect(config.server.playground).toBe(false);
  });

  it('compose: its environment plus a filled-in gateway.env give a production config with Redis', () => {
    const fromFile = Object.fromEntries([...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    const env: Record<string, string> = { ...fromFile, ...(gatewayService.environment as Record<string, string>) };
    Object.assign(env, { CACHE_ENCRYPTION_KEY: cacheKey, API_KEYS: apiKeys, KENSHO_CLIENT_ID: '0oa-deploy-test', KENSHO_PRIVATE_KEY_FILE: keyFile });
    const config = loadConfig(env);
    expect(config.production).toBe(true);
    expect(config.cacheUrl).toBe('redis://redis:6379');
    expect(config.cacheEncryptionKey).toHaveLength(32);
    expect(config.auth.mode).toBe('api-key');
    // The compose secret is where KENSHO_PRIVATE_KEY_FILE points.
    expect(gatewayService.environment.KENSHO_PRIVATE_KEY_FILE).toBe(`/run/secrets/${gatewayService.secrets[0]}`);
  });

  it('compose: the env file as shipped is refused until filled in (no silent insecure defaults)', () => {
    const fromFile = Object.fromEntries([...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(() => loadConfig({ ...fromFile, ...(gatewayService.environment as Record<string, string>), KENSHO_PRIVATE_KEY_FILE: keyFile })).toThrow(/CACHE_ENCRYPTION_KEY|API_KEYS|KENSHO/);
  });
});
