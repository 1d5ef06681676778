import { type HallStatsDto, todayInShanghai } from '@opendmv/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { apiGet, withQuery } from '../../app/api/client.ts';
import { PageHeader } from '../../app/components/page-header.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';

const minutes = (s: number | null) => (s === null ? '—' : (s / 60).toFixed(1));
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The supervisor's hall statistics: waits, service times, no-shows, sources, the estimate's error. */
export function HallStatsPage() {
  const t = useT();
  const today = todayInShanghai(new Date());
  const [range, setRange] = useState<[string, string]>([today, today]);
  const stats = useQuery({
    queryKey: ['hall', 'stats', range],
    queryFn: () => apiGet<HallStatsDto>(withQuery('/api/v1/hall/stats', { from: range[0], to: range[1] })),
  });
  const s = stats.data;
  const distCols = (first: { title: string; key: string }) => [
    { title: first.title, dataIndex: first.key, key: first.key },
    { title: t.hall.stats.count, dataIndex: 'count', key: 'count' },
    { title: t.hall.stats.p50, dataIndex: 'p50', key: 'p50', render: minutes },
    { title: t.hall.stats.p90, dataIndex: 'p90', key: 'p90', render: minutes },
  ];
  const byCategory = (rows: HallStatsDto['waitByCategory']) =>
    rows.map((r) => ({ ...r, name: t.hall.categories[r.category], key: r.category }));
  return (
    <>
      <PageHeader
        title={t.hall.stats.title}
        extra={
          <DatePicker.RangePicker
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(v) =>
              v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])
            }
          />
        }
      />
      {stats.error && <QueryError error={stats.error} onRetry={() => void stats.refetch()} />}
      {s && (
        <Row gutter={[16, 16]} data-testid="hall-stats">
          <Col xs={12} md={6}>
            <Statistic title={t.hall.stats.tickets} value={s.tickets} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t.hall.stats.noShowRate} value={pct(s.noShow.rate)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t.hall.stats.appointmentShare} value={pct(s.sources.appointmentShare)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t.hall.stats.estimateError}
              value={`${minutes(s.estimateError.meanAbsolute)} / ${minutes(s.estimateError.p90Absolute)}`}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t.hall.stats.wait} size="small">
              <Table
                size="small"
                pagination={false}
                dataSource={byCategory(s.waitByCategory)}
                columns={distCols({ title: t.hall.category, key: 'name' })}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t.hall.stats.serviceByCategory} size="small">
              <Table
                size="small"
                pagination={false}
                dataSource={byCategory(s.serviceByCategory)}
                columns={distCols({ title: t.hall.category, key: 'name' })}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t.hall.stats.serviceByCounter} size="small">
              <Table
                size="small"
                pagination={false}
                dataSource={s.serviceByCounter.map((r) => ({ ...r, key: r.counterId }))}
                columns={distCols({ title: t.hall.stats.counter, key: 'counterNumber' })}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t.hall.stats.serviceByOfficer} size="small">
              <Table
                size="small"
                pagination={false}
                dataSource={s.serviceByOfficer.map((r) => ({ ...r, key: r.officerUserId }))}
                columns={distCols({ title: t.hall.stats.officer, key: 'officerName' })}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
