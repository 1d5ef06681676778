import type { AuditEventDto, LicenceDto, VehicleDto } from '@opendmv/contracts';
import { Tag } from 'antd';
import { useT } from '../i18n/i18n-provider.tsx';

const renewalColour: Record<LicenceDto['renewal']['state'], string> = {
  valid: 'success',
  'long-term': 'success',
  'renewal-window': 'warning',
  'expired-renewable': 'orange',
  'expired-needs-theory-test': 'error',
  'expired-unrecoverable': 'error',
};

/** Renewal state of a licence with the days to (or since) expiry. */
export function RenewalTag({ renewal }: { renewal: LicenceDto['renewal'] }) {
  const t = useT();
  const days =
    renewal.daysToExpiry !== undefined && renewal.state !== 'long-term'
      ? t.licence.daysToExpiry(renewal.daysToExpiry)
      : renewal.daysExpired !== undefined
        ? t.licence.daysExpired(renewal.daysExpired)
        : null;
  return (
    <Tag color={renewalColour[renewal.state]} data-state={renewal.state}>
      {t.licence.renewalStates[renewal.state]}
      {days ? ` · ${days}` : ''}
    </Tag>
  );
}

const licenceStatusColour: Record<LicenceDto['status'], string> = {
  valid: 'success',
  expired: 'warning',
  suspended: 'orange',
  revoked: 'error',
  seized: 'orange',
  cancelled: 'default',
};
export function LicenceStatusTag({ status }: { status: LicenceDto['status'] }) {
  const t = useT();
  return <Tag color={licenceStatusColour[status]}>{t.licence.statuses[status]}</Tag>;
}

const inspectionColour: Record<VehicleDto['inspectionStatus'], string> = {
  valid: 'success',
  'window-open': 'processing',
  overdue: 'error',
};
export function InspectionTag({ status }: { status: VehicleDto['inspectionStatus'] }) {
  const t = useT();
  return <Tag color={inspectionColour[status]}>{t.vehicle.inspectionStatuses[status]}</Tag>;
}

const insuranceColour: Record<VehicleDto['insuranceStatus'], string> = {
  valid: 'success',
  expiring: 'warning',
  expired: 'error',
};
export function InsuranceTag({ status }: { status: VehicleDto['insuranceStatus'] }) {
  const t = useT();
  return <Tag color={insuranceColour[status]}>{t.vehicle.insuranceStatuses[status]}</Tag>;
}

const outcomeColour: Record<AuditEventDto['outcome'], string> = {
  success: 'success',
  failure: 'error',
  denied: 'warning',
};
export function OutcomeTag({ outcome }: { outcome: AuditEventDto['outcome'] }) {
  const t = useT();
  return <Tag color={outcomeColour[outcome]}>{t.audit.outcomes[outcome]}</Tag>;
}

/** Colour of a points bar: blue while safe, orange from 9, red at the full 12. */
export const pointsColour = (points: number) =>
  points >= 12 ? '#dc2626' : points >= 9 ? '#d97706' : '#1d4ed8';
