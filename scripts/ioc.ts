/**
 * `npm run ioc -- <command>`: the operator's command line.
 *   source create <name> --units <code,code|VN> --indicators <id,id|*>   prints a new source token (stored hashed)
 *   source list
 */
import { parseArgs } from 'node:util';
import { ensureMaps } from '../maps/ensure';
import { config } from '../platform/config';
import { loadDomain } from '../platform/domain';
import { openRedis } from '../platform/redis';
import { keys } from '../store/keys';
import { createSource, listSources } from '../store/sources.repo';

const USAGE = `usage:
  npm run ioc -- source create <name> --units <code,code|VN> --indicators <id,id|*>
  npm run ioc -- source list`;

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { units: { type: 'string' }, indicators: { type: 'string' } },
});
const [noun, verb, name] = positionals;
if (noun !== 'source' || !['create', 'list'].includes(verb ?? '')) fail('unknown command');

const cfg = config();
const redis = openRedis('cli', { maxRetriesPerRequest: 1 });
redis.on('error', () => undefined);
const k = keys(cfg.KEY_PREFIX);
try {
  if (verb === 'list') {
    for (const s of await listSources(redis, k)) {
      console.log(`${s.id}\t${s.name}\tunits=${s.units.join(',')}\tindicators=${s.indicators === '*' ? '*' : s.indicators.join(',')}`);
    }
  } else {
    if (!name) fail('give the source a name');
    if (!values.units) fail('--units is required (unit codes, or VN for the whole country)');
    if (!values.indicators) fail('--indicators is required (indicator ids, or * for all)');
    await ensureMaps();
    const domain = loadDomain();
    const units = values.units.split(',').map((s) => s.trim()).filter(Boolean);
    for (const u of units) if (!domain.registry.has(u)) fail(`unknown unit '${u}'`);
    const indicators = values.indicators.trim() === '*' ? '*' : values.indicators.split(',').map((s) => s.trim()).filter(Boolean);
    if (indicators !== '*') for (const i of indicators) if (!domain.indicator(i)) fail(`unknown indicator '${i}'`);
    const { source, token } = await createSource(redis, k, { name, units, indicators });
    console.log(`source '${source.id}' created; its token (shown once, stored hashed):\n${token}`);
  }
} catch (err) {
  fail(`${(err as Error).message} (Redis at ${cfg.REDIS_URL})`);
} finally {
  redis.disconnect();
}
