import { can, canTransitionViolation, type ViolationDto, type ViolationList } from '@opendmv/contracts';
import { App, Button, Popconfirm, Table, type TableColumnsType, Typography } from 'antd';
import { isApiError } from '../../app/api/client.ts';
import { useCurrentUser } from '../../app/auth/require-role.tsx';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { ViolationStatusTag } from '../../app/labels.tsx';
import { useDecideViolation } from './registry-api.ts';

/** Violations with their money as of today; officers get a Decide button on unhandled ones. */
export function ViolationsTable({
  items,
  totals,
  loading,
}: {
  items: ViolationDto[];
  totals?: ViolationList['totals'];
  loading?: boolean;
}) {
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const decide = useDecideViolation();
  const mayDecide = can(me.role, 'violation:decide');

  const onDecide = (id: string) =>
    decide.mutateAsync(id).then(
      () => void message.success(t.violation.decided),
      (e: unknown) => void message.error(isApiError(e) ? e.message : t.common.networkError),
    );

  const columns: TableColumnsType<ViolationDto> = [
    {
      key: 'time',
      title: t.violation.time,
      dataIndex: 'occurredAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    { key: 'plate', title: t.violation.plate, dataIndex: 'plate', width: 110 },
    {
      key: 'desc',
      title: t.violation.description,
      width: 260,
      render: (_, v) => (
        <>
          {v.description}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.violation.code} {v.code}
          </Typography.Text>
        </>
      ),
    },
    { key: 'place', title: t.violation.place, dataIndex: 'place', width: 200 },
    {
      key: 'status',
      title: t.violation.status,
      dataIndex: 'status',
      width: 120,
      render: (s: ViolationDto['status']) => <ViolationStatusTag status={s} />,
    },
    { key: 'points', title: t.violation.points, dataIndex: 'points', width: 70, align: 'right' },
    {
      key: 'fine',
      title: t.violation.fine,
      dataIndex: 'fineFen',
      width: 110,
      align: 'right',
      render: (f: number) => formatFen(f),
    },
    {
      key: 'surcharge',
      title: t.violation.surcharge,
      width: 120,
      align: 'right',
      render: (_, v) =>
        v.surchargeFen > 0 ? (
          <span title={t.violation.daysLate(v.daysLate)}>{formatFen(v.surchargeFen)}</span>
        ) : (
          t.common.none
        ),
    },
    {
      key: 'due',
      title: t.violation.amountDue,
      dataIndex: 'amountDueFen',
      width: 120,
      align: 'right',
      render: (f: number) => (
        <span className={f > 0 ? 'odmv-money odmv-money-due' : 'odmv-money'}>{formatFen(f)}</span>
      ),
    },
  ];
  if (mayDecide) {
    columns.push({
      key: 'actions',
      title: t.common.actions,
      width: 90,
      fixed: 'end',
      render: (_, v) =>
        canTransitionViolation(v.status, 'decide') ? (
          <Popconfirm
            title={t.violation.decide}
            description={t.violation.decideConfirm}
            onConfirm={() => onDecide(v.id)}
          >
            <Button
              size="small"
              type="primary"
              data-testid="violation-decide"
              loading={decide.isPending && decide.variables === v.id}
            >
              {t.violation.decide}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  return (
    <Table<ViolationDto>
      data-testid="violations-table"
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 1300 }}
      summary={
        totals
          ? () => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={8}>
                  <Typography.Text strong>
                    {t.violation.totalCount} {totals.count} · {t.violation.totalPoints} {totals.points}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  <span className="odmv-money odmv-money-due" data-testid="violations-amount-due">
                    {formatFen(totals.amountDueFen)}
                  </span>
                </Table.Summary.Cell>
                {mayDecide && <Table.Summary.Cell index={9} />}
              </Table.Summary.Row>
            )
          : undefined
      }
    />
  );
}
