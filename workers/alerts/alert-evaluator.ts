import type { RedisClient } from '../../platform/redis';
import type { Logger } from 'pino';
import type { AlertEvent } from '../../core/alerts/alert';
import { defaultRule, indexRules, ruleFor, type AlertRule, type RuleIndex } from '../../core/alerts/rule';
import { evaluate, OK } from '../../core/alerts/state-machine';
import type { MetricValue } from '../../core/contract/metrics';
import { previousPeriod } from '../../core/time/period';
import { linkAlertRule, linkSilenceMinutes } from '../../core/federation/link-state';
import type { Domain } from '../../platform/domain';
import { getAlert, listRules, readStates, writeAlertChange, type StoredState } from '../../store/alerts.repo';
import { alertEvaluatorLease, anchorAlertCursor, newestPeriod, readAlertCursor, readLatestUnder, saveAlertCursor } from '../../store/alert-evaluator.repo';
import { readChangesBlocking } from '../../store/changes.repo';
import { listSilences } from '../../store/silences.repo';
import { listLinks, readLinkFacts } from '../../store/links.repo';
import type { ChangeRetention } from '../../store/changes.repo';
import { ROOT_PARENT, type Keys } from '../../store/keys';
import { eventFor, withMuting } from './alert-transitions';
import { Leadership } from '../leader';

/** The evaluator's lease: a crashed leader's role is taken over within TTL + retry. */
const LEADER_TTL_MS = 30_000;
const LEADER_RETRY_MS = 5_000;

export interface EvaluatorOptions {
  redis: RedisClient;
  /** A dedicated connection for the blocking stream read. */
  blocking: RedisClient;
  keys: Keys;
  domain: Domain;
  changes: ChangeRetention;
  /** Watch the federation links of this instance: down after this long (LINK_DOWN_MS); absent: no link alerts. */
  linkDownMs?: number;
  log: Logger;
  /** How often pending durations and no-data are checked. */
  sweepMs?: number;
  /** Called with every alert event written (the workers queue webhook notifications from it). */
  onEvent?: (event: AlertEvent) => Promise<unknown>;
  now?: () => number;
}

/**
 * The alert evaluator (one per deployment: a lease, workers/leader.ts). It evaluates every changed value against the most
 * specific rule (catalog defaults overridden by stored rules), on every change from the change stream, and on a
 * schedule for pending durations and silence (no data). State lives in Redis, so a restart loses nothing: it resumes
 * from its stored stream cursor with the stored states.
 */
export class AlertEvaluator {
  private rules: AlertRule[] = [];
  private index: RuleIndex = new Map();
  private defaults = new Set<AlertRule>();
  private readonly states = new Map<string, Map<string, StoredState>>();
  private readonly newest = new Map<string, string>();
  private running = false;
  private leadership: Leadership | undefined;
  private readonly now: () => number;

  constructor(private readonly o: EvaluatorOptions) {
    this.now = o.now ?? Date.now;
  }

  /**
   * Where evaluation starts on an installation that has none stored yet: the change stream as it is now. Call before
   * any ingest worker of this process starts, so that no batch it applies falls before the start (the leader may take
   * its turn later). A stored position is left alone.
   */
  async anchor(): Promise<void> {
    await anchorAlertCursor(this.o.redis, this.o.keys);
  }

  async start(): Promise<void> {
    this.running = true;
    this.leadership = new Leadership({ redis: this.o.redis, key: alertEvaluatorLease(this.o.keys), ttlMs: LEADER_TTL_MS, retryMs: LEADER_RETRY_MS, role: 'alert evaluator', log: this.o.log }, (lost) =>
      this.evaluateWhileLeading(lost),
    );
    this.leadership.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.o.blocking.disconnect();
    await this.leadership?.stop();
  }

  /** The leader's work: evaluates every change from its stored cursor on, and sweeps on a schedule, until `lost`. */
  private async evaluateWhileLeading(lost: AbortSignal): Promise<void> {
    // what another leader did meanwhile is in Redis, not in this process's memory
    this.states.clear();
    this.newest.clear();
    await this.loadRules();
    const sweepTimer = setInterval(() => void this.sweep().catch((err: Error) => this.o.log.warn({ err: err.message }, 'alert sweep failed')), this.o.sweepMs ?? 15_000);
    try {
      await this.anchor(); // the position stored, or the stream as it is now when none is
      let cursor = await readAlertCursor(this.o.redis, this.o.keys);
      while (this.running && !lost.aborted) {
        try {
          // most items (communes under the defaults, indicators without a rule) have nothing to judge: left undecoded
          const entries = await readChangesBlocking(this.o.blocking, this.o.keys, cursor, 1000, this.judged);
          for (const entry of entries) {
            if (entry.rules) await this.loadRules();
            // decoded here, entry by entry, so that each item is filtered with the rules and newest periods of its place
            for (const v of entry.values) {
              const rule = this.ruleOf(v.indicator, v.unit);
              if (rule) await this.judge(rule, v.unit, { value: v.value, observedAt: v.observedAt }, this.now());
            }
            cursor = entry.id;
          }
          if (entries.length) await saveAlertCursor(this.o.redis, this.o.keys, cursor);
        } catch (err) {
          if (!this.running) return;
          this.o.log.warn({ err: (err as Error).message }, 'alert evaluator read failed; retrying');
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    } finally {
      clearInterval(sweepTimer);
    }
  }

  /** Catalog defaults for the whole country, overridden by the stored rules (national, province, commune). */
  async loadRules(): Promise<void> {
    const stored = await listRules(this.o.redis, this.o.keys);
    const defaults = this.o.domain.indicators.map(defaultRule).filter((r): r is AlertRule => r !== undefined);
    const storedKeys = new Set(stored.map((r) => `${r.indicator}|${r.scope}`));
    this.rules = [...stored, ...defaults.filter((d) => !storedKeys.has(`${d.indicator}|${d.scope}`))];
    this.defaults = new Set(this.rules.filter((r) => !storedKeys.has(`${r.indicator}|${r.scope}`)));
    this.index = indexRules(this.rules);
  }

  private async statesOf(indicator: string): Promise<Map<string, StoredState>> {
    let s = this.states.get(indicator);
    if (!s) this.states.set(indicator, (s = await readStates(this.o.redis, this.o.keys, indicator)));
    return s;
  }

  async evaluateValue(v: MetricValue, now = this.now()): Promise<void> {
    const rule = this.ruleToJudge(v.indicator, v.unit, v.period);
    if (rule) await this.judge(rule, v.unit, { value: v.value, observedAt: v.observedAt }, now);
  }

  /** The change stream's items this evaluator decodes: those ruleToJudge judges (it sees every item's period). */
  private readonly judged = (indicator: string, unit: string, period: string): boolean => this.ruleToJudge(indicator, unit, period) !== undefined;

  /** The rule a changed figure is judged by, or undefined when it drives no alert (noting its period as the newest). */
  private ruleToJudge(indicator: string, unit: string, period: string): AlertRule | undefined {
    const top = this.newest.get(indicator);
    if (top !== undefined && period < top) return undefined; // a late correction of an older period does not drive alerts
    if (top === undefined || period > top) this.newest.set(indicator, period);
    return this.ruleOf(indicator, unit);
  }

  /** The most specific rule for a unit, but none for a commune under the catalog's defaults. */
  private ruleOf(indicator: string, unit: string): AlertRule | undefined {
    const { registry } = this.o.domain;
    const rule = ruleFor(this.index, indicator, unit, (code) => registry.get(code)?.parent);
    if (!rule) return undefined;
    // The catalog's defaults are national targets: they watch the nation, provinces and ministries. Communes are
    // watched once staff save a rule for them or their province (3,321 communes × the defaults would bury a wall).
    if (this.defaults.has(rule) && registry.get(unit)?.level === 'commune') return undefined;
    return rule;
  }

  /** One observed value of a (rule, unit) through the state machine; a transition is stored and announced. */
  private async judge(rule: AlertRule, unit: string, observed: { value: number | null; observedAt: number | undefined }, now: number): Promise<void> {
    const v = { indicator: rule.indicator, unit };
    const states = await this.statesOf(v.indicator);
    const prev = states.get(v.unit) ?? { state: OK, alertId: null };
    const { state, transition } = evaluate(rule, prev.state, observed, now);
    const same = state.phase === prev.state.phase && state.severity === prev.state.severity && state.since === prev.state.since;
    if (same && !transition) {
      prev.state = state;
      return;
    }
    const open = prev.alertId ? await getAlert(this.o.redis, this.o.keys, prev.alertId) : undefined;
    const change = transition ? eventFor(rule, v.unit, prev, state, transition, open) : { state: { state, alertId: prev.alertId } };
    if (change.event) {
      // a silence covering the alert mutes it: it opens and shows, but sends nothing (workers/alerts/webhook.ts)
      const unitPath = [v.unit, ...this.o.domain.registry.ancestors(v.unit)];
      change.event = withMuting(change.event, await listSilences(this.o.redis, this.o.keys), unitPath);
    }
    states.set(v.unit, change.state);
    await writeAlertChange(this.o.redis, this.o.keys, { indicator: v.indicator, unit: v.unit, ...change }, this.o.changes);
    if (change.event) await this.o.onEvent?.(change.event).catch((err: Error) => this.o.log.warn({ err: err.message }, 'notification not queued'));
  }

  /**
   * Federation links of this (upper) instance: a link silent past LINK_DOWN_MS raises an alert for its scope, through
   * the same state machine, records and push as any figure (core/federation/link-state.ts, LINK_ALERT_INDICATOR).
   */
  async sweepLinks(now = this.now()): Promise<void> {
    if (this.o.linkDownMs === undefined) return;
    const rule = linkAlertRule(this.o.linkDownMs);
    for (const link of await listLinks(this.o.redis, this.o.keys)) {
      const scope = link.units[0];
      if (!scope || link.revokedAt) continue;
      const value = linkSilenceMinutes(await readLinkFacts(this.o.redis, this.o.keys, link.id), now);
      if (value !== null) await this.judge({ ...rule, scope }, scope, { value, observedAt: now }, now);
    }
  }

  /** Re-evaluates the latest value of every unit that has one, so pending durations elapse and silence is noticed. */
  async sweep(now = this.now()): Promise<void> {
    await this.sweepLinks(now);
    const { registry, indicator } = this.o.domain;
    for (const id of new Set(this.rules.map((r) => r.indicator))) {
      const ind = indicator(id);
      const period = this.newest.get(id) ?? (await newestPeriod(this.o.redis, this.o.keys, id));
      if (!ind || !period) continue;
      const periods = [period, previousPeriod(period)].filter((p): p is string => p !== undefined);
      const parents = [ROOT_PARENT, 'VN', ...(ind.levels.includes('commune') ? registry.all('province').map((p) => p.code) : [])];
      const latest = new Map<string, MetricValue>();
      for (const p of [...periods].reverse()) {
        for (const v of await readLatestUnder(this.o.redis, this.o.keys, ind, parents, p)) latest.set(v.unit, v);
      }
      for (const v of latest.values()) await this.evaluateValue({ ...v, period: period }, now);
    }
  }
}
