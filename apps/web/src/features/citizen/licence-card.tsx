import { Card, Descriptions, Empty, Progress, Skeleton, Space, Typography } from 'antd';
import { QueryError } from '../../app/components/query-state.tsx';
import { LicenceStatusTag, pointsColour, RenewalTag } from '../../app/components/status-tags.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { LicenceClassTags } from '../../app/labels.tsx';
import { useMyLicence } from './citizen-api.ts';

const FULL_SCORE = 12;

export function LicenceCard() {
  const t = useT();
  const q = useMyLicence();
  const licence = q.data?.licence;
  return (
    <Card
      data-testid="citizen-licence-card"
      title={t.citizen.licenceTitle}
      extra={licence ? <LicenceStatusTag status={licence.status} /> : null}
      size="small"
    >
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : !licence ? (
        <Empty description={t.citizen.noLicence} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.licence.classes}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>
              <LicenceClassTags classes={licence.classes} />
            </div>
          </div>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.citizen.pointsThisCycle}
            </Typography.Text>
            <div className="odmv-licence-points" data-testid="citizen-points">
              <strong style={{ color: pointsColour(licence.points) }}>{licence.points}</strong>
              <Typography.Text type="secondary">/ {FULL_SCORE}</Typography.Text>
            </div>
            <Progress
              percent={Math.min(100, (licence.points / FULL_SCORE) * 100)}
              showInfo={false}
              strokeColor={pointsColour(licence.points)}
              aria-label={t.citizen.pointsOf(licence.points)}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.citizen.cycleEnd} {formatDate(licence.cycleEnd)}
            </Typography.Text>
          </div>
          <Descriptions
            size="small"
            column={1}
            colon={false}
            styles={{ label: { color: '#6b7280', width: 110 } }}
            items={[
              {
                key: 'file',
                label: t.licence.fileNumber,
                children: <span className="odmv-mono">{licence.fileNumber}</span>,
              },
              {
                key: 'until',
                label: t.licence.validUntil,
                children: licence.validUntil ? formatDate(licence.validUntil) : t.licence.longTerm,
              },
              {
                key: 'renewal',
                label: t.licence.renewal,
                children: <RenewalTag renewal={licence.renewal} />,
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
