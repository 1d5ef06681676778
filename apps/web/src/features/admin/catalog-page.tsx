import { PlusOutlined } from '@ant-design/icons';
import type { CatalogItemSummary } from '@opendmv/contracts';
import { Button, Card, Space, Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useAdminCatalog } from '../catalog/catalog-api.ts';
import { InstantTag } from '../catalog/catalog-groups.tsx';

/** `/admin/catalog`: every business item with its version in force. */
export function CatalogAdminPage() {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const q = useAdminCatalog();
  const columns: TableColumnsType<CatalogItemSummary> = [
    {
      key: 'code',
      title: t.catalogAdmin.code,
      render: (_, i) => (
        <Link to={`/admin/catalog/${i.code}`} className="odmv-mono" data-testid="catalog-edit-link">
          {i.code}
        </Link>
      ),
      sorter: (a, b) => a.code.localeCompare(b.code),
      defaultSortOrder: 'ascend',
    },
    { key: 'name', title: t.catalogAdmin.name, render: (_, i) => pick(i.name) },
    {
      key: 'category',
      title: t.catalogAdmin.category,
      render: (_, i) => labels.category(i.category),
      responsive: ['xl'],
    },
    { key: 'version', title: t.catalogAdmin.version, dataIndex: 'version', align: 'end' },
    {
      key: 'instant',
      title: t.catalogAdmin.instant,
      render: (_, i) => (i.instantApproval ? <InstantTag /> : '—'),
    },
    {
      key: 'fee',
      title: t.catalogAdmin.fee,
      align: 'end',
      render: (_, i) => <span className="odmv-money">{formatFen(i.feeFen)}</span>,
    },
    {
      key: 'days',
      title: t.catalogAdmin.days,
      align: 'end',
      render: (_, i) => `${i.promisedDays} / ${i.statutoryDays}`,
    },
    {
      key: 'channels',
      title: t.catalogAdmin.channels,
      render: (_, i) => (
        <Space size={[4, 4]} wrap>
          {i.channels.map((c) => (
            <Tag key={c} style={{ marginInlineEnd: 0 }}>
              {labels.channel(c)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="admin-catalog">
      <PageHeader
        title={t.catalogAdmin.title}
        extra={
          <Link to="/admin/catalog/new" data-testid="catalog-new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t.catalogAdmin.newItem}
            </Button>
          </Link>
        }
      />
      <Card>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <Table<CatalogItemSummary>
            data-testid="catalog-table"
            rowKey="code"
            size="middle"
            loading={q.isPending}
            columns={columns}
            dataSource={q.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(i) => ({ 'data-testid': 'catalog-row', 'data-code': i.code }) as never}
          />
        )}
      </Card>
    </div>
  );
}
