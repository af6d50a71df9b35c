import { openNotifyQueue, startReportsWorker } from '../../platform/queues';
import type { ServerContext } from '../context';
import { renderProcessor } from './render.processor';
import { recordHeartbeat } from '../../store/heartbeats.repo';

/** The address this server is reached at from itself: its HOST, or loopback when it listens on every address. */
export function ownUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/**
 * The reports renderer of this server process (REPORT_RENDERER=on): takes render jobs from the `reports` queue, one at
 * a time, and opens this server's own print page (or REPORT_BASE_URL) in headless Chromium. Deliveries of scheduled
 * reports go through the notify queue, delivered by the workers' webhook sender like alerts.
 */
export function startReportRenderer(ctx: ServerContext, port: number) {
  const cfg = ctx.config;
  const notify = openNotifyQueue();
  notify.on('error', () => undefined);
  const base = () => cfg.REPORT_BASE_URL ?? ownUrl(cfg.HOST, port);
  const worker = startReportsWorker(
    renderProcessor({
      redis: ctx.redis,
      keys: ctx.keys,
      registry: ctx.domain.registry,
      notify,
      log: ctx.log.child({ component: 'reports' }),
      keepMs: reportKeepMs(cfg.REPORT_KEEP_DAYS),
      chromiumPath: cfg.CHROMIUM_PATH,
      timeoutMs: cfg.REPORT_TIMEOUT_MS,
      maxBytes: cfg.REPORT_MAX_BYTES,
      baseUrl: base,
      publicUrl: () => cfg.PUBLIC_URL ?? base(),
    }),
  );
  worker.on('error', (err) => ctx.log.warn({ err: err.message }, 'reports worker error'));
  // a schedule's tick started: its job scheduler is alive (health: late past its interval + SCHEDULE_GRACE_MS)
  worker.on('active', (job) => void (job.data.schedule && recordHeartbeat(ctx.redis, ctx.keys, 'job', `report:${job.data.schedule}`).catch(() => undefined)));
  return {
    async close(): Promise<void> {
      await worker.close();
      await notify.close();
    },
  };
}

export const reportKeepMs = (days: number) => Math.round(days * 86_400_000);
