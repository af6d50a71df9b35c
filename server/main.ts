import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { config } from '../platform/config';
import { loadDomain } from '../platform/domain';
import { openIngestQueue, openPullQueue, openReportsQueue } from '../platform/queues';
import { componentLogger } from '../platform/logger';
import { onShutdown } from '../platform/shutdown';
import { openBlockingRedis, openServingRedis, redisReady } from '../platform/redis';
import { keys } from '../store/keys';
import { instanceId } from '../store/outbox.repo';
import { createApp } from './app';
import { ensureFirstAdmin } from './auth/first-admin';
import type { ServerContext } from './context';
import { ChangeRelay } from './realtime/relay';
import { createSocketServer } from './realtime/socket-server';
import { startReportRenderer } from './reports/renderer';
import { restoreReportSchedules } from './reports/schedules';
import { closeInspectionQueues } from './metrics/cluster-figures';

const cfg = config();
const log = componentLogger('server');
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const ctx: ServerContext = {
  config: cfg,
  // requests fail fast (503) while Redis is down instead of hanging until it returns
  redis: openServingRedis('server'),
  keys: keys(cfg.KEY_PREFIX),
  domain: loadDomain(),
  queue: openIngestQueue(),
  pulls: openPullQueue(),
  reports: openReportsQueue(),
  log,
  version,
  instance: '',
};

// a lost connection is logged once by platform/redis.ts; unheard, BullMQ would print every reconnect attempt
ctx.queue.on('error', () => undefined);
ctx.pulls.on('error', () => undefined);
ctx.reports.on('error', () => undefined);
await redisReady(ctx.redis);
ctx.instance = await instanceId(ctx.redis, ctx.keys);
const firstAdmin = await ensureFirstAdmin(ctx);
await restoreReportSchedules(ctx);
const http = createServer(createApp(ctx));
const io = createSocketServer(ctx, http);
const relay = new ChangeRelay(ctx, io, openBlockingRedis('relay'), cfg.DELTA_TICK_MS);
await relay.start();
let renderer: ReturnType<typeof startReportRenderer> | undefined;
http.listen(cfg.PORT, cfg.HOST, () => {
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : cfg.PORT;
  // the PDF renderer opens this server's own print page, so it starts once the port is known
  if (cfg.REPORT_RENDERER === 'on') renderer = startReportRenderer(ctx, port);
  log.info({ url: `http://${cfg.HOST}:${port}/` }, 'server listening');
  process.send?.({ type: 'listening', port, firstAdmin });
  if (firstAdmin && !process.send) log.warn({ username: firstAdmin.username, password: firstAdmin.password }, 'first admin created');
});

onShutdown(log, async () => {
  await renderer?.close();
  await relay.stop();
  io.close();
  // a browser's keep-alive connections would hold http.close() open (and its page would reconnect over them)
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeAllConnections();
  await closed;
  await ctx.queue.close();
  await ctx.pulls.close();
  await ctx.reports.close();
  await closeInspectionQueues();
  ctx.redis.disconnect();
});
