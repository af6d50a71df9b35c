import type { RedisClient } from '../platform/redis';
import type { Logger } from 'pino';
import type { Config } from '../platform/config';
import type { Domain } from '../platform/domain';
import type { IngestQueue, PullQueue, ReportsQueue } from '../platform/queues';
import type { Keys } from '../store/keys';

/** What every route and socket handler of one server process shares. */
export interface ServerContext {
  config: Config;
  redis: RedisClient;
  keys: Keys;
  domain: Domain;
  queue: IngestQueue;
  /** The connector pulls' queue: saving a connector sets its job scheduler; a manual run adds a job. */
  pulls: PullQueue;
  /** Report renders and report schedules (docs/reports.md). */
  reports: ReportsQueue;
  log: Logger;
  version: string;
  /** This installation's id (store/outbox.repo.ts instanceId): forwarded figures that name it are a loop. */
  instance: string;
}
