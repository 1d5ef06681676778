import { FileProtectOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { OrderStatusTag, ProviderName } from './payment-parts.tsx';
import { orderPath, receiptPdfUrl, receiptVerifyPath, useMyOrders } from './payments-api.ts';

/** `/citizen/payments`: my payment orders, newest first, with their receipts. */
export function MyPaymentsPage() {
  const { t } = useI18n();
  const q = useMyOrders();
  const items = q.data ? [...q.data.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];
  return (
    <Card title={t.payments.myTitle} size="small" data-testid="my-payments">
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : items.length === 0 ? (
        <Empty description={t.payments.noOrders} image={Empty.PRESENTED_IMAGE_SIMPLE}>
          <Link to="/citizen">{t.payments.backToViolations}</Link>
        </Empty>
      ) : (
        <ul className="odmv-item-list">
          {items.map((o) => (
            <li key={o.id} data-testid="my-payment" data-number={o.number} data-status={o.status}>
              <Link to={orderPath(o.id)} className="odmv-item-row">
                <span className="odmv-item-main">
                  <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <span>
                      <Typography.Text strong>{t.payments.kinds[o.kind]}</Typography.Text>{' '}
                      <OrderStatusTag status={o.status} />
                    </span>
                    <span
                      className={o.status === 'pending' ? 'odmv-money odmv-money-due' : 'odmv-money'}
                      style={{ fontWeight: 600 }}
                      data-testid="my-payment-amount"
                    >
                      {formatFen(o.amountFen)}
                    </span>
                  </span>
                  <span className="odmv-item-facts" style={{ display: 'block' }}>
                    {o.subjectLabel}
                  </span>
                  <span className="odmv-item-facts" style={{ display: 'block' }}>
                    <span className="odmv-mono">{o.number}</span> ·{' '}
                    {o.paidAt
                      ? `${t.payments.paidAt} ${formatDateTime(o.paidAt)}`
                      : `${t.payments.createdAt} ${formatDateTime(o.createdAt)}`}
                  </span>
                  {o.provider && (
                    <span className="odmv-item-facts" style={{ display: 'block' }}>
                      <ProviderName provider={o.provider} />
                    </span>
                  )}
                </span>
                <RightOutlined aria-hidden style={{ color: '#9ca3af' }} />
              </Link>
              {o.receiptId && (
                <div style={{ display: 'flex', gap: 16, padding: '0 0 10px', fontSize: 13 }}>
                  <a href={receiptPdfUrl(o.receiptId)} download data-testid="my-payment-receipt">
                    <FileProtectOutlined aria-hidden /> {t.payments.receiptDownload}
                  </a>
                  <a href={receiptVerifyPath(o.receiptId)}>{t.payments.receiptVerify}</a>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
