/** A form's errors from the server: by field (the first segment of each issue's path) and the rest. */
export interface FormErrors {
  fields: Record<string, string[]>;
  general: string[];
}

/**
 * Splits the server's validation issues (`"password: at least 12 characters"`, `"units.0: …"`, docs/api.md "Errors")
 * by the field they name, so each can be shown beside its input. Issues without a path are general.
 */
export function splitIssues(issues: readonly string[]): FormErrors {
  const out: FormErrors = { fields: {}, general: [] };
  for (const issue of issues) {
    const m = /^([A-Za-z_][\w]*)(?:\.[\w.]*)?:\s*(.*)$/s.exec(issue);
    if (!m) {
      out.general.push(issue);
      continue;
    }
    (out.fields[m[1]!] ??= []).push(m[2]!);
  }
  return out;
}
