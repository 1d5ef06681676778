import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { usePaging } from '../../app/components/use-paging.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { type ApiTokenDto, useRevokeToken, useTokens } from './admin-api.ts';
import { CreateTokenModal } from './create-token-modal.tsx';
import { useOfficeTree } from './office-tree-data.tsx';
import { SecretOnceModal } from './secret-once-modal.tsx';

/** Kiosk and partner-system tokens: the secret is shown once at creation; a token can be revoked. */
export function TokensPage() {
  const t = useT();
  const { message } = App.useApp();
  const { page, pageSize, pagination } = usePaging();
  const q = useTokens(page, pageSize);
  const { byId, name } = useOfficeTree();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ label: string; value: string }[] | null>(null);

  const onRevoke = (id: string) =>
    revoke.mutateAsync(id).then(
      () => void message.success(t.admin.revokedDone),
      (e: unknown) => void message.error(isApiError(e) ? e.message : t.common.networkError),
    );

  const columns: TableColumnsType<ApiTokenDto> = [
    { key: 'name', title: t.admin.tokenName, dataIndex: 'name' },
    {
      key: 'kind',
      title: t.admin.tokenKind,
      dataIndex: 'kind',
      render: (k: ApiTokenDto['kind']) => (
        <Tag color={k === 'kiosk' ? 'cyan' : 'geekblue'}>{t.admin.tokenKinds[k]}</Tag>
      ),
    },
    {
      key: 'office',
      title: t.admin.office,
      dataIndex: 'officeId',
      render: (id: string) => {
        const o = byId.get(id);
        return o ? name(o) : <span className="odmv-mono">{id.slice(0, 8)}</span>;
      },
    },
    {
      key: 'prefix',
      title: t.admin.prefix,
      dataIndex: 'prefix',
      render: (p: string) => <span className="odmv-mono">{p}…</span>,
    },
    {
      key: 'created',
      title: t.admin.createdAt,
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v),
    },
    {
      key: 'used',
      title: t.admin.lastUsedAt,
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t.admin.neverUsed),
    },
    {
      key: 'status',
      title: t.admin.tokenStatus,
      render: (_, tk) =>
        tk.revokedAt ? (
          <Tag title={formatDateTime(tk.revokedAt)}>{t.admin.revoked}</Tag>
        ) : (
          <Tag color="success">{t.admin.active}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t.common.actions,
      fixed: 'end',
      render: (_, tk) =>
        tk.revokedAt ? null : (
          <Popconfirm
            title={t.admin.revokeConfirm}
            onConfirm={() => onRevoke(tk.id)}
            okButtonProps={{ danger: true }}
          >
            <Button size="small" danger data-testid="token-revoke">
              {t.admin.revoke}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div data-testid="admin-tokens">
      <PageHeader
        title={t.admin.tokensTitle}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-token"
          >
            {t.admin.createToken}
          </Button>
        }
      />
      <Card>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <Table<ApiTokenDto>
            rowKey="id"
            size="small"
            loading={q.isPending}
            columns={columns}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 1000 }}
            pagination={pagination(q.data?.total ?? 0)}
          />
        )}
      </Card>
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          setSecret([{ label: t.admin.secret, value: r.secret }]);
        }}
      />
      <SecretOnceModal
        title={t.admin.secretOnceTitle}
        text={t.admin.secretOnceText}
        items={secret}
        onClose={() => setSecret(null)}
      />
    </div>
  );
}
