import { type CaseDetail, isFinalState } from '@opendmv/contracts';
import { Alert, Button, Card, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { OrderStatusTag, ReceiptLinks } from './payment-parts.tsx';
import { currentOrder, orderPath, useCreateMyOrder, useMyOrders } from './payments-api.ts';

/**
 * The fee of my application (when the item has one) and where its payment stands: paid (with the
 * receipt), to pay now (makes the order and opens it), or refunded after a rejection or withdrawal.
 */
export function CaseFeePanel({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const hasFee = c.feeFen > 0;
  const q = useMyOrders(c.id, hasFee);
  const create = useCreateMyOrder();
  if (!hasFee) return null;
  const order = q.data ? currentOrder(q.data.items.filter((o) => o.caseId === c.id)) : undefined;
  const state = order?.status ?? 'none';
  const closedCase = isFinalState(c.status);
  const payable = !order || order.status === 'expired' || order.status === 'cancelled';
  const error = create.error
    ? isApiError(create.error)
      ? create.error.message
      : t.common.networkError
    : null;

  return (
    <Card
      size="small"
      title={t.payments.caseFeeTitle}
      data-testid="case-fee-panel"
      data-state={state}
      extra={
        <span className="odmv-money" style={{ fontWeight: 600 }} data-testid="case-fee-amount">
          {formatFen(c.feeFen)}
        </span>
      }
    >
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : order?.status === 'paid' ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Space wrap size={6}>
            <OrderStatusTag status="paid" />
            <Typography.Text>{t.payments.caseFeePaid}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(order.paidAt)}
            </Typography.Text>
          </Space>
          {order.receiptId && <ReceiptLinks receiptId={order.receiptId} />}
        </Space>
      ) : order?.status === 'refund-pending' || order?.status === 'refunded' ? (
        <Space orientation="vertical" size={6}>
          <OrderStatusTag status={order.status} />
          <Typography.Text>{t.payments.caseFeeRefunded}</Typography.Text>
          {order.refundReason && (
            <Typography.Text type="secondary">
              {t.payments.refundReason}: {order.refundReason}
            </Typography.Text>
          )}
          <Link to={orderPath(order.id)}>{t.payments.viewOrder}</Link>
        </Space>
      ) : order?.status === 'pending' ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <OrderStatusTag status="pending" />
          <Button
            type="primary"
            block
            onClick={() => navigate(orderPath(order.id))}
            data-testid="case-fee-pay"
          >
            {t.payments.continuePay}
          </Button>
        </Space>
      ) : closedCase ? (
        <Typography.Text type="secondary">{t.payments.caseFeeNotDue}</Typography.Text>
      ) : (
        payable && (
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t.payments.caseFeeUnpaid}</Typography.Text>
            {error && <Alert type="error" showIcon title={error} role="alert" />}
            <Button
              type="primary"
              block
              loading={create.isPending}
              data-testid="case-fee-pay"
              onClick={() =>
                create.mutate({ kind: 'fee', caseId: c.id }, { onSuccess: (o) => navigate(orderPath(o.id)) })
              }
            >
              {t.payments.caseFeePay(formatFen(c.feeFen))}
            </Button>
          </Space>
        )
      )}
    </Card>
  );
}
