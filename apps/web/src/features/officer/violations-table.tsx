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
  showPlate = true,
}: {
  items: ViolationDto[];
  totals?: ViolationList['totals'];
  loading?: boolean;
  /** false where every row has the same plate (a vehicle's own page). */
  showPlate?: boolean;
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

  // Sized to fit a 1366 px screen without scrolling: the offence takes what is left, and the money
  // is one column (what is owed today, with the fine and any late fee under it).
  const columns: TableColumnsType<ViolationDto> = [
    {
      key: 'time',
      title: t.violation.time,
      dataIndex: 'occurredAt',
      width: 140,
      render: (v: string) => <span className="odmv-nowrap">{formatDateTime(v)}</span>,
    },
    ...(showPlate
      ? [
          {
            key: 'plate',
            title: t.violation.plate,
            dataIndex: 'plate',
            width: 105,
            render: (p: string) => <span className="odmv-nowrap">{p}</span>,
          },
        ]
      : []),
    {
      key: 'desc',
      title: t.violation.description,
      render: (_, v) => (
        <>
          {v.description}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t.violation.code} {v.code}
          </Typography.Text>
        </>
      ),
    },
    { key: 'place', title: t.violation.place, dataIndex: 'place', width: 160 },
    {
      key: 'status',
      title: t.violation.status,
      dataIndex: 'status',
      width: 124,
      render: (s: ViolationDto['status']) => <ViolationStatusTag status={s} />,
    },
    { key: 'points', title: t.violation.points, dataIndex: 'points', width: 64, align: 'right' },
    {
      key: 'due',
      title: t.violation.amountDue,
      dataIndex: 'amountDueFen',
      width: 168,
      align: 'right',
      render: (_, v) => (
        <div className="odmv-nowrap">
          <span className={v.amountDueFen > 0 ? 'odmv-money odmv-money-due' : 'odmv-money'}>
            {formatFen(v.amountDueFen)}
          </span>
          <Typography.Text type="secondary" className="odmv-money" style={{ display: 'block', fontSize: 12 }}>
            {t.violation.fine} {formatFen(v.fineFen)}
          </Typography.Text>
          {v.surchargeFen > 0 && (
            <Typography.Text
              type="secondary"
              className="odmv-money"
              style={{ display: 'block', fontSize: 12 }}
              title={t.violation.daysLate(v.daysLate)}
            >
              {t.violation.surcharge} {formatFen(v.surchargeFen)}
            </Typography.Text>
          )}
        </div>
      ),
    },
  ];
  if (mayDecide) {
    columns.push({
      key: 'actions',
      title: t.common.actions,
      width: 84,
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

  const dueIndex = columns.findIndex((c) => c.key === 'due');
  return (
    <Table<ViolationDto>
      data-testid="violations-table"
      rowKey="id"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: mayDecide ? 960 : 880 }}
      summary={
        totals
          ? () => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={dueIndex}>
                  <Typography.Text strong>
                    {t.violation.totalCount} {totals.count} · {t.violation.totalPoints} {totals.points}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={dueIndex} align="right">
                  <span className="odmv-money odmv-money-due" data-testid="violations-amount-due">
                    {formatFen(totals.amountDueFen)}
                  </span>
                </Table.Summary.Cell>
                {mayDecide && <Table.Summary.Cell index={dueIndex + 1} />}
              </Table.Summary.Row>
            )
          : undefined
      }
    />
  );
}
