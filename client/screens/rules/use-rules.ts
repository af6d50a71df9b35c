import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import type { AlertRule, Severity } from '../../../core/alerts/rule';
import { getJson, HttpError, sendJson } from '../../api/http';
import { useSessionStore } from '../../stores/session.store';
import { formOf, type RuleForm, ruleOf, type StoredRule } from './rule-form';

export interface RuleHistoryEntry {
  id?: string;
  at: number;
  actor: string;
  action: string;
  target: string;
  detail?: { before?: StoredRule | null; after?: StoredRule | null };
}
export interface PreviewAnswer {
  count: number;
  units: { unit: string; value: number | null; severity: Exclude<Severity, 'nodata'> }[];
}

const PREVIEW_AFTER_MS = 400;
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The threshold editor's data: the catalog defaults and stored rules, the rule-change history (staff), the rule being
 * edited (checked as the server checks it), a preview of the units it would put in alert now (asked again a moment
 * after each valid change), and saving or deleting an override. The server's refusal (message and issues) is kept.
 */
export function useRules() {
  const session = useSessionStore();
  const defaults = shallowRef<AlertRule[]>([]);
  const stored = shallowRef<StoredRule[]>([]);
  const history = shallowRef<RuleHistoryEntry[]>([]);
  const loadError = ref<string | null>(null);
  const historyError = ref<string | null>(null);
  const form = ref<RuleForm | null>(null);
  const preview = shallowRef<PreviewAnswer | null>(null);
  const previewing = ref(false);
  const previewError = ref<string | null>(null);
  const busy = ref(false);
  const serverError = ref<{ message: string; issues: string[] } | null>(null);
  const notice = ref<{ key: string; params: Record<string, string> } | null>(null);
  const canEdit = computed(() => session.can('operator'));
  const checked = computed(() => (form.value ? ruleOf(form.value) : null));
  let previewTimer: ReturnType<typeof setTimeout> | null = null;
  let previewSeq = 0;

  async function load(): Promise<void> {
    try {
      const answer = await getJson<{ defaults: AlertRule[]; rules: StoredRule[] }>('/api/v1/alert-rules');
      defaults.value = answer.defaults ?? [];
      stored.value = answer.rules ?? [];
      loadError.value = null;
    } catch (e) {
      loadError.value = errorText(e);
    }
    if (!canEdit.value) return;
    try {
      history.value = (await getJson<{ entries: RuleHistoryEntry[] }>('/api/v1/alert-rules/history')).entries ?? [];
      historyError.value = null;
    } catch (e) {
      historyError.value = errorText(e);
    }
  }

  /** Edit this rule (a default or a stored one), at this scope (a default edited for a province becomes its rule). */
  function edit(rule: AlertRule, scope = rule.scope): void {
    form.value = { ...formOf(rule), scope };
    serverError.value = null;
    notice.value = null;
  }

  async function runPreview(): Promise<void> {
    const rule = checked.value?.rule;
    if (!rule) return;
    const mine = ++previewSeq;
    previewing.value = true;
    try {
      const answer = await sendJson<PreviewAnswer>('POST', '/api/v1/alert-rules/preview', rule);
      if (mine !== previewSeq) return;
      preview.value = answer;
      previewError.value = null;
    } catch (e) {
      if (mine !== previewSeq) return;
      preview.value = null;
      previewError.value = e instanceof HttpError && e.issues.length ? `${e.message}: ${e.issues.join('; ')}` : errorText(e);
    } finally {
      if (mine === previewSeq) previewing.value = false;
    }
  }

  watch(
    () => (checked.value?.rule ? JSON.stringify(checked.value.rule) : null),
    (key) => {
      if (previewTimer) clearTimeout(previewTimer);
      previewSeq += 1;
      preview.value = null;
      previewing.value = key !== null;
      if (key !== null) previewTimer = setTimeout(() => void runPreview(), PREVIEW_AFTER_MS);
    },
  );

  async function change(run: () => Promise<unknown>, done: RuleHistoryEntry['action']): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    serverError.value = null;
    notice.value = null;
    try {
      await run();
      const f = form.value!;
      notice.value = { key: done === 'rule.save' ? 'rules.saved' : 'rules.removed', params: { indicator: f.indicator, scope: f.scope } };
      await load();
      return true;
    } catch (e) {
      serverError.value = { message: errorText(e), issues: e instanceof HttpError ? [...e.issues] : [] };
      return false;
    } finally {
      busy.value = false;
    }
  }

  const save = () => {
    const rule = checked.value?.rule;
    return rule ? change(() => sendJson('PUT', '/api/v1/alert-rules', rule), 'rule.save') : Promise.resolve(false);
  };
  const remove = () => {
    const f = form.value;
    return f ? change(() => sendJson('DELETE', `/api/v1/alert-rules/${encodeURIComponent(f.indicator)}/${encodeURIComponent(f.scope)}`), 'rule.delete') : Promise.resolve(false);
  };
  /** A stored rule exists for the form's indicator and scope (it can be deleted). */
  const hasOverride = computed(() => !!form.value && stored.value.some((r) => r.indicator === form.value!.indicator && r.scope === form.value!.scope));

  void load();
  onBeforeUnmount(() => {
    if (previewTimer) clearTimeout(previewTimer);
  });

  return { defaults, stored, history, loadError, historyError, form, checked, preview, previewing, previewError, busy, serverError, notice, canEdit, hasOverride, edit, save, remove, runPreview, load };
}
