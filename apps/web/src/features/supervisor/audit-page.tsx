import { type AuditEventDto, can, ROLES, type Role, roleLabels } from '@opendmv/contracts';
import { Button, Card, Form, Input, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../app/auth/require-role.tsx';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { OutcomeTag } from '../../app/components/status-tags.tsx';
import { usePaging } from '../../app/components/use-paging.ts';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useAuditActionLabel } from '../../app/labels.tsx';
import { type AuditFilter, useAuditEvents } from './audit-api.ts';
import { AuditVerify } from './audit-verify.tsx';

const isRole = (r: string | null): r is Role => r !== null && (ROLES as readonly string[]).includes(r);

/** The supervisor's audit trail: newest first, filtered by action or entity, plus the chain check. */
export function AuditPage() {
  const { t, pick } = useI18n();
  const me = useCurrentUser();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [form] = Form.useForm<AuditFilter>();
  const q = useAuditEvents(page, pageSize, filter);
  const actionLabel = useAuditActionLabel();

  const columns: TableColumnsType<AuditEventDto> = [
    { key: 'seq', title: t.audit.seq, dataIndex: 'seq', width: 80 },
    { key: 'at', title: t.audit.at, dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      key: 'actor',
      title: t.audit.actor,
      width: 170,
      render: (_, e) => (
        <>
          {isRole(e.actorRole) ? pick(roleLabels[e.actorRole]) : (e.actorRole ?? t.audit.system)}
          {e.actorId && <ShortId id={e.actorId} />}
        </>
      ),
    },
    {
      key: 'action',
      title: t.audit.action,
      dataIndex: 'action',
      // The label, and the code under it (the filter above takes the code).
      render: (v: string) => {
        const label = actionLabel(v);
        return label === v ? (
          <span className="odmv-mono">{v}</span>
        ) : (
          <>
            {label}
            <Typography.Text
              type="secondary"
              className="odmv-mono"
              style={{ display: 'block', fontSize: 12 }}
            >
              {v}
            </Typography.Text>
          </>
        );
      },
    },
    {
      key: 'entity',
      title: t.audit.entity,
      render: (_, e) =>
        e.entityType || e.entityId ? (
          <>
            {e.entityType}
            {e.entityId && <ShortId id={e.entityId} />}
          </>
        ) : (
          t.common.none
        ),
    },
    {
      key: 'outcome',
      title: t.audit.outcome,
      dataIndex: 'outcome',
      width: 90,
      render: (o: AuditEventDto['outcome']) => <OutcomeTag outcome={o} />,
    },
  ];

  const applyFilter = (values: AuditFilter) => {
    setFilter({ action: values.action?.trim() || undefined, entityId: values.entityId?.trim() || undefined });
    setPage(1);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeader title={t.audit.title} />
      {can(me.role, 'audit:verify') && (
        <Card>
          <AuditVerify />
        </Card>
      )}
      <Card>
        <Form form={form} layout="inline" onFinish={applyFilter} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="action">
            <Input
              placeholder={t.audit.filterAction}
              aria-label={t.audit.filterAction}
              allowClear
              style={{ width: 260 }}
            />
          </Form.Item>
          <Form.Item name="entityId">
            <Input
              placeholder={t.audit.filterEntity}
              aria-label={t.audit.filterEntity}
              allowClear
              style={{ width: 300 }}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t.common.search}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                applyFilter({});
              }}
            >
              {t.common.reset}
            </Button>
          </Space>
        </Form>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <Table<AuditEventDto>
            data-testid="audit-table"
            rowKey="seq"
            size="small"
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 900 }}
            expandable={{
              rowExpandable: (e) => Object.keys(e.details).length > 0,
              expandedRowRender: (e) => (
                <pre className="odmv-mono" style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
                  {JSON.stringify(e.details, null, 2)}
                </pre>
              ),
            }}
            pagination={pagination(q.data?.total ?? 0)}
          />
        )}
      </Card>
    </Space>
  );
}

/** The first 8 characters of an id, copyable in full, under a label. */
function ShortId({ id }: { id: string }) {
  return (
    <Typography.Text
      type="secondary"
      className="odmv-mono"
      style={{ display: 'block', fontSize: 12 }}
      copyable={{ text: id }}
    >
      {id.slice(0, 8)}
    </Typography.Text>
  );
}
