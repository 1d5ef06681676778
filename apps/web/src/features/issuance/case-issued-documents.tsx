import { DownloadOutlined, FileProtectOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@opendmv/contracts';
import { Button, Card, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import type { CaseScope } from '../cases/cases-api.ts';
import { DECIDED_STATES, useCaseDecision } from './issuance-api.ts';
import './issuance.css';

/**
 * The case's decision document (决定书): download as PDF, or open its public verification page — the
 * same page its QR code leads to. Issued the first time it is shown, once the case is decided.
 */
export function CaseIssuedDocuments({ c, scope }: { c: CaseDetail; scope: CaseScope }) {
  const { t, pick } = useI18n();
  const m = t.issuance.documents;
  const decided = DECIDED_STATES.includes(c.status) && c.decidedBy !== null;
  const q = useCaseDecision(scope, c, decided);
  if (!decided) return null;
  const title = (
    <span>
      <FileProtectOutlined aria-hidden /> {m.title}
    </span>
  );
  if (q.isPending)
    return (
      <Card size="small" title={title}>
        <BlockSpin />
      </Card>
    );
  if (q.isError)
    return (
      <Card size="small" title={title}>
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      </Card>
    );
  const d = q.data;
  const valid = d.status === 'valid';
  return (
    <Card size="small" title={title} data-testid="case-issued-documents">
      <div className="odmv-issued-doc" data-testid="issued-document" data-kind={d.kind} data-id={d.id}>
        <FileProtectOutlined className="odmv-issued-doc-icon" aria-hidden />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>{pick(d.title)}</Typography.Text>{' '}
          <Tag color={valid ? 'success' : 'error'} data-testid="issued-document-status">
            {valid ? m.valid : m.void}
          </Tag>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {m.number} <span className="odmv-mono">{d.number}</span> · {m.issuedAt}{' '}
            {formatDateTime(d.issuedAt)}
          </Typography.Text>
          <div className="odmv-issued-doc-actions">
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={d.pdfUrl}
              download={`${d.number}.pdf`}
              data-testid="decision-pdf"
            >
              {m.download}
            </Button>
            <Link to={d.verifyPath} target="_blank" rel="noopener" data-testid="decision-verify">
              <Button icon={<SafetyCertificateOutlined />}>{m.verify}</Button>
            </Link>
          </div>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 8 }}>
            {m.hint}
          </Typography.Text>
        </div>
      </div>
    </Card>
  );
}
