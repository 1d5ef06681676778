import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { LIVE_LICENCE_STATUS_LABELS, type LiveLicenceStatus, qrColour } from '@opendmv/contracts';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import './credentials.css';

/** The live status as a tag: green when the licence is in order, red (with the reason) when it is not. */
export function LiveStatusTag({ status }: { status: LiveLicenceStatus }) {
  const { pick } = useI18n();
  const normal = qrColour(status) === 'normal';
  return (
    <Tag
      color={normal ? 'success' : 'error'}
      icon={normal ? <CheckCircleFilled /> : <CloseCircleFilled />}
      data-testid="live-status"
      data-status={status}
      style={{ marginInlineEnd: 0 }}
    >
      {pick(LIVE_LICENCE_STATUS_LABELS[status])}
    </Tag>
  );
}

/** The big coloured verdict at the top of a public result: normal (green) or abnormal (red, with reason). */
export function VerdictBanner({
  status,
  title,
  children,
}: {
  status: LiveLicenceStatus;
  title: string;
  children?: ReactNode;
}) {
  const { t, pick } = useI18n();
  const colour = qrColour(status);
  return (
    <div
      className={`odmv-verdict odmv-verdict-${colour}`}
      data-testid="verdict"
      data-colour={colour}
      data-status={status}
      role="status"
    >
      <span className="odmv-verdict-icon" aria-hidden>
        {colour === 'normal' ? <CheckCircleFilled /> : <CloseCircleFilled />}
      </span>
      <div>
        <div className="odmv-verdict-title">{title}</div>
        {colour === 'abnormal' && (
          <div className="odmv-verdict-reason" data-testid="verdict-reason">
            {t.credentials.verify.reason}: {pick(LIVE_LICENCE_STATUS_LABELS[status])}
          </div>
        )}
        {children}
      </div>
    </div>
  );
}
