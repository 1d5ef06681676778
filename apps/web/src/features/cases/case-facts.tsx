import { ClockCircleOutlined, ThunderboltFilled } from '@ant-design/icons';
import type { CaseDetail, CaseSummary } from '@opendmv/contracts';
import { Descriptions, type DescriptionsProps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { formatDate, formatDateTime, formatFen, TIME_ZONE } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useServiceGuide } from '../catalog/catalog-api.ts';

const today = () => dayjs().tz(TIME_ZONE).format('YYYY-MM-DD');
const isOpen = (c: CaseSummary) => !['completed', 'rejected', 'withdrawn'].includes(c.status);

/** A due date, red when it has passed on an open case. */
export function DueDate({ c, date = c.dueDate }: { c: CaseSummary; date?: string | null }) {
  const { t } = useI18n();
  if (!date) return <>—</>;
  const late = isOpen(c) && date < today();
  return (
    <span className={late ? 'odmv-overdue' : undefined} data-overdue={String(late)} data-testid="case-due">
      {formatDate(date)}
      {late && (
        <Tag color="error" style={{ marginInlineStart: 6 }}>
          {t.cases.overdue}
        </Tag>
      )}
    </span>
  );
}

/** "按规则即时办结" when the rules decided the case; otherwise who decided, if anyone yet. */
export function DecidedByTag({ decidedBy }: { decidedBy: CaseSummary['decidedBy'] }) {
  const labels = useCaseLabels();
  if (!decidedBy) return null;
  return (
    <Tag
      color={decidedBy === 'rule' ? 'success' : 'blue'}
      icon={decidedBy === 'rule' ? <ThunderboltFilled /> : undefined}
      data-testid={decidedBy === 'rule' ? 'decided-by-rule' : 'decided-by'}
      data-decided-by={decidedBy}
    >
      {labels.decidedBy(decidedBy)}
    </Tag>
  );
}

/** The facts of a case: subject, dates, delivery, fee, office; staff also see the applicant and channel. */
export function CaseFacts({ c, staff = false }: { c: CaseDetail; staff?: boolean }) {
  const { t, pick } = useI18n();
  // Labels of the form's fields: from the item's guide (the version in force; keys stay stable).
  const guide = useServiceGuide(c.itemCode);
  const fieldLabel = (key: string) => {
    const f = guide.data?.definition.form.find((x) => x.key === key);
    return f ? pick(f.label) : key;
  };
  const labels = useCaseLabels();
  const items: DescriptionsProps['items'] = [
    ...(staff
      ? [
          { key: 'applicant', label: t.cases.applicant, children: c.applicantName },
          {
            key: 'id',
            label: t.cases.applicantId,
            children: (
              <span className="odmv-mono" data-testid="case-applicant-id">
                {c.applicantIdNumber}
              </span>
            ),
          },
          ...(c.agentName ? [{ key: 'agent', label: t.cases.agent, children: c.agentName }] : []),
        ]
      : []),
    {
      key: 'subject',
      label: t.cases.subject,
      children: <span data-testid="case-subject">{c.subjectLabel}</span>,
    },
    { key: 'submitted', label: t.cases.submittedAt, children: formatDateTime(c.submittedAt) },
    { key: 'due', label: t.cases.dueDate, children: <DueDate c={c} /> },
    { key: 'statutory', label: t.cases.statutoryDue, children: formatDate(c.statutoryDueDate) },
    ...(staff && c.stateDueDate
      ? [{ key: 'stateDue', label: t.cases.stateDue, children: <DueDate c={c} date={c.stateDueDate} /> }]
      : []),
    ...(c.pausedSince
      ? [
          {
            key: 'paused',
            label: (
              <>
                <ClockCircleOutlined aria-hidden /> {t.cases.clock}
              </>
            ),
            children: (
              <Typography.Text type="warning">
                {t.cases.pausedSince(formatDate(c.pausedSince))}
              </Typography.Text>
            ),
          },
        ]
      : []),
    {
      key: 'channel',
      label: t.cases.channel,
      children: (
        <>
          {labels.channel(c.channel)}
          {c.outlet ? ` · ${c.outlet.name}` : ''}
        </>
      ),
    },
    { key: 'office', label: t.cases.office, children: c.handlingOffice.name },
    {
      key: 'delivery',
      label: t.cases.delivery,
      children: (
        <span data-testid="case-delivery" data-delivery={c.delivery}>
          {labels.delivery(c.delivery)}
          {c.deliveryAddress ? ` · ${c.deliveryAddress}` : ''}
        </span>
      ),
    },
    {
      key: 'fee',
      label: t.cases.fee,
      children: <span className="odmv-money">{c.feeFen === 0 ? t.guide.free : formatFen(c.feeFen)}</span>,
    },
    ...(staff && c.ruleSet
      ? [{ key: 'ruleSet', label: t.cases.ruleSet, children: <span className="odmv-mono">{c.ruleSet}</span> }]
      : []),
    ...Object.entries(c.form).map(([k, v]) => ({ key: `form-${k}`, label: fieldLabel(k), children: v })),
  ];
  return (
    <Descriptions
      size="small"
      column={staff ? { xs: 1, sm: 1, md: 2 } : 1}
      bordered={staff}
      items={items}
      data-testid="case-facts"
    />
  );
}
