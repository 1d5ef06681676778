import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { CaseStatusTag } from '../../app/case-labels.tsx';
import { PageHeader } from '../../app/components/page-header.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useWorkspaceBase } from '../../app/shells/workspace.ts';
import { CaseIssuedDocuments } from '../issuance/case-issued-documents.tsx';
import { CaseTracking } from '../issuance/case-tracking.tsx';
import { WindowPaymentPanel } from '../payments/window-payment-panel.tsx';
import { AutoCheckPanel } from './auto-check-panel.tsx';
import { CaseActionBar } from './case-actions.tsx';
import { CaseDocumentsCard } from './case-documents.tsx';
import { CaseEventsTimeline } from './case-events.tsx';
import { CaseFacts, DecidedByTag } from './case-facts.tsx';
import { useCaseDetail } from './cases-api.ts';

/** `/officer/cases/:id`, `/supervisor/cases/:id`: one case and the actions the workflow gives the caller. */
export function CaseDetailPage() {
  const { t, pick } = useI18n();
  const { id = '' } = useParams();
  const base = useWorkspaceBase();
  const q = useCaseDetail('office', id);
  if (q.isPending) return <BlockSpin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  return (
    <div data-testid="case-detail" data-status={c.status} data-number={c.number}>
      <PageHeader
        back
        title={
          <Space wrap size={8}>
            {pick(c.itemName)}
            <span className="odmv-mono" data-testid="case-number" style={{ fontSize: 14, fontWeight: 400 }}>
              {c.number}
            </span>
            <CaseStatusTag status={c.status} />
            <DecidedByTag decidedBy={c.decidedBy} />
            {c.escalated && <Tag color="volcano">{t.cases.escalated}</Tag>}
          </Space>
        }
        extra={
          <Link to={`${base}/cases/${c.id}/print`} data-testid="case-print">
            <Button icon={<PrinterOutlined />}>{t.cases.printSlip}</Button>
          </Link>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {c.correction && (
          <Alert
            type="warning"
            showIcon
            title={t.cases.correctionTitle}
            description={<span data-testid="case-correction">{c.correction}</span>}
          />
        )}
        <Card title={t.cases.actions} size="small">
          <CaseActionBar scope="office" c={c} />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card title={t.cases.detailTitle}>
                <CaseFacts c={c} staff />
              </Card>
              <Card title={t.check.title}>
                <AutoCheckPanel check={c.check} />
              </Card>
              <CaseDocumentsCard c={c} />
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <WindowPaymentPanel c={c} />
              <Card title={t.cases.events}>
                <CaseEventsTimeline events={c.events} />
              </Card>
              <CaseTracking c={c} scope="office" />
              <CaseIssuedDocuments c={c} scope="office" />
            </Space>
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.itemCode} · {t.guide.version} {c.itemVersion}
        </Typography.Text>
      </Space>
    </div>
  );
}
