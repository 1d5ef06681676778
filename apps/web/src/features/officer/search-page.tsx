import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useRegistrySearch } from './registry-api.ts';
import { LicencesTable, PersonsTable, VehiclesTable } from './registry-tables.tsx';

/**
 * Registry search by ID number, plate or VIN. The query lives in the history entry's state, not in the URL,
 * so Back returns to the results while ID numbers stay out of the address bar, history and referrers.
 */
export function SearchPage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const q = ((location.state as { q?: string } | null)?.q ?? '').trim();
  const [text, setText] = useState(q);
  const [tooShort, setTooShort] = useState(false);
  const search = useRegistrySearch(q);

  useEffect(() => setText(q), [q]);

  const submit = () => {
    const value = text.trim().toUpperCase();
    if (value.length < 2) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    navigate('.', { state: { q: value } });
  };

  const r = search.data;
  const empty = r && r.persons.length + r.vehicles.length + r.licences.length === 0;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t.search.title}
        </Typography.Title>
        <Form onFinish={submit} role="search">
          <Form.Item
            validateStatus={tooShort ? 'error' : undefined}
            help={tooShort ? t.search.tooShort : t.search.hint}
            style={{ marginBottom: 0 }}
          >
            <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
              <Input
                data-testid="officer-search-input"
                size="large"
                allowClear
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t.search.placeholder}
                aria-label={t.search.placeholder}
                autoFocus
                maxLength={40}
              />
              <Button
                data-testid="officer-search-submit"
                type="primary"
                size="large"
                htmlType="submit"
                icon={<SearchOutlined />}
                loading={search.isFetching}
              >
                {t.search.submit}
              </Button>
            </Space.Compact>
          </Form.Item>
        </Form>
      </Card>

      {q.length >= 2 && (
        <Card
          data-testid="search-results"
          title={
            r ? (
              <Space>
                {t.search.kind}
                <Tag color={r.kind === 'unknown' ? 'default' : 'blue'} data-testid="search-kind">
                  {t.search.kinds[r.kind]}
                </Tag>
                <Typography.Text type="secondary" className="odmv-mono">
                  {q}
                </Typography.Text>
              </Space>
            ) : (
              q
            )
          }
        >
          {search.isPending ? (
            <BlockSpin />
          ) : search.isError ? (
            <QueryError error={search.error} onRetry={() => search.refetch()} />
          ) : !r || empty ? (
            <Empty description={t.search.noResults} />
          ) : (
            <Space orientation="vertical" size={20} style={{ width: '100%' }}>
              {r.persons.length > 0 && (
                <section>
                  <Typography.Title level={5}>
                    {t.search.persons} ({r.persons.length})
                  </Typography.Title>
                  <PersonsTable items={r.persons} />
                </section>
              )}
              {r.licences.length > 0 && (
                <section>
                  <Typography.Title level={5}>
                    {t.search.licences} ({r.licences.length})
                  </Typography.Title>
                  <LicencesTable items={r.licences} />
                </section>
              )}
              {r.vehicles.length > 0 && (
                <section>
                  <Typography.Title level={5}>
                    {t.search.vehicles} ({r.vehicles.length})
                  </Typography.Title>
                  <VehiclesTable items={r.vehicles} />
                </section>
              )}
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}
