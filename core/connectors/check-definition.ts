import type { Indicator } from '../indicators/indicator';
import type { Unit } from '../units/unit';
import { definitionIssues, keepSecrets, REDACTED, schemaFor, type ConnectorDefinition } from './definition';

/** What a definition is checked against beyond its shape: the units, the catalog and the scheduler's cron parser. */
export interface DefinitionChecks {
  unit(code: string): Unit | undefined;
  indicator(id: string): Indicator | undefined;
  /** The reason a cron expression is not one, or undefined. */
  cronProblem(pattern: string): string | undefined;
}

export type CheckedDefinition = { ok: true; definition: ConnectorDefinition } | { ok: false; issues: string[] };

/**
 * A connector definition as saved by REST or the CLI: the schema first, then what the schema cannot know — every
 * scope unit and constant indicator exists, the cron expression parses, the indicators the mapping names constantly
 * are within the scope. Each issue names its field. A definition sent back with `•••` secrets keeps the saved ones.
 */
export function checkDefinition(input: unknown, checks: DefinitionChecks, saved?: ConnectorDefinition): CheckedDefinition {
  const parsed = schemaFor(input).safeParse(input);
  if (!parsed.success) return { ok: false, issues: definitionIssues(parsed.error) };
  const def: ConnectorDefinition = parsed.data;
  const issues: string[] = [];
  def.scope.units.forEach((u, i) => {
    if (!checks.unit(u)) issues.push(`scope.units.${i}: unknown unit '${u}'`);
  });
  if (def.scope.indicators !== '*') {
    def.scope.indicators.forEach((id, i) => {
      if (!checks.indicator(id)) issues.push(`scope.indicators.${i}: unknown indicator '${id}'`);
    });
  }
  if ('cron' in def.schedule) {
    const problem = checks.cronProblem(def.schedule.cron);
    if (problem) issues.push(`schedule.cron: ${problem}`);
  }
  if (def.adapter === 'generic') {
    if (def.mapping.unit.within && !checks.unit(def.mapping.unit.within)) issues.push(`mapping.unit.within: unknown unit '${def.mapping.unit.within}'`);
    def.mapping.observations.forEach((o, i) => {
      if (!('const' in o.indicator)) return;
      const id = o.indicator.const;
      if (!checks.indicator(id)) issues.push(`mapping.observations.${i}.indicator.const: unknown indicator '${id}'`);
      else if (def.scope.indicators !== '*' && !def.scope.indicators.includes(id)) {
        issues.push(`mapping.observations.${i}.indicator.const: '${id}' is outside scope.indicators`);
      }
    });
  }
  const auth = keepSecrets(def.auth, saved?.auth);
  for (const [k, v] of Object.entries(auth)) {
    if (v === REDACTED) issues.push(`auth.${k}: give the secret (${REDACTED} keeps a saved one only, and there is none of this type)`);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, definition: { ...def, auth } };
}
