import type { AutoCheckDto } from '@opendmv/contracts';
import { Alert } from 'antd';
import { isApiError } from '../../app/api/client.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';

/** The reasons an application cannot be made: failed refusing rules, or a closed channel. */
export function refusalReasons(
  check: AutoCheckDto,
  pick: (l: { zh: string; en: string }) => string,
  closed: string,
) {
  const reasons = check.rules.filter((r) => !r.passed && r.severity === 'refuse').map((r) => pick(r.message));
  if (!check.channelAllowed) reasons.unshift(closed);
  return reasons;
}

/** Reasons of a 422 NOT_ELIGIBLE answer (one field per failed refusing rule), or null for other errors. */
export function notEligibleReasons(error: unknown): string[] | null {
  if (!isApiError(error) || error.code !== 'NOT_ELIGIBLE') return null;
  return error.fields.length > 0 ? error.fields.map((f) => f.message) : [error.message];
}

/** The refusal, prominent, before anything is submitted: "you cannot apply yet" and each reason. */
export function RefusalAlert({ reasons }: { reasons: string[] }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="precheck-refused"
      role="alert"
      title={t.apply.refusedTitle}
      description={
        <>
          {t.apply.refusedText}
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {reasons.map((r) => (
              <li key={r} data-testid="precheck-reason">
                {r}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
