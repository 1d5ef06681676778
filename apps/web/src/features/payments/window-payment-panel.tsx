import { LoadingOutlined } from '@ant-design/icons';
import {
  type CaseDetail,
  can,
  isFinalState,
  type PaymentProvider,
  PROVIDER_INFO,
  providersFor,
} from '@opendmv/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, InputNumber, Radio, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { useCurrentUser } from '../../app/auth/require-role.tsx';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { OrderStatusTag, ProviderIcon, ProviderName, ReceiptLinks } from './payment-parts.tsx';
import { currentOrder, useCollectPayment, useOfficeOrder, useOfficeOrders } from './payments-api.ts';

type WindowProvider = 'cash' | 'pos' | 'unionpay' | 'wechat' | 'alipay';
const WINDOW = providersFor('window') as WindowProvider[];
/** At the counter, cash and the POS come first. */
const ORDERED: WindowProvider[] = [
  ...WINDOW.filter((p) => p === 'cash' || p === 'pos'),
  ...WINDOW.filter((p) => p !== 'cash' && p !== 'pos'),
];

function CollectForm({ c, onStarted }: { c: CaseDetail; onStarted: (orderId: string) => void }) {
  const { t, pick } = useI18n();
  const collect = useCollectPayment();
  const [provider, setProvider] = useState<WindowProvider>(ORDERED[0]!);
  const [tenderedYuan, setTenderedYuan] = useState<number | null>(null);
  const tenderedFen = tenderedYuan === null ? null : Math.round(tenderedYuan * 100);
  const cash = provider === 'cash';
  const tooLow = cash && tenderedFen !== null && tenderedFen < c.feeFen;
  const ready = !cash || (tenderedFen !== null && !tooLow);
  const error = collect.error
    ? isApiError(collect.error)
      ? collect.error.message
      : t.common.networkError
    : null;
  return (
    <Space orientation="vertical" size={10} style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.payments.windowHint}
      </Typography.Text>
      <div>
        <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
          {t.payments.collectWith}
        </Typography.Text>
        <Radio.Group
          value={provider}
          onChange={(e) => setProvider(e.target.value as WindowProvider)}
          aria-label={t.payments.collectWith}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
          optionType="button"
        >
          {ORDERED.map((p) => (
            <Radio.Button key={p} value={p} data-testid="window-provider" data-value={p}>
              <Space size={4}>
                <ProviderIcon provider={p as PaymentProvider} size={14} />
                {pick(PROVIDER_INFO[p].name)}
              </Space>
            </Radio.Button>
          ))}
        </Radio.Group>
      </div>
      {cash && (
        <div>
          <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
            {t.payments.tendered}
          </Typography.Text>
          <Space wrap size={12} align="center">
            <InputNumber<number>
              data-testid="window-tendered"
              min={0}
              max={1_000_000}
              precision={2}
              step={10}
              prefix="¥"
              value={tenderedYuan}
              onChange={setTenderedYuan}
              status={tooLow ? 'error' : undefined}
              aria-label={t.payments.tendered}
              style={{ width: 160 }}
            />
            {tenderedFen !== null && !tooLow && (
              <span>
                {t.payments.change}{' '}
                <span className="odmv-money" style={{ fontWeight: 600 }} data-testid="window-change">
                  {formatFen(tenderedFen - c.feeFen)}
                </span>
              </span>
            )}
          </Space>
          {tooLow && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
              {t.payments.tenderedTooLow}
            </Typography.Text>
          )}
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      <Button
        type="primary"
        block
        disabled={!ready}
        loading={collect.isPending}
        data-testid="window-collect"
        onClick={() =>
          collect.mutate(
            {
              order: { kind: 'fee', caseId: c.id },
              body: cash && tenderedFen !== null ? { provider, tenderedFen } : { provider },
            },
            { onSuccess: (o) => onStarted(o.id) },
          )
        }
      >
        {t.payments.collect(formatFen(c.feeFen))}
      </Button>
    </Space>
  );
}

/**
 * The window officer takes the case's fee: cash (with the change worked out), the counter's POS, or a QR
 * code; the till or terminal confirms through the provider, so the card re-reads the order until it is
 * paid, then offers the receipt to print or download. A supervisor sees where the payment stands.
 */
export function WindowPaymentPanel({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const mayCollect = can(me.role, 'payment:collect');
  const maySee = mayCollect || can(me.role, 'payment:reconcile');
  const shown = c.feeFen > 0 && maySee;
  const list = useOfficeOrders({ caseId: c.id }, shown);
  const [activeId, setActiveId] = useState<string | null>(null);
  const listed = list.data ? currentOrder(list.data.items.filter((o) => o.caseId === c.id)) : undefined;
  // A collection under way (started here, or before this page was opened) is re-read until it settles.
  const pollId = activeId ?? (listed?.status === 'pending' && listed.provider ? listed.id : null);
  const polled = useOfficeOrder(shown ? pollId : null);
  const order = polled.data && polled.data.id === pollId ? polled.data : listed;
  const status = order?.status;

  useEffect(() => {
    if (status === 'paid') {
      void qc.invalidateQueries({ queryKey: ['payments', 'office', 'list'] });
      void qc.invalidateQueries({ queryKey: ['cases', 'office', 'detail', c.id] });
    }
  }, [status, qc, c.id]);

  if (!shown) return null;
  const waiting =
    order?.status === 'pending' &&
    (order.id === activeId || (!!order.provider && order.channel !== 'online'));
  const collectable =
    mayCollect &&
    !isFinalState(c.status) &&
    (!order ||
      order.status === 'expired' ||
      order.status === 'cancelled' ||
      (order.status === 'pending' && !waiting));

  return (
    <Card
      title={t.payments.windowTitle}
      size="small"
      data-testid="window-payment"
      data-state={status ?? 'none'}
      extra={
        <span className="odmv-money odmv-money-due" data-testid="window-fee">
          {formatFen(c.feeFen)}
        </span>
      }
    >
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : order?.status === 'paid' ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="window-paid">
          <Space wrap size={6}>
            <OrderStatusTag status="paid" />
            {order.provider && <ProviderName provider={order.provider} />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(order.paidAt)} · <span className="odmv-mono">{order.number}</span>
            </Typography.Text>
          </Space>
          {order.receiptId ? (
            <ReceiptLinks receiptId={order.receiptId} print />
          ) : (
            <Typography.Text type="secondary">
              <LoadingOutlined aria-hidden /> {t.payments.receiptPending}
            </Typography.Text>
          )}
        </Space>
      ) : (
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          {order && (
            <Space wrap size={6}>
              <OrderStatusTag status={order.status} />
              <Typography.Text type="secondary" className="odmv-mono" style={{ fontSize: 12 }}>
                {order.number}
              </Typography.Text>
              {order.refundReason && (
                <Typography.Text type="secondary">
                  {t.payments.refundReason}: {order.refundReason}
                </Typography.Text>
              )}
            </Space>
          )}
          {waiting && (
            <Alert
              type="info"
              showIcon
              icon={<LoadingOutlined />}
              data-testid="window-pay-waiting"
              title={t.payments.waitingDevice}
              description={t.payments.waitingDeviceHint}
            />
          )}
          {collectable && <CollectForm c={c} onStarted={setActiveId} />}
          {!mayCollect && !order && (
            <Typography.Text type="secondary">{t.payments.caseFeeUnpaid}</Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
