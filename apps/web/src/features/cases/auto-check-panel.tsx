import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import type { AutoCheckDto } from '@opendmv/contracts';
import { Alert, Checkbox, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { MATERIAL_STATE_COLOURS, useCaseLabels } from '../../app/case-labels.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';

type Rule = AutoCheckDto['rules'][number];
export type Material = AutoCheckDto['materials'][number];

/** The overall verdict of a check: eligible (instant or review) or not. */
export function CheckVerdict({ check }: { check: AutoCheckDto }) {
  const { t } = useI18n();
  if (!check.eligible)
    return (
      <Alert
        type="error"
        showIcon
        data-testid="check-verdict"
        data-eligible="false"
        title={t.check.notEligible}
        description={check.channelAllowed ? undefined : t.check.channelClosed}
      />
    );
  return (
    <Alert
      type={check.instant ? 'success' : 'info'}
      showIcon
      data-testid="check-verdict"
      data-eligible="true"
      data-instant={String(check.instant)}
      title={`${t.check.eligible} · ${check.instant ? t.check.instant : t.check.needsReview}`}
    />
  );
}

/**
 * One rule: a failed one reads as its reason (`message`, red when it refuses, amber when it sends the case
 * to an officer); a met or not-applicable one reads as the condition it states (`condition`).
 */
function RuleRow({ rule }: { rule: Rule }) {
  const { t, pick } = useI18n();
  const failed = rule.applicable && !rule.passed;
  const icon = !rule.applicable ? (
    <MinusCircleOutlined style={{ color: '#9ca3af' }} role="img" aria-label={t.check.notApplicable} />
  ) : rule.passed ? (
    <CheckCircleFilled style={{ color: '#16a34a' }} role="img" aria-label={t.check.passed} />
  ) : (
    <CloseCircleFilled
      style={{ color: rule.severity === 'refuse' ? '#dc2626' : '#d97706' }}
      role="img"
      aria-label={t.check.failed}
    />
  );
  return (
    <li
      className="odmv-check-row"
      data-testid="check-rule"
      data-rule-id={rule.id}
      data-passed={String(rule.passed)}
      data-applicable={String(rule.applicable)}
    >
      <span className="odmv-check-icon">{icon}</span>
      <span className="odmv-check-body">
        <Typography.Text
          type={
            failed
              ? rule.severity === 'refuse'
                ? 'danger'
                : 'warning'
              : rule.applicable
                ? undefined
                : 'secondary'
          }
          data-testid="check-rule-text"
        >
          {pick(failed ? rule.message : rule.condition)}
        </Typography.Text>
        {failed && (
          <Tag color={rule.severity === 'refuse' ? 'error' : 'warning'} style={{ marginInlineStart: 6 }}>
            {rule.severity === 'refuse' ? t.check.refuse : t.check.review}
          </Tag>
        )}
        <span className="odmv-check-source">
          {t.guide.basis}:{' '}
          {rule.source.url ? (
            <a href={rule.source.url} target="_blank" rel="noreferrer">
              {rule.source.title}
            </a>
          ) : (
            rule.source.title
          )}
        </span>
      </span>
    </li>
  );
}

/** Rules not passed first; then the passed ones; then those that do not apply this time. */
function RuleGroups({ rules }: { rules: Rule[] }) {
  const { t } = useI18n();
  const failed = rules.filter((r) => r.applicable && !r.passed);
  const passed = rules.filter((r) => r.applicable && r.passed);
  const skipped = rules.filter((r) => !r.applicable);
  const list = (rs: Rule[]) => (
    <ul className="odmv-check-list">
      {rs.map((r) => (
        <RuleRow key={r.id} rule={r} />
      ))}
    </ul>
  );
  return (
    <>
      {failed.length > 0 && list(failed)}
      {passed.length > 0 && list(passed)}
      {skipped.length > 0 && (
        <>
          <Typography.Text type="secondary" className="odmv-check-caption">
            {t.check.notApplicableCaption}
          </Typography.Text>
          {list(skipped)}
        </>
      )}
    </>
  );
}

export interface HandedIn {
  value: readonly string[];
  onChange: (codes: string[]) => void;
}

function MaterialRow({ m, handedIn, extra }: { m: Material; handedIn?: HandedIn; extra?: ReactNode }) {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const selectable = handedIn && m.supplier === 'applicant' && m.state !== 'not-needed';
  const ticked = selectable && handedIn.value.includes(m.code);
  const state = ticked ? 'provided' : m.state;
  return (
    <li className="odmv-check-row" data-testid="check-material" data-code={m.code} data-state={state}>
      <span className="odmv-check-icon">
        {selectable ? (
          <Checkbox
            data-testid="material-handed-in"
            data-code={m.code}
            checked={ticked}
            aria-label={`${t.check.handedIn}: ${pick(m.name)}`}
            onChange={(e) =>
              handedIn.onChange(
                e.target.checked ? [...handedIn.value, m.code] : handedIn.value.filter((c) => c !== m.code),
              )
            }
          />
        ) : state === 'supplied' || state === 'provided' ? (
          <CheckCircleFilled style={{ color: '#16a34a' }} aria-hidden />
        ) : state === 'not-needed' ? (
          <MinusCircleOutlined style={{ color: '#9ca3af' }} aria-hidden />
        ) : (
          <span className="odmv-check-dot" aria-hidden />
        )}
      </span>
      <span className="odmv-check-body">
        <Typography.Text type={state === 'not-needed' ? 'secondary' : undefined}>
          {pick(m.name)}
        </Typography.Text>
        <Tag color={MATERIAL_STATE_COLOURS[state]} style={{ marginInlineStart: 6 }}>
          {labels.materialState(state, m.supplier)}
        </Tag>
        {extra}
      </span>
    </li>
  );
}

/**
 * The materials of a check, each with who supplies it and its state; `extra` adds something under a
 * material (the files handed in, an upload control).
 */
export function MaterialChecklist({
  materials,
  handedIn,
  extra,
}: {
  materials: readonly Material[];
  handedIn?: HandedIn;
  extra?: (m: Material) => ReactNode;
}) {
  return (
    <ul className="odmv-check-list">
      {materials.map((m) => (
        <MaterialRow key={m.code} m={m} handedIn={handedIn} extra={extra?.(m)} />
      ))}
    </ul>
  );
}

/**
 * The automatic check (自动核验): every rule ✓/✗ — its condition when met, its reason when not — and source, and the materials checklist
 * with who supplies each. Used by the citizen's pre-check, the window console and the case detail; at the
 * window the applicant's materials get a checkbox ("handed in"). `materials={false}` leaves the checklist
 * out (a page that shows it on its own, with uploads).
 */
export function AutoCheckPanel({
  check,
  handedIn,
  verdict = true,
  materials = true,
  materialExtra,
}: {
  check: AutoCheckDto;
  handedIn?: HandedIn;
  verdict?: boolean;
  materials?: boolean;
  materialExtra?: (m: Material) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="odmv-check" data-testid="autocheck-panel" data-eligible={String(check.eligible)}>
      {verdict && <CheckVerdict check={check} />}
      {check.rules.length > 0 && (
        <>
          <Typography.Title level={5} className="odmv-check-title">
            {t.check.rules}
          </Typography.Title>
          <RuleGroups rules={check.rules} />
        </>
      )}
      {materials && check.materials.length > 0 && (
        <>
          <Typography.Title level={5} className="odmv-check-title">
            {t.check.materials}
          </Typography.Title>
          {handedIn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.window.handedIn}
            </Typography.Text>
          )}
          <MaterialChecklist materials={check.materials} handedIn={handedIn} extra={materialExtra} />
        </>
      )}
    </div>
  );
}
