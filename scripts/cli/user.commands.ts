import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../../core/access/principal';
import { config } from '../../platform/config';
import { hashPassword } from '../../platform/password';
import { endSessions } from '../../server/auth/end-sessions';
import { appendAudit } from '../../store/audit.repo';
import { createUser, getUser, listUsers, publicUser, saveUser, withNewSessionEpoch, type UserRecord } from '../../store/users.repo';
import { CliError, need, unitsOf, type CliContext } from './context';

/** Audited in the scope of the user concerned, as the dashboard's changes are. */
const audit = (c: CliContext, action: string, user: UserRecord, detail?: Record<string, unknown>) =>
  appendAudit(c.redis, c.keys, { at: Date.now(), actor: 'cli', ip: 'local', action, target: user.username, scope: user.scope, ...(detail ? { detail } : {}) });

/** Saves a user whose sessions must end (new password, disabled): raises the epoch, ends sessions and sockets. */
async function saveEndingSessions(c: CliContext, user: UserRecord): Promise<void> {
  await saveUser(c.redis, c.keys, withNewSessionEpoch(user));
  await endSessions({ redis: c.redis, keys: c.keys, config: config() }, user.id);
}

function roleOf(v: string | boolean | undefined): Role {
  const r = need(v, `--role (${ROLES.join(', ')})`);
  if (!(ROLES as readonly string[]).includes(r)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
  return r as Role;
}

function passwordOf(v: string | boolean | undefined): { password: string; generated: boolean } {
  if (typeof v === 'string') {
    if (v.length < 12) throw new CliError('--password needs at least 12 characters');
    return { password: v, generated: false };
  }
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

/** user create | list | set-password | disable | enable: the same users as the dashboard's admin page. */
export const userCommands: Record<string, (c: CliContext) => Promise<void>> = {
  async create(c) {
    const username = need(c.args[0], 'a username');
    if (!/^[a-z0-9._-]{3,32}$/i.test(username)) throw new CliError('a username has 3–32 letters, digits, . _ -');
    const [scope] = unitsOf(await c.domain(), need(c.values.scope, '--scope (VN, a province or a commune code)'));
    const role = roleOf(c.values.role);
    const { password, generated } = passwordOf(c.values.password);
    const displayName = typeof c.values.name === 'string' ? c.values.name : username;
    const user = await createUser(c.redis, c.keys, { username, displayName, role, scope: scope!, passwordHash: await hashPassword(password) });
    if (!user) throw new CliError(`username '${username}' is taken`);
    await audit(c, 'user.create', user, { after: publicUser(user) });
    console.log(`user '${user.username}' (${role}, ${scope}) created${generated ? `; one-time password: ${password}` : ''}`);
  },
  async list(c) {
    for (const u of await listUsers(c.redis, c.keys)) console.log(`${u.username}\t${u.role}\t${u.scope}\t${u.displayName}${u.disabled ? '\tdisabled' : ''}`);
  },
  async 'set-password'(c) {
    const user = await getUser(c.redis, c.keys, need(c.args[0], 'a username'));
    if (!user) throw new CliError(`no user '${c.args[0]}'`);
    const { password, generated } = passwordOf(c.values.password);
    await saveEndingSessions(c, { ...user, passwordHash: await hashPassword(password) });
    await audit(c, 'user.update', user, { passwordChanged: true });
    console.log(`password of '${user.username}' changed, its sessions ended${generated ? `; new password: ${password}` : ''}`);
  },
  async disable(c) {
    await setDisabled(c, true);
  },
  async enable(c) {
    await setDisabled(c, false);
  },
};

async function setDisabled(c: CliContext, disabled: boolean): Promise<void> {
  const before = await getUser(c.redis, c.keys, need(c.args[0], 'a username'));
  if (!before) throw new CliError(`no user '${c.args[0]}'`);
  const after = { ...before, disabled };
  if (disabled) await saveEndingSessions(c, after);
  else await saveUser(c.redis, c.keys, after);
  await audit(c, 'user.update', before, { before: publicUser(before), after: publicUser(after) });
  console.log(`user '${before.username}' ${disabled ? 'disabled, its sessions ended' : 'enabled'}`);
}
