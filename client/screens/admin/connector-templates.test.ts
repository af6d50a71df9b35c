import { describe, expect, it } from 'vitest';
import { connectorDefinition, definitionIssues } from '../../../core/connectors/definition';
import { indicatorById } from '../../../core/indicators/catalog';
import { TEMPLATE_IDS, templateText } from './connector-templates';

const parse = (id: (typeof TEMPLATE_IDS)[number]) => connectorDefinition.safeParse(JSON.parse(templateText(id)));

describe('connector templates', () => {
  it('the JSON API and the 766 portal templates are valid definitions as they are', () => {
    for (const id of ['json', 'dvcqg'] as const) {
      const r = parse(id);
      expect(r.success ? [] : definitionIssues(r.error)).toEqual([]);
    }
    expect(parse('json').data).toMatchObject({ adapter: 'generic', format: { type: 'json' } });
    expect(parse('dvcqg').data).toMatchObject({ adapter: 'dvcqg-766' });
  });

  it('the CSV template only lacks its LGSP secrets, so saving it as is names them', () => {
    const r = parse('csv');
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(definitionIssues(r.error).map((i) => i.split(':')[0]).sort()).toEqual(['auth.accessKey', 'auth.secretKey']);
    const filled = JSON.parse(templateText('csv'));
    filled.auth.accessKey = 'k';
    filled.auth.secretKey = 's';
    expect(connectorDefinition.safeParse(filled).data).toMatchObject({ format: { type: 'csv' }, mapping: { decimal: ',' } });
  });

  it('every indicator a template names is in the catalog and within its scope', () => {
    for (const id of TEMPLATE_IDS) {
      const def = JSON.parse(templateText(id));
      const scope: string[] | '*' = def.scope.indicators;
      const named: string[] = (def.mapping?.observations ?? []).map((o: { indicator: { const: string } }) => o.indicator.const);
      for (const ind of [...(scope === '*' ? [] : scope), ...named]) expect(indicatorById(ind), `${id}: ${ind}`).toBeDefined();
      if (scope !== '*') for (const ind of named) expect(scope).toContain(ind);
    }
  });

  it('gives a fresh copy each time', () => {
    expect(templateText('json')).toBe(templateText('json'));
    expect(JSON.parse(templateText('json'))).not.toBe(JSON.parse(templateText('json')));
  });
});
