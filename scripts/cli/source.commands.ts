import { createSource, listSources, revokeSource, rotateSourceToken } from '../../store/sources.repo';
import { appendAudit } from '../../store/audit.repo';
import { CliError, need, unitsOf, type CliContext } from './context';

const audit = (c: CliContext, action: string, target: string) =>
  appendAudit(c.redis, c.keys, { at: Date.now(), actor: 'cli', ip: 'local', action, target });

/** source create | list | rotate | revoke */
export const sourceCommands: Record<string, (c: CliContext) => Promise<void>> = {
  async create(c) {
    const name = need(c.args[0], 'a source name');
    const domain = await c.domain();
    const units = unitsOf(domain, need(c.values.units, '--units (unit codes, or VN for the whole country)'));
    const list = need(c.values.indicators, '--indicators (indicator ids, or * for all)');
    const indicators = list === '*' ? '*' : list.split(',').map((s) => s.trim()).filter(Boolean);
    if (indicators !== '*') for (const i of indicators) if (!domain.indicator(i)) throw new CliError(`unknown indicator '${i}'`);
    const deadline = typeof c.values.deadline === 'string' ? c.values.deadline : undefined;
    const { source, token } = await createSource(c.redis, c.keys, { name, units, indicators, deadline });
    await audit(c, 'source.create', source.id);
    console.log(`source '${source.id}' created; its token (shown once, stored hashed):\n${token}`);
  },
  async list(c) {
    for (const s of await listSources(c.redis, c.keys)) {
      const inds = s.indicators === '*' ? '*' : s.indicators.join(',');
      console.log(`${s.id}\t${s.name}\tunits=${s.units.join(',')}\tindicators=${inds}${s.revokedAt ? '\trevoked' : ''}`);
    }
  },
  async rotate(c) {
    const id = need(c.args[0], 'a source id');
    const r = await rotateSourceToken(c.redis, c.keys, id);
    if (!r) throw new CliError(`no source '${id}'`);
    await audit(c, 'source.rotate', id);
    console.log(`source '${id}' has a new token (the old one no longer works; shown once):\n${r.token}`);
  },
  async revoke(c) {
    const id = need(c.args[0], 'a source id');
    if (!(await revokeSource(c.redis, c.keys, id))) throw new CliError(`no source '${id}'`);
    await audit(c, 'source.revoke', id);
    console.log(`source '${id}' revoked: its token is refused from now on`);
  },
};
