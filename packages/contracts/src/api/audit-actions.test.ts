import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './audit-actions.ts';

describe('audit action labels', () => {
  it('names every action in Chinese and in English', () => {
    const entries = Object.entries(AUDIT_ACTION_LABELS);
    expect(entries.length).toBeGreaterThan(0);
    for (const [action, label] of entries) {
      expect(action).toMatch(/^[a-z-]+\.[a-z-]+$/);
      expect(label.zh.trim(), action).not.toBe('');
      expect(label.en.trim(), action).not.toBe('');
    }
  });

  it('gives no label for an unknown code or an Object.prototype key', () => {
    expect(auditActionLabel('auth.login')?.en).toBe('Sign-in');
    expect(auditActionLabel('something.new')).toBeUndefined();
    expect(auditActionLabel('constructor')).toBeUndefined();
  });
});
