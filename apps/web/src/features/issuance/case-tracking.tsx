import {
  CarOutlined,
  CheckCircleFilled,
  EnvironmentOutlined,
  ExclamationCircleFilled,
  ShopOutlined,
} from '@ant-design/icons';
import type { CaseDetail, CaseTrackingDto } from '@opendmv/contracts';
import { Card, Descriptions, Empty, Steps, Tag, Timeline, Typography } from 'antd';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import type { CaseScope } from '../cases/cases-api.ts';
import { DELIVERING_STATES, useCaseTracking } from './issuance-api.ts';
import './issuance.css';

const COURSE = ['accepted', 'in-transit', 'out-for-delivery', 'delivered'] as const;

type Step = 'wait' | 'process' | 'finish' | 'error';

/** The four stages of a parcel, each finished, under way, failed or still to come. */
function stageStatuses(tr: CaseTrackingDto): Step[] {
  const seen = new Set(tr.events.map((e) => e.event));
  if (tr.current === 'delivered') return COURSE.map(() => 'finish');
  const at = COURSE.indexOf(tr.current as (typeof COURSE)[number]);
  return COURSE.map((s, i) => {
    if (tr.current === 'failed') {
      if (s === 'out-for-delivery') return 'error';
      return seen.has(s) && s !== 'delivered' ? 'finish' : 'wait';
    }
    if (at < 0) return 'wait';
    return i < at ? 'finish' : i === at ? 'process' : 'wait';
  });
}

function ParcelCard({ tr }: { tr: CaseTrackingDto }) {
  const { t } = useI18n();
  const m = t.issuance.tracking;
  const done = tr.current === 'delivered';
  const failed = tr.current === 'failed';
  const statuses = stageStatuses(tr);
  const events = [...tr.events].reverse();
  return (
    <Card
      size="small"
      title={
        <span>
          <CarOutlined aria-hidden /> {m.title}
        </span>
      }
      extra={<Tag color={done ? 'success' : failed ? 'error' : 'processing'}>{m.carrier}</Tag>}
      data-testid="case-tracking"
      data-delivery="post"
      data-current={tr.current}
    >
      <div
        className={`odmv-parcel-now${done ? ' is-done' : failed ? ' is-failed' : ''}`}
        data-testid="tracking-current"
        data-step={tr.current}
      >
        {done ? (
          <CheckCircleFilled aria-hidden />
        ) : failed ? (
          <ExclamationCircleFilled aria-hidden />
        ) : (
          <CarOutlined aria-hidden />
        )}
        <span>{m.current[tr.current]}</span>
      </div>
      <Steps
        size="small"
        responsive={false}
        titlePlacement="vertical"
        className="odmv-parcel-steps"
        current={Math.max(
          0,
          statuses.findLastIndex((x) => x !== 'wait'),
        )}
        items={COURSE.map((s, i) => ({
          key: s,
          status: statuses[i],
          title: (
            <span data-testid="tracking-stage" data-stage={s} data-status={statuses[i]}>
              {m.steps[s]}
            </span>
          ),
        }))}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'number',
            label: m.trackingNumber,
            children: tr.trackingNumber ? (
              <Typography.Text className="odmv-mono" copyable data-testid="tracking-number">
                {tr.trackingNumber}
              </Typography.Text>
            ) : (
              '—'
            ),
          },
          {
            key: 'address',
            label: m.address,
            children: (
              <span data-testid="tracking-address">
                <EnvironmentOutlined aria-hidden /> {tr.address ?? '—'}
              </span>
            ),
          },
        ]}
      />
      <Typography.Text strong style={{ display: 'block', margin: '8px 0' }}>
        {m.events}
      </Typography.Text>
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noEvents} style={{ margin: 0 }} />
      ) : (
        <Timeline
          data-testid="tracking-events"
          items={events.map((e, i) => ({
            key: `${e.event}-${e.at}`,
            color:
              e.event === 'failed' ? 'red' : i === 0 ? (e.event === 'delivered' ? 'green' : 'blue') : 'gray',
            content: (
              <div data-testid="tracking-event" data-event={e.event}>
                <Typography.Text strong={i === 0}>{m.event[e.event]}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {e.place} · {formatDateTime(e.at)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function CollectCard({ tr }: { tr: CaseTrackingDto }) {
  const { t, pick } = useI18n();
  const m = t.issuance.tracking;
  const done = tr.current === 'collected';
  return (
    <Card
      size="small"
      title={
        <span>
          <ShopOutlined aria-hidden /> {m.collectTitle}
        </span>
      }
      data-testid="case-tracking"
      data-delivery="collect"
      data-current={tr.current}
    >
      <div
        className={`odmv-parcel-now${done || tr.current === 'ready-for-collection' ? ' is-done' : ''}`}
        data-testid="tracking-current"
        data-step={tr.current}
      >
        {done ? <CheckCircleFilled aria-hidden /> : <ShopOutlined aria-hidden />}
        <span>{m.current[tr.current]}</span>
      </div>
      {tr.outlet && (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'outlet',
              label: m.outlet,
              children: (
                <div data-testid="tracking-outlet">
                  <Typography.Text strong>
                    {pick({ zh: tr.outlet.name, en: tr.outlet.nameEn })}
                  </Typography.Text>
                  {tr.outlet.address && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      <EnvironmentOutlined aria-hidden /> {tr.outlet.address}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      {!done && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {m.collectHint}
        </Typography.Text>
      )}
    </Card>
  );
}

/**
 * Where the renewed licence (or plate, or label) is: the parcel's course from the post's tracking events,
 * or the outlet to collect it at. Shown once the case is approved.
 */
export function CaseTracking({ c, scope }: { c: CaseDetail; scope: CaseScope }) {
  const { t } = useI18n();
  const show = DELIVERING_STATES.includes(c.status) && c.delivery !== 'electronic';
  const q = useCaseTracking(scope, c, show);
  if (!show) return null;
  if (q.isPending) return null;
  if (q.isError)
    return (
      <Card size="small" title={t.issuance.tracking.title}>
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      </Card>
    );
  return q.data.delivery === 'collect' ? <CollectCard tr={q.data} /> : <ParcelCard tr={q.data} />;
}
