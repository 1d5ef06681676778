import type { FormInstance } from 'antd';
import { isApiError } from './client.ts';

/**
 * Puts the server's field errors (`body.username` → `username`) on the form's fields.
 * Returns true when at least one error landed on a field of the form.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, known: readonly string[]): boolean {
  if (!isApiError(error) || error.fields.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const f of error.fields) {
    const name = f.field.replace(/^(body|query|params)\./, '');
    if (!known.includes(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), f.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
