import type { Logger } from 'pino';

/** Runs `close` once on SIGINT/SIGTERM (or a `shutdown` IPC message), then exits; a second signal exits at once. */
export function onShutdown(log: Logger, close: () => Promise<void>, timeoutMs = 10_000): void {
  let closing = false;
  const stop = (why: string) => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ why }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('message', (m) => {
    if (m === 'shutdown') stop('parent asked');
  });
  process.on('disconnect', () => stop('parent exited'));
}
