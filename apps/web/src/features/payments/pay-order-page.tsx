import { CheckCircleFilled, ClockCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { type PaymentOrderDto, type PaymentProvider, PROVIDER_INFO, providersFor } from '@opendmv/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import {
  OrderBreakdown,
  OrderStatusTag,
  ProviderIcon,
  ProviderName,
  ReceiptLinks,
} from './payment-parts.tsx';
import { orderPath, useCreateMyOrder, useMyOrder, usePayOrder } from './payments-api.ts';

/** The order the browser left for a provider's cashier page, so the page knows it is coming back from one. */
const PAYING_KEY = 'odmv.paying';
const readPaying = (): string | null => {
  try {
    return sessionStorage.getItem(PAYING_KEY);
  } catch {
    return null;
  }
};
const writePaying = (id: string | null) => {
  try {
    if (id) sessionStorage.setItem(PAYING_KEY, id);
    else sessionStorage.removeItem(PAYING_KEY);
  } catch {
    // storage blocked: the page then only polls
  }
};

const ONLINE = providersFor('online');

function ProviderChoice({ order }: { order: PaymentOrderDto }) {
  const { t, pick } = useI18n();
  const pay = usePayOrder(order.id);
  const [provider, setProvider] = useState<PaymentProvider>(
    order.provider && ONLINE.includes(order.provider) ? order.provider : ONLINE[0]!,
  );
  const [leaving, setLeaving] = useState(false);
  const error = pay.error ? (isApiError(pay.error) ? pay.error.message : t.common.networkError) : null;
  return (
    <Card size="small" title={t.payments.chooseProvider} data-testid="pay-providers">
      <Radio.Group
        className="odmv-providers"
        value={provider}
        onChange={(e) => setProvider(e.target.value as PaymentProvider)}
        aria-label={t.payments.chooseProvider}
      >
        {ONLINE.map((p) => (
          <Radio
            key={p}
            value={p}
            className={p === provider ? 'odmv-provider is-selected' : 'odmv-provider'}
            data-testid="pay-provider"
            data-value={p}
          >
            <span className="odmv-provider-body">
              <ProviderIcon provider={p} size={26} />
              <span className="odmv-provider-text">
                <Typography.Text strong>{pick(PROVIDER_INFO[p].name)}</Typography.Text>
                <span className="odmv-provider-hint">{t.payments.providerHints[p]}</span>
              </span>
            </span>
          </Radio>
        ))}
      </Radio.Group>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 12 }} />}
      <Button
        type="primary"
        size="large"
        block
        style={{ marginTop: 12 }}
        data-testid="pay-submit"
        loading={pay.isPending || leaving}
        onClick={() =>
          pay.mutate(provider, {
            onSuccess: (intent) => {
              writePaying(order.id);
              setLeaving(true);
              window.location.assign(intent.payUrl);
            },
          })
        }
      >
        {leaving ? t.payments.redirecting : t.payments.payNow(formatFen(order.amountFen))}
      </Button>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
        <ClockCircleOutlined aria-hidden /> {t.payments.validUntil(formatDateTime(order.expiresAt))}
      </Typography.Text>
    </Card>
  );
}

function PaidCard({ order }: { order: PaymentOrderDto }) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid="pay-success">
      <div style={{ textAlign: 'center', padding: '8px 0 12px' }}>
        <CheckCircleFilled style={{ fontSize: 48, color: '#16a34a' }} aria-hidden />
        <Typography.Title level={4} style={{ margin: '8px 0 2px' }}>
          {t.payments.paidTitle}
        </Typography.Title>
        <Typography.Text type="secondary">{t.payments.paidSub(formatFen(order.amountFen))}</Typography.Text>
      </div>
      <dl className="odmv-pay-facts">
        <dt>{t.payments.paidAt}</dt>
        <dd data-testid="order-paid-at">{formatDateTime(order.paidAt)}</dd>
        {order.provider && (
          <>
            <dt>{t.payments.provider}</dt>
            <dd>
              <ProviderName provider={order.provider} />
            </dd>
          </>
        )}
        {order.providerRef && (
          <>
            <dt>{t.payments.providerRef}</dt>
            <dd className="odmv-mono" style={{ whiteSpace: 'normal' }}>
              {order.providerRef}
            </dd>
          </>
        )}
      </dl>
      <div style={{ marginTop: 14 }} data-testid="receipt" data-receipt-id={order.receiptId ?? ''}>
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
          {t.payments.receiptTitle}
        </Typography.Text>
        {order.receiptId ? (
          <ReceiptLinks receiptId={order.receiptId} />
        ) : (
          <Typography.Text type="secondary">
            <LoadingOutlined aria-hidden /> {t.payments.receiptPending}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

/** Expired or cancelled: nothing was taken; a fresh order carries today's amount. */
function ClosedCard({ order }: { order: PaymentOrderDto }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateMyOrder();
  const expired = order.status === 'expired';
  const again = () =>
    create.mutate(
      order.kind === 'fine' && order.violationId
        ? { kind: 'fine', violationId: order.violationId }
        : { kind: 'fee', caseId: order.caseId ?? '' },
      { onSuccess: (o) => navigate(orderPath(o.id), { replace: true }) },
    );
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="pay-closed"
      title={expired ? t.payments.expiredTitle : t.payments.cancelledTitle}
      description={
        <Space orientation="vertical" size={8}>
          <span>{expired ? t.payments.expiredText : t.payments.cancelledText}</span>
          {create.error && (
            <Typography.Text type="danger">
              {isApiError(create.error) ? create.error.message : t.common.networkError}
            </Typography.Text>
          )}
          {(order.violationId || order.caseId) && (
            <Button type="primary" onClick={again} loading={create.isPending} data-testid="pay-renew">
              {t.payments.renew}
            </Button>
          )}
        </Space>
      }
    />
  );
}

function RefundCard({ order }: { order: PaymentOrderDto }) {
  const { t } = useI18n();
  const done = order.status === 'refunded';
  return (
    <Alert
      type="info"
      showIcon
      data-testid="pay-refund"
      title={done ? t.payments.refundedTitle : t.payments.refundPendingTitle}
      description={
        <Space orientation="vertical" size={4}>
          <span>{t.payments.refundText}</span>
          {order.refundReason && (
            <span>
              {t.payments.refundReason}: {order.refundReason}
            </span>
          )}
          {order.refundedAt && (
            <span>
              {t.payments.refundedAt}: {formatDateTime(order.refundedAt)}
            </span>
          )}
        </Space>
      }
    />
  );
}

/**
 * `/citizen/payments/:id`: what this order pays (a fine with its late surcharge, or a case's fee), the
 * provider to pay with, and, back from the provider's cashier page, the result: the page re-reads the
 * order until the provider's notification has settled it, then offers the electronic receipt.
 */
export function PayOrderPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const q = useMyOrder(id);
  const status = q.data?.status;
  const [returned] = useState(() => readPaying() === id);

  useEffect(() => {
    if (!status || status === 'pending') return;
    if (readPaying() === id) writePaying(null);
    if (status === 'paid') {
      // The fine is paid now, the case's fee settled: what the other pages show has changed.
      void qc.invalidateQueries({ queryKey: ['me', 'violations'] });
      void qc.invalidateQueries({ queryKey: ['payments', 'me', 'list'] });
      void qc.invalidateQueries({ queryKey: ['cases', 'me'] });
    }
  }, [status, id, qc]);

  if (q.isPending) return <BlockSpin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const o = q.data;
  const confirming = o.status === 'pending' && returned;
  return (
    <div className="odmv-stack" data-testid="pay-order-page" data-status={o.status} data-kind={o.kind}>
      <section className="odmv-citizen-hero odmv-pay-hero">
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
          <span className="odmv-hero-name">
            {o.kind === 'fine' ? t.payments.payFineTitle : t.payments.payFeeTitle}
          </span>
          <OrderStatusTag status={o.status} />
        </div>
        <div className="odmv-hero-sub">
          {o.status === 'pending'
            ? t.payments.amountToday
            : o.status === 'paid'
              ? t.payments.amountPaid
              : t.payments.amountOfOrder}
        </div>
        <div className="odmv-pay-amount" data-testid="order-amount">
          {formatFen(o.amountFen)}
        </div>
        <div className="odmv-hero-sub">
          {t.payments.orderNumber}{' '}
          <span className="odmv-mono" data-testid="order-number">
            {o.number}
          </span>
        </div>
      </section>

      {confirming && (
        <Alert
          type="info"
          showIcon
          icon={<LoadingOutlined />}
          data-testid="pay-confirming"
          title={t.payments.confirming}
          description={t.payments.confirmingHint}
        />
      )}
      {o.status === 'paid' && <PaidCard order={o} />}
      {(o.status === 'expired' || o.status === 'cancelled') && <ClosedCard order={o} />}
      {(o.status === 'refund-pending' || o.status === 'refunded') && <RefundCard order={o} />}

      <Card size="small" title={t.payments.subject}>
        <Typography.Paragraph style={{ marginBottom: 10 }} data-testid="order-subject">
          {o.subjectLabel}
        </Typography.Paragraph>
        <OrderBreakdown order={o} />
      </Card>

      {o.status === 'pending' && <ProviderChoice order={o} />}

      <Space style={{ justifyContent: 'center', width: '100%' }} size={16} wrap>
        {o.kind === 'fine' ? (
          <Link to="/citizen">{t.payments.backToViolations}</Link>
        ) : (
          o.caseId && <Link to={`/citizen/cases/${o.caseId}`}>{t.payments.backToCase}</Link>
        )}
        <Link to="/citizen/payments" data-testid="my-payments-link">
          {t.payments.myPayments}
        </Link>
      </Space>
    </div>
  );
}
