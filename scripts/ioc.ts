/**
 * `npm run ioc -- <noun> <verb> …`: the operator's command line, on the same data as the dashboard.
 *   source create <name> --units <code,code|VN> --indicators <id,id|*> [--deadline HH:MM]   prints a new token
 *   source list | rotate <id> | revoke <id>
 *   user create <username> --role viewer|operator|admin --scope <VN|code> [--password …] [--name …]
 *   user list | set-password <username> [--password …] | disable <username> | enable <username>
 *   link create <name> --scope <code>   prints a federation link token for the IOC one level down
 *   link list | rotate <id> | revoke <id>
 *   connector add <file.json|->   create or replace a pull connector from its definition (docs/connectors.md)
 *   connector list | show <id> | run <id> | pause <id> | resume <id> | remove <id>
 */
import { parseArgs } from 'node:util';
import { ensureMaps } from '../maps/ensure';
import { config } from '../platform/config';
import { loadDomain } from '../platform/domain';
import { describeRedis, openRedis } from '../platform/redis';
import { keys } from '../store/keys';
import { CliError, type CliContext } from './cli/context';
import { sourceCommands } from './cli/source.commands';
import { linkCommands } from './cli/link.commands';
import { connectorCommands } from './cli/connector.commands';
import { userCommands } from './cli/user.commands';

const USAGE = `usage:
  npm run ioc -- source create <name> --units <code,code|VN> --indicators <id,id|*> [--deadline HH:MM]
  npm run ioc -- source list | rotate <id> | revoke <id>
  npm run ioc -- user create <username> --role viewer|operator|admin --scope <VN|code> [--password …] [--name …]
  npm run ioc -- user list | set-password <username> [--password …] | disable <username> | enable <username>
  npm run ioc -- link create <name> --scope <code>
  npm run ioc -- link list | rotate <id> | revoke <id>
  npm run ioc -- connector add <file.json|->
  npm run ioc -- connector list | show <id> | run <id> | pause <id> | resume <id> | remove <id>`;

const COMMANDS: Record<string, Record<string, (c: CliContext) => Promise<void>>> = { source: sourceCommands, user: userCommands, link: linkCommands, connector: connectorCommands };

function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    units: { type: 'string' },
    indicators: { type: 'string' },
    deadline: { type: 'string' },
    role: { type: 'string' },
    scope: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
  },
});
const [noun = '', verb = '', ...args] = positionals;
const command = COMMANDS[noun]?.[verb];
if (!command) fail(`unknown command '${[noun, verb].join(' ').trim()}'`);

const cfg = config();
const redis = openRedis('cli', { maxRetriesPerRequest: 1 });
redis.on('error', () => undefined);
const domain = async () => {
  await ensureMaps();
  return loadDomain();
};
try {
  await command({ redis, keys: keys(cfg.KEY_PREFIX), domain, values, args });
} catch (err) {
  fail(err instanceof CliError ? err.message : `${(err as Error).message} (${describeRedis(cfg)})`);
} finally {
  redis.disconnect();
}
