import { Alert, Card, Col, Row, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../app/components/page-header.tsx';
import { PlateBadge } from '../../app/components/plate-badge.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useWorkspaceBase } from '../../app/shells/workspace.ts';
import { HistoryTimeline } from './history-timeline.tsx';
import { PersonDescriptions } from './person-descriptions.tsx';
import { useVehicleDetail } from './registry-api.ts';
import { VehicleDescriptions } from './vehicle-descriptions.tsx';
import { ViolationsTable } from './violations-table.tsx';

export function VehicleDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const base = useWorkspaceBase();
  const q = useVehicleDetail(id);

  if (q.isPending) return <BlockSpin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const { vehicle, owner, violations, history } = q.data;

  return (
    <div data-testid="vehicle-detail">
      <PageHeader
        back
        title={
          <Space>
            {t.vehicle.detailTitle}
            <PlateBadge plate={vehicle.plate} kind={vehicle.plateKind} />
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {!vehicle.vinCheckOk && (
          <Alert
            data-testid="vin-check-warning"
            type="error"
            showIcon
            title={t.vehicle.vinCheckFailedTitle}
            description={t.vehicle.vinCheckFailedText}
          />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card title={t.vehicle.detailTitle}>
                <VehicleDescriptions vehicle={vehicle} />
              </Card>
              <Card
                title={t.vehicle.ownerTitle}
                extra={<Link to={`${base}/persons/${owner.id}`}>{t.common.view}</Link>}
              >
                <PersonDescriptions person={owner} />
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={t.vehicle.history} data-testid="vehicle-history">
              <HistoryTimeline events={history} />
            </Card>
          </Col>
        </Row>
        <Card title={`${t.violation.listTitle} (${violations.length})`}>
          <ViolationsTable items={violations} showPlate={false} />
        </Card>
      </Space>
    </div>
  );
}
