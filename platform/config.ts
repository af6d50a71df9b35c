import { isIP } from 'node:net';
import { z } from 'zod';
import { isAdministrativeCode, isProvinceCode } from '../core/units/unit-code';

/**
 * The only reader of process.env. Parsed and frozen once; a bad value stops the process with a message naming it.
 * Every variable is documented in README.md (keep the table in step with this schema).
 */
const onOff = z.enum(['on', 'off']);
const trustedProxy = (p: string): boolean => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(p)) return true;
  const [ip, bits, extra] = p.split('/');
  const family = isIP(ip ?? '');
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};
/** An optional variable that is set but empty counts as not set. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
/** `name@host`, or `Display name <name@host>`. */
const mailbox = /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

/** `host:port,host:port,…` (Sentinel or Cluster seed nodes), parsed to a list; a bad entry is refused by name. */
const hostPortList = z
  .string()
  .transform((s, ctx) => {
    const nodes: { host: string; port: number }[] = [];
    for (const part of s.split(',').map((p) => p.trim())) {
      const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(part);
      const port = Number(m?.[2]);
      if (!m || port < 1 || port > 65535) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not host:port (a list: host:port,host:port,…)` });
        return z.NEVER;
      }
      nodes.push({ host: m[1]!.replace(/^\[|\]$/g, ''), port });
    }
    return nodes;
  });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /**
   * Which reverse proxies' X-Forwarded-For the server believes (Express's `trust proxy`): loopback, linklocal,
   * uniquelocal, addresses and CIDR ranges, comma-separated. The client address it yields keys the rate limits.
   */
  TRUST_PROXY: z
    .string()
    .refine((v) => v.split(',').every((p) => trustedProxy(p.trim())), 'loopback, linklocal, uniquelocal, IP addresses or CIDR ranges, comma-separated')
    .default('loopback'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** High availability (docs/redis.md): the sentinels to ask for the primary named REDIS_SENTINEL_NAME; REDIS_URL is then unused. */
  REDIS_SENTINELS: optional(hostPortList),
  REDIS_SENTINEL_NAME: z.string().min(1).default('mymaster'),
  /** Redis Cluster (docs/redis.md): seed nodes of the cluster; REDIS_URL is then unused. */
  REDIS_CLUSTER: optional(hostPortList),
  /** Replicas that must hold an ingest batch before its receipt goes out (WAIT), and how long to wait for them. */
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(16).default(0),
  REDIS_WAIT_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(1000),
  KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and -')
    .default('main'),
  SIMULATOR: onOff.default('on'),
  /** Where the simulator posts: this server by default. */
  INGEST_URL: optional(z.string().url()),
  SIMULATOR_RATE: z.coerce.number().positive().max(200_000).default(500),
  SIMULATOR_LATE_PROVINCE: z.string().refine((v) => isProvinceCode(v) || v === 'auto' || v === 'none', 'a province code, auto or none').default('auto'),
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Connector pulls one worker process runs at once (each connector's own pulls are one at a time). */
  PULL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Change-stream entries kept at most (a memory cap), and for how long (the reconnect-replay window). */
  CHANGES_MAXLEN: z.coerce.number().int().min(100).max(1_000_000).default(50_000),
  CHANGES_WINDOW_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(600_000),
  /** Days a past day's map (latest values, rollups) is kept, and corrections to it accepted (core/time/period-keep.ts). */
  PERIOD_KEEP_DAYS: z.coerce.number().int().min(2).max(730).default(35),
  /** Days closed alerts, the alert history and ended silences are kept (workers/maintenance/alert-pruner.ts). */
  ALERT_KEEP_DAYS: z.coerce.number().min(0.001).max(3650).default(90),
  /** How often the worker holding the pruner's lease looks for expired periods. */
  PRUNE_EVERY_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  DELTA_TICK_MS: z.coerce.number().int().min(20).max(5000).default(100),
  MAPS_SRC: optional(z.string()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
  /** The built dashboard the server serves (vite build's outDir). */
  CLIENT_DIR: z.string().default('dist/client'),
  /** The first admin's password; when absent, the first start makes a one-time password and prints it. */
  ADMIN_PASSWORD: optional(z.string().min(12, 'at least 12 characters')),
  /** Federation (docs/federation.md): the IOC one level up, and the link token it issued for this instance's scope. */
  UPSTREAM_URL: optional(z.string().url()),
  UPSTREAM_TOKEN: optional(z.string().min(20).max(200)),
  /** Outbox entries (one per applied batch) kept for the upstream link; past it, a snapshot replaces the history. */
  OUTBOX_MAXLEN: z.coerce.number().int().min(1).max(10_000_000).default(200_000),
  /** A link with nothing through it for this long is down (both sides). */
  LINK_DOWN_MS: z.coerce.number().int().min(5_000).max(86_400_000).default(60_000),
  /** The simulator plays only this unit's subtree (a provincial instance: its province and communes); VN for all. */
  SIMULATOR_SCOPE: z.string().refine(isAdministrativeCode, 'VN, a province or a commune code').default('VN'),
  /** Reports (docs/reports.md): the dashboard the renderer opens (default this server), Chromium, retention, caps. */
  REPORT_BASE_URL: optional(z.string().url()),
  /** The address people reach this dashboard at, for links sent out (a report's download URL); REPORT_BASE_URL when unset. */
  PUBLIC_URL: optional(z.string().url()),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  REPORT_KEEP_DAYS: z.coerce.number().min(0.0001).max(3650).default(30),
  REPORT_MAX_BYTES: z.coerce.number().int().min(10_000).max(64_000_000).default(8_000_000),
  REPORT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(90_000),
  REPORT_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Report requests one user may make per minute (each is a Chromium render). */
  REPORT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** The reports renderer in this server process: `on`, or `off` where another process renders. */
  REPORT_RENDERER: onOff.default('on'),
  /** Days of history the simulator plays into the series on a data set's first start (0: none). */
  SIMULATOR_BACKFILL_DAYS: z.coerce.number().int().min(0).max(90).default(30),
  /** `production` makes webhook contact points https only (unless WEBHOOK_ALLOW_HTTP=on). */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Webhook contact points over plain http in production (a gateway on a closed network). */
  WEBHOOK_ALLOW_HTTP: onOff.default('off'),
  /** E-mail delivery (docs/api.md "Contact points"): the SMTP server, `smtp://user:pass@host:port` or `smtps://…`. */
  SMTP_URL: optional(
    z
      .string()
      .url()
      .refine((u) => /^smtps?:\/\/[^/?#]/.test(u), 'an smtp:// or smtps:// URL'),
  ),
  /** The sender of alert mails: `canh-bao@ioc.example.vn` or `IOC Đà Nẵng <canh-bao@ioc.example.vn>`. */
  SMTP_FROM: optional(z.string().refine((v) => mailbox.test(v.trim()), 'an address, or a name and <address>')),
  /** The Prometheus scraper's bearer token for GET /metrics (docs/operations.md); unset: admins' sessions only. */
  METRICS_TOKEN: optional(z.string().min(20, 'at least 20 characters').max(200)),
  /** How often each worker process reports its heartbeat (and its apply figures); silent for 3 beats is missing. */
  HEARTBEAT_MS: z.coerce.number().int().min(200).max(60_000).default(5000),
  /** A scheduled job (connector pull, report schedule, period pruner) is late past its own interval plus this. */
  SCHEDULE_GRACE_MS: z.coerce.number().int().min(1000).max(86_400_000).default(120_000),
});

export type Config = Readonly<z.infer<typeof schema>>;

function checkUpstream(c: Config): void {
  if ((c.UPSTREAM_URL === undefined) !== (c.UPSTREAM_TOKEN === undefined)) {
    throw new ConfigError('invalid configuration:\n  UPSTREAM_URL and UPSTREAM_TOKEN: set both (a federation link) or neither');
  }
}

function checkMail(c: Config): void {
  if ((c.SMTP_URL === undefined) !== (c.SMTP_FROM === undefined)) {
    throw new ConfigError('invalid configuration:\n  SMTP_URL and SMTP_FROM: set both (e-mail delivery) or neither');
  }
}

/** Webhook URLs must be https: production, unless WEBHOOK_ALLOW_HTTP=on. */
export function webhooksHttpsOnly(c: Pick<Config, 'NODE_ENV' | 'WEBHOOK_ALLOW_HTTP'>): boolean {
  return c.NODE_ENV === 'production' && c.WEBHOOK_ALLOW_HTTP === 'off';
}

function checkRedisTopology(c: Config): void {
  if (c.REDIS_SENTINELS && c.REDIS_CLUSTER) {
    throw new ConfigError('invalid configuration:\n  REDIS_SENTINELS and REDIS_CLUSTER: set one (Sentinel or Cluster) or neither');
  }
  if (c.REDIS_CLUSTER && c.REDIS_WAIT_REPLICAS > 0) {
    // WAIT names no key: a Cluster client would send it to any primary, not the one that took the job
    throw new ConfigError('invalid configuration:\n  REDIS_WAIT_REPLICAS: not with REDIS_CLUSTER (use Sentinel, or 0)');
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  checkUpstream(result.data);
  checkRedisTopology(result.data);
  checkMail(result.data);
  return Object.freeze(result.data);
}

let cached: Config | undefined;

/** The process configuration, parsed from process.env on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
