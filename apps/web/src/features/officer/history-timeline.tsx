import { type AuditEventDto, ROLES, type Role, roleLabels } from '@opendmv/contracts';
import { Empty, Timeline, Typography } from 'antd';
import { OutcomeTag } from '../../app/components/status-tags.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useAuditActionLabel } from '../../app/labels.tsx';

const isRole = (r: string | null): r is Role => r !== null && (ROLES as readonly string[]).includes(r);

/** Compact "key: value" text of an audit event's details, for one line under the action. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** A record's history, newest first, from its audit events. */
export function HistoryTimeline({ events }: { events: AuditEventDto[] }) {
  const { t, pick } = useI18n();
  const actionLabel = useAuditActionLabel();
  if (events.length === 0)
    return <Empty description={t.vehicle.noHistory} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const sorted = [...events].sort((a, b) => b.seq - a.seq);
  return (
    <Timeline
      items={sorted.map((e) => ({
        key: e.seq,
        color: e.outcome === 'success' ? 'blue' : e.outcome === 'denied' ? 'orange' : 'red',
        content: (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {formatDateTime(e.at)}
            </Typography.Text>
            <Typography.Text
              strong
              className={actionLabel(e.action) === e.action ? 'odmv-mono' : undefined}
              title={e.action}
            >
              {actionLabel(e.action)}
            </Typography.Text>{' '}
            <OutcomeTag outcome={e.outcome} />
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {isRole(e.actorRole) ? pick(roleLabels[e.actorRole]) : (e.actorRole ?? t.audit.system)}
              {e.actorId ? ` · ${e.actorId.slice(0, 8)}` : ''} · #{e.seq}
            </Typography.Text>
            {Object.keys(e.details).length > 0 && (
              <Typography.Paragraph
                type="secondary"
                style={{ fontSize: 12, margin: 0 }}
                ellipsis={{ rows: 2, expandable: true }}
              >
                {detailsText(e.details)}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
