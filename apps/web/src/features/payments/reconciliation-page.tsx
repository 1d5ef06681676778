import { CheckCircleFilled, ExclamationCircleFilled, SyncOutlined } from '@ant-design/icons';
import {
  ORDER_STATUSES,
  type OrderStatus,
  PAYMENT_PROVIDERS,
  type PaymentOrderDto,
  type ReconciliationDto,
  todayInShanghai,
} from '@opendmv/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { OrderStatusTag, ProviderName } from './payment-parts.tsx';
import { useOfficeOrders, useReconciliations, useRunReconciliation } from './payments-api.ts';

type Diff = ReconciliationDto['differences'][number];
const rowAttrs = (attrs: Record<string, string>) => attrs as HTMLAttributes<HTMLElement>;

function ResultTag({ r }: { r: ReconciliationDto }) {
  const { t } = useI18n();
  const n = r.differences.length;
  return n === 0 ? (
    <Tag color="success" icon={<CheckCircleFilled />} data-testid="recon-result" data-diffs={0}>
      {t.payments.reconBalanced}
    </Tag>
  ) : (
    <Tag color="error" icon={<ExclamationCircleFilled />} data-testid="recon-result" data-diffs={n}>
      {t.payments.reconDiffs(n)}
    </Tag>
  );
}

/** One line per provider: our ledger against the provider's statement, and whether they balance. */
function ReconTable({ items }: { items: ReconciliationDto[] }) {
  const { t } = useI18n();
  const money = (v: number) => <span className="odmv-money">{formatFen(v)}</span>;
  const columns: TableColumnsType<ReconciliationDto> = [
    {
      key: 'provider',
      title: t.payments.reconProvider,
      render: (_, r) => <ProviderName provider={r.provider} />,
    },
    {
      key: 'ledger',
      title: t.payments.reconLedger,
      children: [
        { key: 'lc', title: t.payments.reconCount, dataIndex: 'ledgerCount', align: 'right', width: 80 },
        { key: 'lf', title: t.payments.reconAmount, dataIndex: 'ledgerFen', align: 'right', render: money },
      ],
    },
    {
      key: 'statement',
      title: t.payments.reconStatement,
      children: [
        { key: 'pc', title: t.payments.reconCount, dataIndex: 'providerCount', align: 'right', width: 80 },
        { key: 'pf', title: t.payments.reconAmount, dataIndex: 'providerFen', align: 'right', render: money },
      ],
    },
    { key: 'result', title: t.payments.reconResult, render: (_, r) => <ResultTag r={r} /> },
    {
      key: 'ranAt',
      title: t.payments.reconRanAt,
      dataIndex: 'ranAt',
      render: (v: string) => formatDateTime(v),
      responsive: ['md'],
    },
  ];
  const sum = (f: (r: ReconciliationDto) => number) => items.reduce((s, r) => s + f(r), 0);
  return (
    <Table<ReconciliationDto>
      data-testid="recon-table"
      rowKey="id"
      size="middle"
      bordered
      pagination={false}
      columns={columns}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      onRow={(r) =>
        rowAttrs({
          'data-testid': 'recon-row',
          'data-provider': r.provider,
          'data-balanced': String(r.differences.length === 0),
        })
      }
      summary={() => (
        <Table.Summary.Row className="odmv-row-strong">
          <Table.Summary.Cell index={0}>{t.payments.totalShort}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {sum((r) => r.ledgerCount)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {formatFen(sum((r) => r.ledgerFen))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {sum((r) => r.providerCount)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {formatFen(sum((r) => r.providerFen))}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5} colSpan={2}>
            {sum((r) => r.differences.length) === 0 ? (
              <Typography.Text type="success" data-testid="recon-all-balanced">
                <CheckCircleFilled aria-hidden /> {t.payments.reconBalanced}
              </Typography.Text>
            ) : (
              <Typography.Text type="danger">
                {t.payments.reconDiffs(sum((r) => r.differences.length))}
              </Typography.Text>
            )}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** The differences of one provider, one line each: which side is missing it, or by how much it differs. */
function DiffTable({ r }: { r: ReconciliationDto }) {
  const { t } = useI18n();
  const amount = (v: number | null) => (v === null ? t.common.none : formatFen(v));
  const columns: TableColumnsType<Diff> = [
    {
      key: 'kind',
      title: t.payments.reconResult,
      dataIndex: 'kind',
      render: (k: Diff['kind']) => <Tag color="error">{t.payments.diffKinds[k]}</Tag>,
    },
    {
      key: 'order',
      title: t.payments.orderNumber,
      dataIndex: 'orderNumber',
      render: (v: string) => <span className="odmv-mono">{v}</span>,
    },
    {
      key: 'tx',
      title: t.payments.diffTransaction,
      dataIndex: 'transactionId',
      render: (v: string) => <span className="odmv-mono">{v}</span>,
    },
    { key: 'ledger', title: t.payments.diffLedger, dataIndex: 'ledgerFen', align: 'right', render: amount },
    {
      key: 'provider',
      title: t.payments.diffProvider,
      dataIndex: 'providerFen',
      align: 'right',
      render: amount,
    },
  ];
  return (
    <Card
      size="small"
      title={<ProviderName provider={r.provider} />}
      extra={<ResultTag r={r} />}
      data-testid="recon-diffs"
      data-provider={r.provider}
    >
      <Table<Diff>
        rowKey={(d) => `${d.kind}:${d.transactionId}`}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={r.differences}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

function DayOrders({ date }: { date: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const q = useOfficeOrders({ date, status });
  const columns: TableColumnsType<PaymentOrderDto> = [
    {
      key: 'number',
      title: t.payments.orderNumber,
      dataIndex: 'number',
      render: (v: string) => <span className="odmv-mono">{v}</span>,
    },
    {
      key: 'kind',
      title: t.payments.kind,
      dataIndex: 'kind',
      render: (k: PaymentOrderDto['kind']) => t.payments.kinds[k],
    },
    { key: 'subject', title: t.payments.subject, dataIndex: 'subjectLabel', ellipsis: true },
    {
      key: 'amount',
      title: t.payments.amount,
      dataIndex: 'amountFen',
      align: 'right',
      render: (v: number) => <span className="odmv-money">{formatFen(v)}</span>,
    },
    {
      key: 'provider',
      title: t.payments.provider,
      dataIndex: 'provider',
      render: (p: PaymentOrderDto['provider']) => (p ? <ProviderName provider={p} /> : t.common.none),
    },
    {
      key: 'channel',
      title: t.payments.channel,
      dataIndex: 'channel',
      render: (c: PaymentOrderDto['channel']) => t.payments.channels[c],
    },
    {
      key: 'status',
      title: t.payments.filterStatus,
      dataIndex: 'status',
      render: (s: OrderStatus) => <OrderStatusTag status={s} />,
    },
    {
      key: 'at',
      title: t.payments.paidAt,
      render: (_, o) => formatDateTime(o.paidAt ?? o.createdAt),
    },
  ];
  return (
    <Card
      title={t.payments.dayOrders}
      extra={
        <Select<OrderStatus>
          allowClear
          placeholder={t.payments.filterStatus}
          aria-label={t.payments.filterStatus}
          value={status}
          onChange={(v) => setStatus(v ?? undefined)}
          options={ORDER_STATUSES.map((s) => ({ value: s, label: t.payments.statuses[s] }))}
          style={{ width: 150 }}
          data-testid="orders-filter-status"
        />
      }
    >
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table<PaymentOrderDto>
          data-testid="orders-table"
          rowKey="id"
          size="middle"
          loading={q.isFetching && !q.data}
          columns={columns}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t.common.total(n) }}
          onRow={(o) =>
            rowAttrs({ 'data-testid': 'order-row', 'data-number': o.number, 'data-status': o.status })
          }
        />
      )}
    </Card>
  );
}

/**
 * `/supervisor/payments`: a day's reconciliation (对账): our ledger against each provider's statement —
 * counts and amounts side by side, every difference listed, a balanced provider in green — and the day's
 * payment orders.
 */
export function ReconciliationPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const today = todayInShanghai();
  const [date, setDate] = useState(today);
  const q = useReconciliations(date);
  const run = useRunReconciliation();
  const items = [...(q.data?.items ?? [])].sort(
    (a, b) => PAYMENT_PROVIDERS.indexOf(a.provider) - PAYMENT_PROVIDERS.indexOf(b.provider),
  );
  const withDiffs = items.filter((r) => r.differences.length > 0);
  const runError = run.error ? (isApiError(run.error) ? run.error.message : t.common.networkError) : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="reconciliation-page">
      <PageHeader
        title={t.payments.reconTitle}
        extra={
          <Space wrap>
            <DatePicker
              data-testid="recon-date"
              aria-label={t.payments.reconDate}
              allowClear={false}
              value={dayjs(date)}
              format="YYYY-MM-DD"
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
            />
            <Button
              type="primary"
              icon={<SyncOutlined />}
              loading={run.isPending}
              data-testid="recon-run"
              onClick={() =>
                run.mutate(
                  { date },
                  { onSuccess: (r) => void message.success(t.payments.reconRan(r.items.length)) },
                )
              }
            >
              {t.payments.reconRun}
            </Button>
          </Space>
        }
      />
      {runError && <Alert type="error" showIcon title={runError} role="alert" />}
      <Card title={`${t.payments.reconTitle} · ${date}`}>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : !q.isPending && items.length === 0 ? (
          <Empty
            description={t.payments.reconNone}
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            data-testid="recon-none"
          />
        ) : (
          <ReconTable items={items} />
        )}
      </Card>
      {withDiffs.map((r) => (
        <DiffTable key={r.id} r={r} />
      ))}
      <DayOrders date={date} />
    </Space>
  );
}
