import type { VehicleDto } from '@opendmv/contracts';
import { Descriptions, Space, Typography } from 'antd';
import { PlateBadge } from '../../app/components/plate-badge.tsx';
import { InspectionTag, InsuranceTag } from '../../app/components/status-tags.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useRegistryLabels, VehicleStatusTag } from '../../app/labels.tsx';

export function VehicleDescriptions({ vehicle: v }: { vehicle: VehicleDto }) {
  const t = useT();
  const labels = useRegistryLabels();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        {
          key: 'plate',
          label: t.vehicle.plate,
          children: <PlateBadge plate={v.plate} kind={v.plateKind} size="lg" />,
        },
        {
          key: 'kind',
          label: t.vehicle.plateKind,
          children: v.plateKind ? t.vehicle.plateKinds[v.plateKind] : t.common.none,
        },
        {
          key: 'vin',
          label: t.vehicle.vin,
          children: (
            <Typography.Text className="odmv-mono" type={v.vinCheckOk ? undefined : 'danger'} copyable>
              {v.vin}
            </Typography.Text>
          ),
        },
        { key: 'status', label: t.vehicle.status, children: <VehicleStatusTag status={v.status} /> },
        { key: 'brand', label: t.vehicle.brandModel, children: `${v.brand} ${v.model}` },
        { key: 'type', label: t.vehicle.vehicleType, children: labels.vehicleType(v.vehicleType) },
        { key: 'use', label: t.vehicle.useType, children: labels.useType(v.useType) },
        { key: 'energy', label: t.vehicle.energyType, children: labels.energyType(v.energyType) },
        { key: 'colour', label: t.vehicle.colour, children: v.colour },
        { key: 'seats', label: t.vehicle.seats, children: v.seats },
        { key: 'reg', label: t.vehicle.registrationDate, children: formatDate(v.registrationDate) },
        {
          key: 'inspection',
          label: t.vehicle.inspection,
          children: (
            <Space size={4}>
              <InspectionTag status={v.inspectionStatus} />
              {formatDate(v.inspectionValidUntil)}
            </Space>
          ),
        },
        {
          key: 'insurance',
          label: t.vehicle.insurance,
          children: (
            <Space size={4}>
              <InsuranceTag status={v.insuranceStatus} />
              {formatDate(v.insuranceUntil)}
            </Space>
          ),
        },
      ]}
    />
  );
}
