import {
  auditActionLabel,
  ENERGY_TYPE_LABELS,
  type LicenceClass,
  licenceClassInfo,
  USE_TYPE_LABELS,
  VEHICLE_STATUS_LABELS,
  VEHICLE_TYPE_LABELS,
  type VehicleDto,
  VIOLATION_STATUS_LABELS,
  type ViolationDto,
} from '@opendmv/contracts';
import { Space, Tag, Tooltip } from 'antd';
import { useI18n } from './i18n/i18n-provider.tsx';

/** Labels of the registry enums, taken from the contracts package (one definition for API and UI). */
export function useRegistryLabels() {
  const { pick, locale } = useI18n();
  return {
    licenceClass: (c: LicenceClass) => {
      const info = licenceClassInfo(c);
      return locale === 'en' ? info.nameEn : info.nameZh;
    },
    vehicleType: (v: VehicleDto['vehicleType']) => pick(VEHICLE_TYPE_LABELS[v]),
    useType: (v: VehicleDto['useType']) => pick(USE_TYPE_LABELS[v]),
    energyType: (v: VehicleDto['energyType']) => pick(ENERGY_TYPE_LABELS[v]),
    vehicleStatus: (v: VehicleDto['status']) => pick(VEHICLE_STATUS_LABELS[v]),
    violationStatus: (v: ViolationDto['status']) => pick(VIOLATION_STATUS_LABELS[v]),
  };
}

/** An audit action's label in the UI language; the raw code when the contracts table has none. */
export function useAuditActionLabel(): (action: string) => string {
  const { pick } = useI18n();
  return (action) => {
    const label = auditActionLabel(action);
    return label ? pick(label) : action;
  };
}

/** Licence classes as tags, each with its full name on hover. */
export function LicenceClassTags({ classes }: { classes: readonly LicenceClass[] }) {
  const labels = useRegistryLabels();
  return (
    <Space size={[4, 4]} wrap>
      {classes.map((c) => (
        <Tooltip key={c} title={labels.licenceClass(c)}>
          <Tag
            color="geekblue"
            style={{ fontWeight: 600, marginInlineEnd: 0 }}
            aria-label={`${c} ${labels.licenceClass(c)}`}
          >
            {c}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

const violationColour: Record<ViolationDto['status'], string> = {
  unhandled: 'error',
  decided: 'warning',
  paid: 'success',
};
export function ViolationStatusTag({ status }: { status: ViolationDto['status'] }) {
  const labels = useRegistryLabels();
  return (
    <Tag color={violationColour[status]} data-status={status}>
      {labels.violationStatus(status)}
    </Tag>
  );
}

const vehicleStatusColour: Record<VehicleDto['status'], string> = {
  normal: 'success',
  mortgaged: 'processing',
  seized: 'warning',
  scrapped: 'default',
  stolen: 'error',
  deregistered: 'default',
};
export function VehicleStatusTag({ status }: { status: VehicleDto['status'] }) {
  const labels = useRegistryLabels();
  return <Tag color={vehicleStatusColour[status]}>{labels.vehicleStatus(status)}</Tag>;
}
