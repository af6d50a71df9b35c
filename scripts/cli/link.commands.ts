import { createLink, listLinks } from '../../store/links.repo';
import { appendAudit } from '../../store/audit.repo';
import { getSource, revokeSource, rotateSourceToken } from '../../store/sources.repo';
import { CliError, need, unitsOf, type CliContext } from './context';

const audit = (c: CliContext, action: string, target: string, scope: string) =>
  appendAudit(c.redis, c.keys, { at: Date.now(), actor: 'cli', ip: 'local', action, target, scope });

async function linkOf(c: CliContext) {
  const id = need(c.args[0], 'a link id');
  const link = await getSource(c.redis, c.keys, id);
  if (!link || link.kind !== 'link') throw new CliError(`no link '${id}'`);
  return link;
}

/** link create | list | rotate | revoke: federation links of this (upper) instance, for the IOCs one level down. */
export const linkCommands: Record<string, (c: CliContext) => Promise<void>> = {
  async create(c) {
    const name = need(c.args[0], 'a link name');
    const [scope, more] = unitsOf(await c.domain(), need(c.values.scope, '--scope (the unit code of the IOC below: a province or a commune)'));
    if (!scope || more) throw new CliError('--scope takes one unit code');
    const { link, token } = await createLink(c.redis, c.keys, { name, scope });
    await audit(c, 'link.create', link.id, scope);
    console.log(`link '${link.id}' for ${scope} created; give the IOC below its token (shown once, stored hashed):\n${token}`);
    console.log(`there: UPSTREAM_URL=<this IOC's URL> UPSTREAM_TOKEN=${token} npm start`);
  },
  async list(c) {
    for (const l of await listLinks(c.redis, c.keys)) {
      console.log(`${l.id}\t${l.name}\tscope=${l.units[0] ?? ''}${l.revokedAt ? '\trevoked' : ''}`);
    }
  },
  async rotate(c) {
    const link = await linkOf(c);
    const r = await rotateSourceToken(c.redis, c.keys, link.id);
    await audit(c, 'link.rotate', link.id, link.units[0] ?? 'VN');
    console.log(`link '${link.id}' has a new token (the old one is refused from now on; shown once):\n${r!.token}`);
  },
  async revoke(c) {
    const link = await linkOf(c);
    await revokeSource(c.redis, c.keys, link.id);
    await audit(c, 'link.revoke', link.id, link.units[0] ?? 'VN');
    console.log(`link '${link.id}' revoked: the IOC below is refused (its outbox waits for a new token)`);
  },
};
