import { LockOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { can, roleLabels, type StaffDto } from '@opendmv/contracts';
import { App, Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { useCurrentUser } from '../../app/auth/require-role.tsx';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { usePaging } from '../../app/components/use-paging.ts';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { type StaffAction, useChangeStaff, useStaff } from './admin-api.ts';
import { CreateStaffDrawer } from './create-staff-drawer.tsx';
import { SecretOnceModal } from './secret-once-modal.tsx';

const roleColour: Record<string, string> = { officer: 'blue', supervisor: 'purple', admin: 'volcano' };

export function StaffPage() {
  const { t, pick } = useI18n();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { page, pageSize, pagination } = usePaging();
  const [drawer, setDrawer] = useState(false);
  const [secret, setSecret] = useState<{ label: string; value: string }[] | null>(null);
  const q = useStaff(page, pageSize);
  const change = useChangeStaff();
  const manage = can(me.role, 'staff:manage');

  const act = (id: string, action: StaffAction, done: string) =>
    change.mutateAsync({ id, action }).then(
      () => void message.success(done),
      (e: unknown) => void message.error(isApiError(e) ? e.message : t.common.networkError),
    );

  const columns: TableColumnsType<StaffDto> = [
    { key: 'name', title: t.admin.displayName, dataIndex: 'displayName' },
    {
      key: 'username',
      title: t.admin.username,
      dataIndex: 'username',
      render: (v: string) => <span className="odmv-mono">{v}</span>,
    },
    {
      key: 'role',
      title: t.admin.role,
      dataIndex: 'role',
      render: (r: StaffDto['role']) => <Tag color={roleColour[r] ?? 'default'}>{pick(roleLabels[r])}</Tag>,
    },
    {
      key: 'office',
      title: t.admin.office,
      dataIndex: 'officeName',
      render: (v: string | null) => v ?? t.common.none,
    },
    {
      key: 'status',
      title: t.admin.status,
      render: (_, s) => (
        <Space size={4} wrap>
          <Tag color={s.status === 'active' ? 'success' : 'default'}>{t.admin.statuses[s.status]}</Tag>
          {s.isLocked && (
            <Tag color="error" icon={<LockOutlined />}>
              {t.admin.locked}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      key: 'totp',
      title: t.admin.totp,
      dataIndex: 'hasTotp',
      render: (v: boolean) =>
        v ? (
          <Tag color="success" icon={<SafetyCertificateOutlined />}>
            {t.admin.totpOn}
          </Tag>
        ) : (
          <Tag>{t.admin.totpOff}</Tag>
        ),
    },
    {
      key: 'last',
      title: t.admin.lastLogin,
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t.admin.never),
    },
  ];
  if (manage) {
    columns.push({
      key: 'actions',
      title: t.common.actions,
      fixed: 'end',
      render: (_, s) => (
        <Space size={4}>
          {s.isLocked && (
            <Popconfirm title={t.admin.unlockConfirm} onConfirm={() => act(s.id, 'unlock', t.admin.unlocked)}>
              <Button size="small" data-testid="staff-unlock">
                {t.admin.unlock}
              </Button>
            </Popconfirm>
          )}
          {s.status === 'active' && s.id !== me.id && (
            <Popconfirm
              title={t.admin.disableConfirm}
              onConfirm={() => act(s.id, 'disable', t.admin.disabled)}
              okButtonProps={{ danger: true }}
            >
              <Button size="small" danger data-testid="staff-disable">
                {t.admin.disable}
              </Button>
            </Popconfirm>
          )}
          {s.status === 'disabled' && (
            <Popconfirm title={t.admin.enableConfirm} onConfirm={() => act(s.id, 'enable', t.admin.enabled)}>
              <Button size="small" data-testid="staff-enable">
                {t.admin.enable}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <div data-testid="admin-staff">
      <PageHeader
        title={t.admin.staffTitle}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer(true)}
              data-testid="create-staff"
            >
              {t.admin.createStaff}
            </Button>
          )
        }
      />
      <Card>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <Table<StaffDto>
            rowKey="id"
            size="small"
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 1000 }}
            pagination={pagination(q.data?.total ?? 0)}
          />
        )}
      </Card>
      <CreateStaffDrawer
        open={drawer}
        onClose={() => setDrawer(false)}
        onCreated={(r) => {
          setDrawer(false);
          void message.success(t.admin.staffCreated);
          if (r.totpSecret) {
            setSecret([
              { label: t.admin.totpSecret, value: r.totpSecret },
              ...(r.totpUri ? [{ label: t.admin.totpUri, value: r.totpUri }] : []),
            ]);
          }
        }}
      />
      <SecretOnceModal
        title={t.admin.totpOnceTitle}
        text={t.admin.totpOnceText}
        items={secret}
        onClose={() => setSecret(null)}
      />
    </div>
  );
}
