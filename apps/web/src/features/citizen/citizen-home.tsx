import { IdcardOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { maskName } from '@opendmv/contracts';
import { Skeleton } from 'antd';
import { useCurrentUser } from '../../app/auth/require-role.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useMyPerson } from './citizen-api.ts';
import { LicenceCard } from './licence-card.tsx';
import { ServiceEntries } from './service-entries.tsx';
import { VehicleList } from './vehicle-list.tsx';
import { ViolationList } from './violation-list.tsx';

/** The citizen's home, 交管12123 style: who I am, my licence, my vehicles, my violations. */
export function CitizenHome() {
  const t = useT();
  const me = useCurrentUser();
  const person = useMyPerson();
  return (
    <>
      <section className="odmv-citizen-hero" aria-label={t.citizen.idNumber} data-testid="citizen-header">
        {person.isPending ? (
          <Skeleton active paragraph={{ rows: 1 }} title={{ width: '40%' }} />
        ) : person.isError ? (
          <QueryError error={person.error} onRetry={() => person.refetch()} />
        ) : (
          <>
            <div className="odmv-hero-name">{t.citizen.greeting(maskName(person.data.name))}</div>
            <div className="odmv-hero-sub">
              <IdcardOutlined aria-hidden /> {t.citizen.idNumber}{' '}
              <span className="odmv-mono">{person.data.idNumber}</span>
            </div>
            {me.realNameLevel && (
              <span className="odmv-hero-badge">
                <SafetyCertificateOutlined aria-hidden /> {t.citizen.realNameLevels[me.realNameLevel]}
              </span>
            )}
          </>
        )}
      </section>
      <ServiceEntries />
      <LicenceCard />
      <VehicleList />
      <ViolationList />
    </>
  );
}
