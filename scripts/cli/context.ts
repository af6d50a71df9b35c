import type { RedisClient } from '../../platform/redis';
import type { Domain } from '../../platform/domain';
import type { Keys } from '../../store/keys';

export interface CliContext {
  redis: RedisClient;
  keys: Keys;
  domain: () => Promise<Domain>;
  values: Record<string, string | boolean | undefined>;
  args: string[];
}

export class CliError extends Error {
  override name = 'CliError';
}

export function need(value: string | boolean | undefined, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`${what} is required`);
  return value.trim();
}

export function unitsOf(domain: Domain, list: string): string[] {
  const units = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const u of units) if (!domain.registry.has(u)) throw new CliError(`unknown unit '${u}'`);
  return units;
}
