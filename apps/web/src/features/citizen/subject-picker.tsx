import type { SubjectKind, SubjectRef } from '@opendmv/contracts';
import { Empty, Form, Input, Radio, Skeleton, Space, Typography } from 'antd';
import { PlateBadge } from '../../app/components/plate-badge.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useMyVehicles, useMyViolations } from './citizen-api.ts';

/** Form values of the subject: a vehicle (`plate:…` / `vin:…`), a violation id, or a VIN typed in. */
export interface SubjectValues {
  vehicle?: string;
  violationId?: string;
  vin?: string;
}

export function subjectRefOf(kind: SubjectKind, v: SubjectValues): SubjectRef {
  if (kind === 'vehicle' && v.vehicle) {
    const [type, value] = [
      v.vehicle.slice(0, v.vehicle.indexOf(':')),
      v.vehicle.slice(v.vehicle.indexOf(':') + 1),
    ];
    return type === 'plate' ? { plate: value } : { vin: value };
  }
  if (kind === 'violation' && v.violationId) return { violationId: v.violationId };
  if (kind === 'new-vehicle' && v.vin) return { vin: v.vin.trim().toUpperCase() };
  return {};
}

function VehiclePicker() {
  const { t } = useI18n();
  const q = useMyVehicles();
  if (q.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (q.data.items.length === 0)
    return <Empty description={t.apply.noVehicles} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Form.Item
      name="vehicle"
      rules={[{ required: true, message: t.apply.pickVehicle }]}
      style={{ margin: 0 }}
    >
      <Radio.Group style={{ width: '100%' }} aria-label={t.apply.pickVehicle}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {q.data.items.map((v) => (
            <Radio
              key={v.id}
              value={v.plate ? `plate:${v.plate}` : `vin:${v.vin}`}
              data-testid="apply-subject-vehicle"
              data-plate={v.plate ?? ''}
              className="odmv-pick"
            >
              <Space size={8} wrap>
                <PlateBadge plate={v.plate} kind={v.plateKind} size="sm" />
                <span>
                  {v.brand} {v.model}
                </span>
              </Space>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </Form.Item>
  );
}

function ViolationPicker() {
  const { t } = useI18n();
  const q = useMyViolations();
  if (q.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const open = q.data.items.filter((v) => v.status === 'unhandled');
  if (open.length === 0)
    return <Empty description={t.apply.noViolations} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Form.Item
      name="violationId"
      rules={[{ required: true, message: t.apply.pickViolation }]}
      style={{ margin: 0 }}
    >
      <Radio.Group style={{ width: '100%' }} aria-label={t.apply.pickViolation}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {open.map((v) => (
            <Radio key={v.id} value={v.id} data-testid="apply-subject-violation" className="odmv-pick">
              <Typography.Text strong>{v.description}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {v.plate} · {formatDateTime(v.occurredAt)} · {v.place} · {t.violation.pointsUnit(v.points)} ·{' '}
                {formatFen(v.fineFen)}
              </Typography.Text>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </Form.Item>
  );
}

/** What the application is about, by the item's subject kind. */
export function SubjectPicker({ kind }: { kind: SubjectKind }) {
  const { t } = useI18n();
  switch (kind) {
    case 'vehicle':
      return <VehiclePicker />;
    case 'violation':
      return <ViolationPicker />;
    case 'new-vehicle':
      return (
        <Form.Item
          name="vin"
          label={t.apply.vin}
          rules={[
            { required: true, pattern: /^\s*[A-HJ-NPR-Za-hj-npr-z0-9]{17}\s*$/, message: t.apply.vinFormat },
          ]}
          style={{ margin: 0 }}
        >
          <Input
            data-testid="apply-vin"
            placeholder={t.apply.vinPlaceholder}
            maxLength={17}
            className="odmv-mono"
          />
        </Form.Item>
      );
    default:
      return (
        <Typography.Text type="secondary" data-testid="apply-subject-licence">
          {t.apply.ownLicence}
        </Typography.Text>
      );
  }
}
