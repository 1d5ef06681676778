import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Descriptions, type DescriptionsProps, Result, Typography } from 'antd';
import { useParams } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime, formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useDocumentVerification } from './issuance-api.ts';
import './issuance.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function NotFound() {
  const { t } = useI18n();
  return (
    <Card data-testid="verify-result" data-status="not-found">
      <Result
        status="warning"
        title={t.issuance.verify.notFoundTitle}
        subTitle={t.issuance.verify.notFoundText}
      />
    </Card>
  );
}

function Verification({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const m = t.issuance.verify;
  const q = useDocumentVerification(id);
  if (q.isPending) return <BlockSpin />;
  if (q.isError)
    return isApiError(q.error) && (q.error.status === 404 || q.error.status === 400) ? (
      <NotFound />
    ) : (
      <QueryError error={q.error} onRetry={() => q.refetch()} />
    );
  const v = q.data;
  const valid = v.status === 'valid';
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: m.kind, children: pick(v.title) },
    {
      key: 'number',
      label: m.number,
      children: (
        <span className="odmv-mono" data-testid="verify-number">
          {v.number}
        </span>
      ),
    },
    { key: 'issuer', label: m.issuer, children: pick(v.issuer) },
    { key: 'issuedAt', label: m.issuedAt, children: formatDateTime(v.issuedAt) },
    {
      key: 'holder',
      label: m.holder,
      children: <span data-testid="verify-holder">{v.summary.holder}</span>,
    },
    { key: 'subject', label: m.subject, children: pick(v.summary.subject) },
    ...(v.summary.amountFen !== null
      ? [{ key: 'amount', label: m.amount, children: formatFen(v.summary.amountFen) }]
      : []),
    ...(v.summary.decision
      ? [
          {
            key: 'decision',
            label: m.decision,
            children: (
              <Typography.Text
                strong
                type={v.summary.decision === 'approved' ? 'success' : 'danger'}
                data-testid="verify-decision"
              >
                {v.summary.decision === 'approved' ? m.approved : m.rejected}
              </Typography.Text>
            ),
          },
        ]
      : []),
    {
      key: 'reference',
      label: m.reference,
      children: <span className="odmv-mono">{v.summary.reference}</span>,
    },
    ...(v.voidedAt
      ? [
          { key: 'voidedAt', label: m.voidedAt, children: formatDateTime(v.voidedAt) },
          { key: 'voidReason', label: m.voidReason, children: v.voidReason ?? '—' },
        ]
      : []),
  ];
  return (
    <div data-testid="verify-result" data-status={v.status} data-kind={v.kind}>
      <div className={`odmv-verify-banner ${valid ? 'is-valid' : 'is-void'}`} role="status">
        {valid ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}
        <div>
          <div className="odmv-verify-banner-title" data-testid="verify-status-title">
            {valid ? m.validTitle : m.voidTitle}
          </div>
          <div className="odmv-verify-banner-text">{valid ? m.validText : m.voidText}</div>
        </div>
      </div>
      <Card size="small">
        <Descriptions size="small" column={1} items={items} />
        <div className="odmv-verify-hash-block">
          <Typography.Text type="secondary">{m.sha256}</Typography.Text>
          <div className="odmv-mono odmv-verify-hash" data-testid="verify-sha256">
            {v.sha256}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.sha256Hint}
          </Typography.Text>
        </div>
      </Card>
    </div>
  );
}

/** `/verify/:id`: the public check of a receipt or decision document from its QR code (no sign-in). */
export function VerifyDocumentPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  return (
    <div className="odmv-verify" data-testid="verify-document-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <SafetyCertificateOutlined aria-hidden /> {t.issuance.verify.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.issuance.verify.intro}</Typography.Paragraph>
      {UUID.test(id) ? <Verification id={id} /> : <NotFound />}
    </div>
  );
}
