import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useViolationsByPlate } from './registry-api.ts';
import { ViolationsTable } from './violations-table.tsx';

/** All violations of one plate, with totals; officers decide unhandled ones from here. */
export function ViolationsByPlatePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const plate = (params.get('plate') ?? '').trim();
  const [text, setText] = useState(plate);
  const [invalid, setInvalid] = useState(false);
  const q = useViolationsByPlate(plate);
  useEffect(() => setText(plate), [plate]);

  const submit = () => {
    const value = text.trim().toUpperCase();
    const ok = value.length >= 7 && value.length <= 10;
    setInvalid(!ok);
    if (ok) setParams({ plate: value });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <PageHeader title={t.violation.byPlateTitle} />
        <Form onFinish={submit} role="search">
          <Form.Item
            validateStatus={invalid ? 'error' : undefined}
            help={invalid ? t.violation.plateInvalid : undefined}
            style={{ marginBottom: 0 }}
          >
            <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
              <Input
                data-testid="violations-plate-input"
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t.violation.platePlaceholder}
                aria-label={t.violation.platePlaceholder}
                maxLength={10}
                allowClear
              />
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={q.isFetching}>
                {t.common.search}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Form>
      </Card>
      {plate.length >= 7 && (
        <Card title={`${t.violation.listTitle} · ${plate}`} data-testid="violations-by-plate">
          {q.isError ? (
            <QueryError error={q.error} onRetry={() => q.refetch()} />
          ) : q.data && q.data.items.length === 0 ? (
            <Empty description={t.citizen.noViolations} />
          ) : (
            <ViolationsTable
              items={q.data?.items ?? []}
              totals={q.data?.totals}
              loading={q.isPending}
              showPlate={false}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
