import type { CaseDetail, CaseState } from '@opendmv/contracts';
import { Empty, Steps, Timeline, Typography } from 'antd';
import { CASE_STATE_COLOURS, useCaseLabels } from '../../app/case-labels.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';

type CaseEvent = CaseDetail['events'][number];

const dotColour = (s: CaseState): string => {
  const c = CASE_STATE_COLOURS[s];
  if (c === 'success' || c === 'green') return 'green';
  if (c === 'error') return 'red';
  if (c === 'warning') return 'orange';
  if (c === 'default') return 'gray';
  return 'blue';
};

/** The case's event log, newest first: action, new state, who, when, and the note. */
export function CaseEventsTimeline({ events }: { events: CaseEvent[] }) {
  const { t } = useI18n();
  const labels = useCaseLabels();
  if (events.length === 0)
    return <Empty description={t.cases.noEvents} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const sorted = [...events].sort((a, b) => b.seq - a.seq);
  return (
    <Timeline
      data-testid="case-events"
      items={sorted.map((e) => ({
        key: e.seq,
        color: dotColour(e.toState),
        content: (
          <div data-testid="case-event" data-action={e.action} data-to={e.toState}>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {formatDateTime(e.at)}
            </Typography.Text>
            <Typography.Text strong>{labels.action(e.action)}</Typography.Text>
            <Typography.Text type="secondary"> → {labels.state(e.toState)}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.role(e.actorRole)}
              {e.actorName && e.actorName !== e.actorRole ? ` · ${e.actorName}` : ''}
            </Typography.Text>
            {e.note && (
              <Typography.Paragraph style={{ margin: '4px 0 0', fontSize: 13 }} className="odmv-event-note">
                {e.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}

/** Milestones a case went through (from its events), with the current state last. */
export function CaseSteps({ detail }: { detail: CaseDetail }) {
  const labels = useCaseLabels();
  const seen: { state: CaseState; at: string }[] = [];
  for (const e of [...detail.events].sort((a, b) => a.seq - b.seq)) {
    if (e.toState === 'auto-checked') continue;
    const last = seen[seen.length - 1];
    if (last?.state !== e.toState) seen.push({ state: e.toState, at: e.at });
  }
  if (seen.length === 0) seen.push({ state: detail.status, at: detail.submittedAt });
  const final = ['completed', 'rejected', 'withdrawn'].includes(detail.status);
  type Step = {
    key: string;
    title: string;
    content: string;
    status: 'finish' | 'error' | 'process' | 'wait';
  };
  const items: Step[] = seen.map((s, i) => ({
    key: `${s.state}-${i}`,
    title: labels.state(s.state),
    content: formatDateTime(s.at),
    status:
      i < seen.length - 1
        ? ('finish' as const)
        : s.state === 'rejected'
          ? ('error' as const)
          : final
            ? ('finish' as const)
            : ('process' as const),
  }));
  if (!final)
    items.push({ key: 'done', title: labels.state('completed'), content: '', status: 'wait' as const });
  return (
    <Steps
      data-testid="case-steps"
      size="small"
      orientation="vertical"
      current={seen.length - 1}
      items={items}
    />
  );
}
