import type { LicenceDto, PersonDto, VehicleDto } from '@opendmv/contracts';
import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { PlateBadge } from '../../app/components/plate-badge.tsx';
import { InspectionTag, InsuranceTag, LicenceStatusTag } from '../../app/components/status-tags.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { LicenceClassTags, useRegistryLabels, VehicleStatusTag } from '../../app/labels.tsx';
import { useWorkspaceBase } from '../../app/shells/workspace.ts';

export function PersonsTable({ items }: { items: PersonDto[] }) {
  const t = useT();
  const base = useWorkspaceBase();
  return (
    <Table<PersonDto>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 640 }}
      columns={[
        {
          key: 'name',
          title: t.person.name,
          render: (_, p) => <Link to={`${base}/persons/${p.id}`}>{p.name}</Link>,
        },
        {
          key: 'id',
          title: t.person.idNumber,
          dataIndex: 'idNumber',
          render: (v: string) => <span className="odmv-mono">{v}</span>,
        },
        {
          key: 'sex',
          title: t.person.sex,
          dataIndex: 'sex',
          width: 70,
          render: (s: PersonDto['sex']) => t.person.sexes[s],
        },
        {
          key: 'birth',
          title: t.person.birthDate,
          dataIndex: 'birthDate',
          width: 120,
          render: (d: string) => formatDate(d),
        },
        {
          key: 'phone',
          title: t.person.phone,
          dataIndex: 'phone',
          render: (v: string | null) => v ?? t.common.none,
        },
      ]}
    />
  );
}

export function VehiclesTable({ items, showOwner = true }: { items: VehicleDto[]; showOwner?: boolean }) {
  const t = useT();
  const base = useWorkspaceBase();
  const labels = useRegistryLabels();
  return (
    <Table<VehicleDto>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 900 }}
      columns={[
        {
          key: 'plate',
          title: t.vehicle.plate,
          width: 140,
          render: (_, v) => (
            <Link to={`${base}/vehicles/${v.id}`} aria-label={`${t.common.view} ${v.plate ?? v.vin}`}>
              <PlateBadge plate={v.plate} kind={v.plateKind} size="sm" />
            </Link>
          ),
        },
        {
          key: 'vin',
          title: t.vehicle.vin,
          render: (_, v) => (
            <Typography.Text className="odmv-mono" type={v.vinCheckOk ? undefined : 'danger'}>
              {v.vin}
            </Typography.Text>
          ),
        },
        {
          key: 'brand',
          title: t.vehicle.brandModel,
          render: (_, v) => (
            <>
              {v.brand} {v.model}
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {labels.vehicleType(v.vehicleType)}
              </Typography.Text>
            </>
          ),
        },
        ...(showOwner
          ? [
              {
                key: 'owner',
                title: t.vehicle.owner,
                render: (_: unknown, v: VehicleDto) => (
                  <Link to={`${base}/persons/${v.ownerId}`}>{v.ownerName}</Link>
                ),
              },
            ]
          : []),
        {
          key: 'status',
          title: t.vehicle.status,
          width: 100,
          render: (_, v) => <VehicleStatusTag status={v.status} />,
        },
        {
          key: 'inspection',
          title: t.vehicle.inspection,
          width: 130,
          render: (_, v) => <InspectionTag status={v.inspectionStatus} />,
        },
        {
          key: 'insurance',
          title: t.vehicle.insurance,
          width: 110,
          render: (_, v) => <InsuranceTag status={v.insuranceStatus} />,
        },
      ]}
    />
  );
}

export function LicencesTable({ items }: { items: LicenceDto[] }) {
  const t = useT();
  const base = useWorkspaceBase();
  return (
    <Table<LicenceDto>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 720 }}
      columns={[
        {
          key: 'file',
          title: t.licence.fileNumber,
          render: (_, l) => (
            <Link to={`${base}/licences/${l.id}`} className="odmv-mono">
              {l.fileNumber}
            </Link>
          ),
        },
        {
          key: 'classes',
          title: t.licence.classes,
          render: (_, l) => <LicenceClassTags classes={l.classes} />,
        },
        {
          key: 'until',
          title: t.licence.validUntil,
          width: 120,
          render: (_, l) => (l.validUntil ? formatDate(l.validUntil) : t.licence.longTerm),
        },
        {
          key: 'status',
          title: t.licence.status,
          width: 110,
          render: (_, l) => <LicenceStatusTag status={l.status} />,
        },
        {
          key: 'points',
          title: t.licence.points,
          width: 80,
          align: 'right',
          render: (_, l) => `${l.points} / 12`,
        },
      ]}
    />
  );
}
