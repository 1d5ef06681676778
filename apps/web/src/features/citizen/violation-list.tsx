import { ClockCircleOutlined, EnvironmentOutlined, PayCircleOutlined } from '@ant-design/icons';
import {
  VIOLATION_STATUS_LABELS,
  type ViolationDto,
  type ViolationList as ViolationListDto,
} from '@opendmv/contracts';
import { Button, Card, Empty, Segmented, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { ViolationStatusTag } from '../../app/labels.tsx';
import { orderPath, useCreateMyOrder } from '../payments/payments-api.ts';
import { useMyViolations } from './citizen-api.ts';

type Filter = 'all' | ViolationDto['status'];
const STATUSES = Object.keys(VIOLATION_STATUS_LABELS) as ViolationDto['status'][];

function MoneyRow({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between' }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <span className={strong ? 'odmv-money odmv-money-due' : 'odmv-money'}>{value}</span>
    </div>
  );
}

/**
 * A decided fine not paid yet: makes the payment order (or reopens the open one) for today's amount, fine
 * plus late surcharge, and goes to its payment page.
 */
function PayFine({ v }: { v: ViolationDto }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateMyOrder();
  return (
    <div style={{ marginTop: 8 }}>
      <Button
        type="primary"
        block
        icon={<PayCircleOutlined />}
        loading={create.isPending}
        data-testid="violation-pay"
        data-violation-id={v.id}
        onClick={() =>
          create.mutate({ kind: 'fine', violationId: v.id }, { onSuccess: (o) => navigate(orderPath(o.id)) })
        }
      >
        {t.payments.payFine(formatFen(v.amountDueFen))}
      </Button>
      {create.error && (
        <Typography.Text type="danger" role="alert" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {isApiError(create.error) ? create.error.message : t.common.networkError}
        </Typography.Text>
      )}
    </div>
  );
}

function ViolationItem({ v }: { v: ViolationDto }) {
  const { t } = useI18n();
  return (
    <article className="odmv-violation-item" data-testid="citizen-violation" data-status={v.status}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
        <Typography.Text strong>{v.description}</Typography.Text>
        <ViolationStatusTag status={v.status} />
      </div>
      <Space orientation="vertical" size={2} style={{ width: '100%', marginTop: 6, fontSize: 13 }}>
        <Typography.Text type="secondary">
          <ClockCircleOutlined aria-hidden /> {formatDateTime(v.occurredAt)} · {v.plate}
        </Typography.Text>
        <Typography.Text type="secondary">
          <EnvironmentOutlined aria-hidden /> {v.place}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t.violation.code} {v.code} · {t.violation.points} {t.violation.pointsUnit(v.points)}
        </Typography.Text>
        <MoneyRow label={t.violation.fine} value={formatFen(v.fineFen)} />
        {v.surchargeFen > 0 && (
          <MoneyRow
            label={`${t.violation.surcharge} · ${t.violation.daysLate(v.daysLate)}`}
            value={formatFen(v.surchargeFen)}
          />
        )}
        {v.status !== 'paid' && (
          <MoneyRow label={t.violation.amountDue} value={formatFen(v.amountDueFen)} strong />
        )}
      </Space>
      {v.status === 'decided' && <PayFine v={v} />}
    </article>
  );
}

/** Count, points and the total amount due today, over all of the citizen's violations. */
function Totals({ totals }: { totals: ViolationListDto['totals'] }) {
  const { t } = useI18n();
  return (
    <div className="odmv-totals" role="status" aria-label={t.violation.totalDue}>
      <Space size={16}>
        <span>
          <Typography.Text type="secondary">{t.violation.totalCount} </Typography.Text>
          <Typography.Text strong>{totals.count}</Typography.Text>
        </span>
        <span>
          <Typography.Text type="secondary">{t.violation.totalPoints} </Typography.Text>
          <Typography.Text strong>{totals.points}</Typography.Text>
        </span>
      </Space>
      <span>
        <Typography.Text type="secondary">{t.violation.totalDue} </Typography.Text>
        <span className="odmv-money odmv-money-due" data-testid="amount-due-total" style={{ fontSize: 18 }}>
          {formatFen(totals.amountDueFen)}
        </span>
      </span>
    </div>
  );
}

export function ViolationList() {
  const { t } = useI18n();
  const q = useMyViolations();
  const [filter, setFilter] = useState<Filter>('all');
  const items = q.data?.items ?? [];
  const shown = filter === 'all' ? items : items.filter((v) => v.status === filter);
  const count = (s: Filter) => (s === 'all' ? items.length : items.filter((v) => v.status === s).length);

  return (
    <Card data-testid="citizen-violations" title={t.citizen.violationsTitle} size="small">
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Totals totals={q.data.totals} />
          <Segmented<Filter>
            block
            value={filter}
            onChange={setFilter}
            aria-label={t.violation.status}
            options={[
              { value: 'all', label: `${t.common.all} ${count('all')}` },
              ...STATUSES.map((s) => ({
                value: s,
                label: `${t.citizen.filters[s]} ${count(s)}`,
              })),
            ]}
            style={{ marginBottom: 8 }}
          />
          {shown.length === 0 ? (
            <Empty description={t.citizen.noViolations} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            shown.map((v) => <ViolationItem key={v.id} v={v} />)
          )}
        </>
      )}
    </Card>
  );
}
