import { can, type PersonDto } from '@opendmv/contracts';
import { Card, Empty, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../app/auth/require-role.tsx';
import { PageHeader } from '../../app/components/page-header.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useWorkspaceBase } from '../../app/shells/workspace.ts';
import { LicenceDescriptions } from './licence-descriptions.tsx';
import { PersonDescriptions } from './person-descriptions.tsx';
import { usePersonDetail } from './registry-api.ts';
import { VehiclesTable } from './registry-tables.tsx';
import { RevealButton } from './reveal-modal.tsx';
import { ViolationsTable } from './violations-table.tsx';

export function PersonDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const base = useWorkspaceBase();
  const q = usePersonDetail(id);
  // The unmasked person lives only in this page's memory: leaving the page masks it again.
  const [revealed, setRevealed] = useState<PersonDto | null>(null);

  if (q.isPending) return <BlockSpin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const { licence, vehicles, violations } = q.data;
  const person = revealed && revealed.id === q.data.person.id ? revealed : q.data.person;

  return (
    <div data-testid="person-detail">
      <PageHeader back title={`${t.person.detailTitle} · ${person.name}`} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card
          title={t.person.detailTitle}
          extra={
            can(me.role, 'person:read-full') && person.isMasked ? (
              <RevealButton personId={person.id} onRevealed={setRevealed} />
            ) : null
          }
        >
          <PersonDescriptions person={person} />
        </Card>
        <Card
          title={t.licence.detailTitle}
          extra={licence ? <Link to={`${base}/licences/${licence.id}`}>{t.common.view}</Link> : null}
        >
          {licence ? (
            <LicenceDescriptions licence={licence} />
          ) : (
            <Empty description={t.citizen.noLicence} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
        <Card title={`${t.search.vehicles} (${vehicles.length})`}>
          {vehicles.length ? (
            <VehiclesTable items={vehicles} showOwner={false} />
          ) : (
            <Empty description={t.citizen.noVehicles} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
        <Card title={`${t.violation.listTitle} (${violations.length})`}>
          <ViolationsTable items={violations} />
        </Card>
      </Space>
    </div>
  );
}
