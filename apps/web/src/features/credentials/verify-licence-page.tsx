import { Alert, Card, Descriptions, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { LicenceClassTags } from '../../app/labels.tsx';
import { VerdictBanner } from './credential-parts.tsx';
import { useVerifyLicence } from './credentials-api.ts';

function VerifyResult({ token }: { token: string }) {
  const { t } = useI18n();
  const c = t.credentials;
  const q = useVerifyLicence(token);
  if (q.isPending) return <BlockSpin />;
  if (q.isError) {
    if (isApiError(q.error) && (q.error.status === 400 || q.error.status === 404))
      return (
        <Alert
          type="error"
          showIcon
          data-testid="verify-failed"
          title={c.verify.failedTitle}
          description={q.error.fields[0]?.message ?? q.error.message}
        />
      );
    return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  }
  const v = q.data;
  return (
    <Card size="small" data-testid="verify-result" data-status={v.status} data-colour={v.colour}>
      <VerdictBanner
        status={v.status}
        title={v.colour === 'normal' ? c.verify.normalTitle : c.verify.abnormalTitle}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'holder',
            label: c.holder,
            children: <span data-testid="verify-holder">{v.holderName}</span>,
          },
          { key: 'classes', label: c.classes, children: <LicenceClassTags classes={v.classes} /> },
          {
            key: 'until',
            label: c.validUntil,
            children: v.validUntil ? formatDate(v.validUntil) : c.longTerm,
          },
          { key: 'checked', label: c.verify.checkedAt, children: formatDateTime(v.checkedAt) },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.verify.signedNote}
      </Typography.Text>
    </Card>
  );
}

/** `/verify/licence?t=…`: what anyone scanning an e-licence QR sees (public, no sign-in). */
export function VerifyLicencePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('t');
  return (
    <>
      <Card data-testid="verify-licence-page">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t.credentials.verify.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {token ? t.credentials.verify.intro : t.credentials.verify.noToken}
        </Typography.Paragraph>
      </Card>
      {token && <VerifyResult token={token} />}
      <Link to="/check" data-testid="verify-to-check">
        {t.credentials.verify.tryCheck}
      </Link>
    </>
  );
}
