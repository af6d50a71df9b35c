import { shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Unit, UnitLevel, UnitRegistryData } from '../../core/units/unit';
import { getJson } from '../api/http';
import { useLocale } from '../composables/use-locale';
import { useUnitsStore } from '../stores/units.store';
import { isCommuneCode } from '../../core/units/unit-code';

/** Ministries and communes named on admin pages and in the header, fetched once and only when one is shown. */
const extra = shallowRef<ReadonlyMap<string, Unit>>(new Map());
const fetched = new Set<UnitLevel>();

function fetchLevel(level: UnitLevel): void {
  if (fetched.has(level)) return;
  fetched.add(level);
  getJson<UnitRegistryData>(`/api/v1/units?level=${level}`)
    .then((answer) => {
      const next = new Map(extra.value);
      for (const unit of answer.units ?? []) next.set(unit.code, unit);
      extra.value = next;
    })
    .catch(() => fetched.delete(level));
}

/**
 * Names of scopes: "Cả nước", a province ("Đà Nẵng"), a commune with its province ("Phường Hải Châu, Đà Nẵng"), a
 * ministry ("Bộ Y tế"). The nation and provinces come from the units store; a ministry or commune code not known yet
 * loads its level once (the communes' list is large: only when a commune scope is on screen).
 */
export function useScopeNames() {
  const units = useUnitsStore();
  const locale = useLocale();
  const { t } = useI18n();
  if (!units.registry && !units.loading) void units.load().catch(() => undefined);

  function unit(code: string): Unit | undefined {
    return units.get(code) ?? extra.value.get(code);
  }

  function label(code: string): string {
    if (code === 'VN') return t('auth.nation');
    const u = unit(code);
    if (!u) {
      if (units.registry) fetchLevel(isCommuneCode(code) ? 'commune' : 'ministry');
      return code;
    }
    const l = locale.value;
    if (u.level === 'commune' && u.parent) return `${u.fullName[l]}, ${unit(u.parent)?.name[l] ?? u.parent}`;
    return u.level === 'ministry' ? u.fullName[l] : u.name[l];
  }

  function ministries(): readonly Unit[] {
    fetchLevel('ministry');
    return [...extra.value.values()].filter((u) => u.level === 'ministry');
  }

  return { unit, label, ministries };
}
