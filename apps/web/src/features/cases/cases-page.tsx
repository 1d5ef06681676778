import { CASE_STATES, type CaseState, type CaseSummary } from '@opendmv/contracts';
import { Card, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CaseStatusTag, useCaseLabels } from '../../app/case-labels.tsx';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { usePaging } from '../../app/components/use-paging.ts';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useWorkspaceBase } from '../../app/shells/workspace.ts';
import { usePublicCatalog } from '../catalog/catalog-api.ts';
import { DecidedByTag, DueDate } from './case-facts.tsx';
import { useCaseList } from './cases-api.ts';

type Tab = 'all' | 'near' | 'overdue' | 'escalated';
const TABS: readonly Tab[] = ['all', 'near', 'overdue', 'escalated'];

/** `/officer/cases` and `/supervisor/cases`: the office's cases with the deadline tabs and filters. */
export function CasesPage({ defaultTab = 'all' }: { defaultTab?: Tab }) {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const base = useWorkspaceBase();
  const [tab, setTab] = useState<Tab>(defaultTab);
  const [status, setStatus] = useState<CaseState | undefined>();
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [number, setNumber] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging(20);
  const catalog = usePublicCatalog();
  const q = useCaseList('office', {
    ...(tab === 'all' ? {} : { due: tab }),
    status,
    itemCode,
    number: number || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });

  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'number',
      title: t.cases.number,
      render: (_, c) => (
        <Link to={`${base}/cases/${c.id}`} className="odmv-mono" data-testid="case-link">
          {c.number}
        </Link>
      ),
    },
    {
      key: 'item',
      title: t.cases.item,
      render: (_, c) => (
        <>
          {pick(c.itemName)} <DecidedByTag decidedBy={c.decidedBy === 'rule' ? 'rule' : null} />
        </>
      ),
    },
    { key: 'applicant', title: t.cases.applicant, dataIndex: 'applicantName' },
    { key: 'subject', title: t.cases.subject, dataIndex: 'subjectLabel', responsive: ['lg'] },
    {
      key: 'status',
      title: t.cases.status,
      render: (_, c) => (
        <Space size={4} wrap>
          <CaseStatusTag status={c.status} />
          {c.escalated && <Tag color="volcano">{t.cases.escalated}</Tag>}
        </Space>
      ),
    },
    { key: 'due', title: t.cases.dueDate, render: (_, c) => <DueDate c={c} /> },
    {
      key: 'channel',
      title: t.cases.channel,
      render: (_, c) => labels.channel(c.channel),
      responsive: ['md'],
    },
    {
      key: 'submitted',
      title: t.cases.submittedAt,
      render: (_, c) => formatDateTime(c.submittedAt),
      responsive: ['xl'],
    },
  ];

  const reset = () => setPage(1);
  return (
    <div data-testid="cases-page">
      <PageHeader title={t.cases.listTitle} />
      <Card>
        <Tabs
          data-testid="cases-tabs"
          activeKey={tab}
          onChange={(k) => {
            setTab(k as Tab);
            reset();
          }}
          items={TABS.map((k) => ({
            key: k,
            label: <span data-testid={`cases-tab-${k}`}>{t.cases.tabs[k]}</span>,
          }))}
        />
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            data-testid="cases-filter-status"
            allowClear
            placeholder={t.cases.filterStatus}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              reset();
            }}
            options={CASE_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
          />
          <Select
            data-testid="cases-filter-item"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t.cases.filterItem}
            style={{ width: 240 }}
            value={itemCode}
            onChange={(v) => {
              setItemCode(v);
              reset();
            }}
            options={(catalog.data?.items ?? []).map((i) => ({
              value: i.code,
              label: `${pick(i.name)} · ${i.code}`,
            }))}
          />
          <Input.Search
            data-testid="cases-search-number"
            allowClear
            placeholder={t.cases.searchNumber}
            style={{ width: 240 }}
            onSearch={(v) => {
              setNumber(v.trim().toUpperCase());
              reset();
            }}
          />
        </Space>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        ) : (
          <Table<CaseSummary>
            data-testid="cases-table"
            rowKey="id"
            size="middle"
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data?.items ?? []}
            pagination={pagination(q.data?.total ?? 0)}
            scroll={{ x: 'max-content' }}
            onRow={(c) =>
              ({ 'data-testid': 'case-row', 'data-number': c.number, 'data-status': c.status }) as never
            }
          />
        )}
      </Card>
    </div>
  );
}
