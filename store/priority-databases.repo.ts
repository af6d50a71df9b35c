import type { RedisClient } from '../platform/redis';
import type { MilestoneStatus } from '../core/priority-databases/status';
import type { Keys } from './keys';

export interface DatabaseReport {
  milestones: MilestoneStatus[];
  reportedAt: number;
  source: string;
}

/** Replaces a priority database's milestone report (its owner ministry's feed, or the simulator). */
export async function writeDatabaseReport(redis: RedisClient, keys: Keys, id: string, report: DatabaseReport): Promise<void> {
  await redis.hset(keys.priorityDatabases(), id, JSON.stringify(report));
}

export async function readDatabaseReports(redis: RedisClient, keys: Keys): Promise<Map<string, DatabaseReport>> {
  const all = await redis.hgetall(keys.priorityDatabases());
  return new Map(Object.entries(all).map(([id, json]) => [id, JSON.parse(json) as DatabaseReport]));
}
