import { CheckCircleFilled, MinusOutlined } from '@ant-design/icons';
import { PERMISSIONS, type Permission } from '@opendmv/contracts';
import { Card, Table, type TableColumnsType, Typography } from 'antd';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { type RoleInfo, useRoles } from './admin-api.ts';

function Mark({ on, yes, no }: { on: boolean; yes: string; no: string }) {
  return on ? (
    <CheckCircleFilled style={{ color: '#16a34a', fontSize: 16 }} role="img" aria-label={yes} />
  ) : (
    <MinusOutlined style={{ color: '#d1d5db' }} role="img" aria-label={no} />
  );
}

type Row = { key: string; label: string; code: string | null; has: (r: RoleInfo) => boolean };

/** Roles × permissions, read from the API (which reads the same table as its guards). */
export function RolesPage() {
  const { t, pick } = useI18n();
  const q = useRoles();
  const roles = q.data?.items ?? [];

  const rows: Row[] = [
    ...PERMISSIONS.map((p: Permission) => ({
      key: p,
      label: t.admin.permissions[p],
      code: p,
      has: (r: RoleInfo) => r.permissions.includes(p),
    })),
    { key: 'totp', label: t.admin.requiresTotp, code: null, has: (r: RoleInfo) => r.requiresTotp },
  ];
  const columns: TableColumnsType<Row> = [
    {
      key: 'permission',
      title: t.admin.permission,
      fixed: 'start',
      width: 300,
      render: (_, row) => (
        <>
          {row.label}
          {row.code && (
            <Typography.Text
              type="secondary"
              className="odmv-mono"
              style={{ display: 'block', fontSize: 12 }}
            >
              {row.code}
            </Typography.Text>
          )}
        </>
      ),
    },
    ...roles.map((r) => ({
      key: r.role,
      title: pick(r),
      align: 'center' as const,
      width: 110,
      render: (_: unknown, row: Row) => <Mark on={row.has(r)} yes={t.common.yes} no={t.common.no} />,
    })),
  ];

  return (
    <div data-testid="admin-roles">
      <PageHeader title={t.admin.rolesTitle} />
      <Card>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <Table<Row>
            rowKey="key"
            size="small"
            bordered
            loading={q.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 300 + roles.length * 110 }}
            rowClassName={(row) => (row.code === null ? 'odmv-row-strong' : '')}
          />
        )}
      </Card>
    </div>
  );
}
