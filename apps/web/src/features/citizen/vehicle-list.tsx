import { Card, Empty, Skeleton, Space, Typography } from 'antd';
import { PlateBadge } from '../../app/components/plate-badge.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { InspectionTag, InsuranceTag } from '../../app/components/status-tags.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useRegistryLabels, VehicleStatusTag } from '../../app/labels.tsx';
import { useMyVehicles } from './citizen-api.ts';

export function VehicleList() {
  const t = useT();
  const labels = useRegistryLabels();
  const q = useMyVehicles();
  return (
    <Card data-testid="citizen-vehicles" title={t.citizen.vehiclesTitle} size="small">
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty description={t.citizen.noVehicles} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        q.data.items.map((v) => (
          <div key={v.id} className="odmv-vehicle-item" data-testid="citizen-vehicle">
            <Space size={10} wrap>
              <PlateBadge plate={v.plate} kind={v.plateKind} />
              <span>
                <Typography.Text strong>
                  {v.brand} {v.model}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {labels.vehicleType(v.vehicleType)} · {labels.energyType(v.energyType)}
                </Typography.Text>
              </span>
              {v.status !== 'normal' && <VehicleStatusTag status={v.status} />}
            </Space>
            <Space orientation="vertical" size={4}>
              <span className="odmv-status-line">
                <InspectionTag status={v.inspectionStatus} />
                {t.citizen.inspectionUntil} {formatDate(v.inspectionValidUntil)}
              </span>
              <span className="odmv-status-line">
                <InsuranceTag status={v.insuranceStatus} />
                {t.citizen.insuranceUntil} {formatDate(v.insuranceUntil)}
              </span>
            </Space>
          </div>
        ))
      )}
    </Card>
  );
}
