import { Card, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../app/components/page-header.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useWorkspaceBase } from '../../app/shells/workspace.ts';
import { LicenceDescriptions } from './licence-descriptions.tsx';
import { PersonDescriptions } from './person-descriptions.tsx';
import { useLicenceDetail } from './registry-api.ts';

export function LicenceDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const base = useWorkspaceBase();
  const q = useLicenceDetail(id);

  if (q.isPending) return <BlockSpin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const { licence, holder } = q.data;

  return (
    <div data-testid="licence-detail">
      <PageHeader back title={`${t.licence.detailTitle} · ${licence.fileNumber}`} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t.licence.detailTitle}>
          <LicenceDescriptions licence={licence} />
        </Card>
        <Card
          title={t.licence.holder}
          extra={<Link to={`${base}/persons/${holder.id}`}>{t.common.view}</Link>}
        >
          <PersonDescriptions person={holder} />
        </Card>
      </Space>
    </div>
  );
}
