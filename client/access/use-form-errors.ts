import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { errorText } from '../api/error-text';
import { HttpError } from '../api/http';
import { type FormErrors, splitIssues } from './field-errors';

/**
 * A form's errors from a failed change, shown by who must act (STYLE §9): a field's own issue beside the field (the
 * server's `error.issues`, named by field, in the page's language when the field is known), the rest above the form.
 * `conflict` names the field a 409 is about (a taken username or name); an unknown unit goes to `unitField`.
 */
export function useFormErrors(options: { conflict?: string; unitField?: string } = {}) {
  const { t, te } = useI18n();
  const errors = ref<FormErrors>({ fields: {}, general: [] });

  function clear(): void {
    errors.value = { fields: {}, general: [] };
  }

  function show(e: unknown): void {
    const out: FormErrors = { fields: {}, general: [] };
    if (!(e instanceof HttpError)) out.general.push(errorText(e, { t, te }));
    else if (e.issues.length > 0) {
      const split = splitIssues(e.issues);
      for (const [field, raw] of Object.entries(split.fields)) {
        out.fields[field] = [te(`admin.issue.${field}`) ? t(`admin.issue.${field}`) : raw.join('; ')];
      }
      out.general.push(...split.general);
    } else if (e.code === 'conflict' && options.conflict) out.fields[options.conflict] = [t('admin.issue.taken')];
    else if (e.code === 'unknown_unit' && options.unitField) out.fields[options.unitField] = [`${t(`admin.issue.${options.unitField}`)} (${e.message})`];
    else out.general.push(errorText(e, { t, te }));
    errors.value = out;
  }

  /** The message beside a field, if any. */
  function field(name: string): string | undefined {
    return errors.value.fields[name]?.join(' ');
  }

  /** Attributes for a field's input: invalid, and described by its message. */
  function aria(name: string, id: string): Record<string, string | undefined> {
    const msg = field(name);
    return { 'aria-invalid': msg ? 'true' : undefined, 'aria-describedby': msg ? `${id}-error` : undefined };
  }

  return { errors, clear, show, field, aria };
}
