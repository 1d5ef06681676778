import type { VehicleDto } from '@opendmv/contracts';
import { formatPlate } from '../format.ts';
import { useT } from '../i18n/i18n-provider.tsx';

/** The plate drawn like the real one: blue for regular plates, green for new-energy plates. */
export function PlateBadge({
  plate,
  kind,
  size = 'md',
}: {
  plate: string | null;
  kind: VehicleDto['plateKind'];
  size?: 'sm' | 'md' | 'lg';
}) {
  const t = useT();
  if (!plate)
    return <span className={`odmv-plate odmv-plate-none odmv-plate-${size}`}>{t.citizen.unregistered}</span>;
  const variant = kind === 'nev-small' ? 'nev' : kind === 'nev-large' ? 'nev-large' : 'blue';
  const label = kind ? `${t.vehicle.plateKinds[kind]} ${plate}` : plate;
  return (
    <span
      className={`odmv-plate odmv-plate-${variant} odmv-plate-${size}`}
      role="img"
      aria-label={label}
      title={label}
    >
      <span className="odmv-plate-inner">{formatPlate(plate)}</span>
    </span>
  );
}
