import { readFileSync } from 'node:fs';
import { checkDefinition } from '../../core/connectors/check-definition';
import { redactAuth, type ConnectorDefinition } from '../../core/connectors/definition';
import { applySchedule, cronProblem, nextPullAt, openPullQueue, runPullNow, unschedulePull, type PullQueue } from '../../platform/queues';
import { appendAudit } from '../../store/audit.repo';
import { getConnector, listConnectors, readPullStatus, removeConnector, saveConnector, type ConnectorRecord } from '../../store/connectors.repo';
import { CliError, need, type CliContext } from './context';

const audit = (c: CliContext, action: string, target: string) =>
  appendAudit(c.redis, c.keys, { at: Date.now(), actor: 'cli', ip: 'local', action, target });

async function withQueue<T>(run: (q: PullQueue) => Promise<T>): Promise<T> {
  const queue = openPullQueue();
  queue.on('error', () => undefined);
  try {
    return await run(queue);
  } finally {
    // the queue does not own the connection it was given: close both, or the command never exits
    await queue.close();
    await queue.disconnect();
  }
}

async function connectorOf(c: CliContext): Promise<ConnectorRecord> {
  const id = need(c.args[0], 'a connector id');
  const r = await getConnector(c.redis, c.keys, id);
  if (!r) throw new CliError(`no connector '${id}'`);
  return r;
}

const scheduleText = (d: ConnectorDefinition) => ('everyMinutes' in d.schedule ? `every ${d.schedule.everyMinutes} min` : `cron "${d.schedule.cron}"`);

async function setPaused(c: CliContext, paused: boolean): Promise<void> {
  const r = await connectorOf(c);
  const def = { ...r.definition, paused };
  await saveConnector(c.redis, c.keys, def);
  await withQueue((q) => applySchedule(q, def));
  await audit(c, paused ? 'connector.pause' : 'connector.resume', def.id);
  console.log(`connector '${def.id}' ${paused ? 'paused: no scheduled pulls until resumed' : `resumed (${scheduleText(def)})`}`);
}

/** connector add | list | show | run | pause | resume | remove (docs/connectors.md). */
export const connectorCommands: Record<string, (c: CliContext) => Promise<void>> = {
  /** add <file.json | ->: create or replace a connector from its JSON definition. */
  async add(c) {
    const file = need(c.args[0], 'a definition file (JSON), or - for standard input');
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
    } catch (err) {
      throw new CliError(`cannot read the definition ${file}: ${(err as Error).message}`);
    }
    const domain = await c.domain();
    const id = typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : undefined;
    const saved = id ? await getConnector(c.redis, c.keys, id) : undefined;
    const checked = checkDefinition(input, { unit: (u) => domain.registry.get(u), indicator: domain.indicator, cronProblem }, saved?.definition);
    if (!checked.ok) throw new CliError(`the definition is not valid:\n  ${checked.issues.join('\n  ')}`);
    const def = checked.definition;
    await saveConnector(c.redis, c.keys, def);
    await withQueue((q) => applySchedule(q, def));
    await audit(c, saved ? 'connector.update' : 'connector.create', def.id);
    console.log(`connector '${def.id}' ${saved ? 'replaced' : 'created'}: ${def.paused ? 'paused' : scheduleText(def)}; the worker pulls it`);
  },
  async list(c) {
    await withQueue(async (q) => {
      for (const { definition: d } of await listConnectors(c.redis, c.keys)) {
        const s = await readPullStatus(c.redis, c.keys, d.id, d.paused ? null : await nextPullAt(q, d.id));
        const last = s.lastPullAt ? `${new Date(s.lastPullAt).toISOString()} ${s.lastOutcome}${s.failure ? ` (${s.failure.code})` : ''}` : 'never pulled';
        console.log(`${d.id}\t${d.name}\t${d.adapter}\t${d.paused ? 'paused' : scheduleText(d)}\tlast=${last}\taccepted=${s.accepted}\trejected=${s.rejected}`);
      }
    });
  },
  async show(c) {
    const r = await connectorOf(c);
    const d = r.definition;
    const status = await withQueue(async (q) => readPullStatus(c.redis, c.keys, d.id, d.paused ? null : await nextPullAt(q, d.id)));
    console.log(JSON.stringify({ definition: { ...d, auth: redactAuth(d.auth) }, status }, null, 2));
  },
  async run(c) {
    const r = await connectorOf(c);
    await withQueue((q) => runPullNow(q, r.definition.id, r.definition.retries));
    await audit(c, 'connector.run', r.definition.id);
    console.log(`a pull of '${r.definition.id}' is queued; \`npm run ioc -- connector show ${r.definition.id}\` shows its outcome`);
  },
  pause: (c) => setPaused(c, true),
  resume: (c) => setPaused(c, false),
  async remove(c) {
    const r = await connectorOf(c);
    await withQueue((q) => unschedulePull(q, r.definition.id));
    await removeConnector(c.redis, c.keys, r.definition.id);
    await audit(c, 'connector.remove', r.definition.id);
    console.log(`connector '${r.definition.id}' removed (the figures it brought stay)`);
  },
};
