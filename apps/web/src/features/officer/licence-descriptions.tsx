import type { LicenceDto } from '@opendmv/contracts';
import { Descriptions, Progress } from 'antd';
import { LicenceStatusTag, pointsColour, RenewalTag } from '../../app/components/status-tags.tsx';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { LicenceClassTags } from '../../app/labels.tsx';

export function LicenceDescriptions({ licence }: { licence: LicenceDto }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        {
          key: 'file',
          label: t.licence.fileNumber,
          children: <span className="odmv-mono">{licence.fileNumber}</span>,
        },
        { key: 'status', label: t.licence.status, children: <LicenceStatusTag status={licence.status} /> },
        {
          key: 'classes',
          label: t.licence.classes,
          children: <LicenceClassTags classes={licence.classes} />,
        },
        { key: 'first', label: t.licence.firstIssueDate, children: formatDate(licence.firstIssueDate) },
        {
          key: 'validity',
          label: t.licence.validity,
          children: `${formatDate(licence.validFrom)} ~ ${licence.validUntil ? formatDate(licence.validUntil) : t.licence.longTerm} (${t.licence.tiers[licence.validityTier]})`,
        },
        { key: 'renewal', label: t.licence.renewal, children: <RenewalTag renewal={licence.renewal} /> },
        {
          key: 'points',
          label: t.licence.points,
          children: (
            <div style={{ maxWidth: 240 }}>
              <Progress
                percent={Math.min(100, (licence.points / 12) * 100)}
                strokeColor={pointsColour(licence.points)}
                format={() => `${licence.points} / 12`}
                size="small"
              />
            </div>
          ),
        },
        {
          key: 'cycle',
          label: t.licence.cycle,
          children: `${formatDate(licence.cycleStart)} ~ ${formatDate(licence.cycleEnd)}`,
        },
      ]}
    />
  );
}
