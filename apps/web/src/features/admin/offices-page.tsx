import { Card, Col, Descriptions, Empty, Row, Space, Tree } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../app/components/page-header.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { CreateOfficeForm } from './create-office-form.tsx';
import { useOfficeTree } from './office-tree-data.tsx';

/** The office hierarchy (支队 → 车管所 → 分所 → 网点 / 岗亭) and a form to add an office under a selected one. */
export function OfficesPage() {
  const t = useT();
  const { query, tree, byId } = useOfficeTree();
  const [selected, setSelected] = useState<string | undefined>();
  const office = selected ? byId.get(selected) : undefined;

  return (
    <div data-testid="admin-offices">
      <PageHeader title={t.shell.menuOffices} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t.admin.officesTitle}>
            {query.isPending ? (
              <BlockSpin />
            ) : query.isError ? (
              <QueryError error={query.error} onRetry={() => query.refetch()} />
            ) : tree.length === 0 ? (
              <Empty />
            ) : (
              <Tree
                data-testid="office-tree"
                treeData={tree}
                defaultExpandAll
                showLine
                blockNode
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys[0] === undefined ? undefined : String(keys[0]))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {office && (
              <Card size="small">
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    {
                      key: 'code',
                      label: t.admin.code,
                      children: <span className="odmv-mono">{office.code}</span>,
                    },
                    { key: 'kind', label: t.admin.kind, children: t.admin.kinds[office.kind] },
                    { key: 'zh', label: t.admin.nameZh, children: office.nameZh },
                    { key: 'en', label: t.admin.nameEn, children: office.nameEn },
                    { key: 'address', label: t.admin.address, children: office.address ?? t.common.none },
                  ]}
                />
              </Card>
            )}
            <Card title={t.admin.createOffice}>
              <CreateOfficeForm parentId={selected} />
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
