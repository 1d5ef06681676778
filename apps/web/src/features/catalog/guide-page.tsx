import { ArrowLeftOutlined, FormOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useServiceGuide } from './catalog-api.ts';
import { InstantTag } from './catalog-groups.tsx';
import { GuideContent } from './guide-content.tsx';

/** `/guide/:code`: the printable service guide of one item (public, no login). */
export function GuidePage() {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const { code } = useParams();
  const q = useServiceGuide(code);
  if (q.isPending) return <BlockSpin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const def = q.data.definition;
  return (
    <div data-testid="guide-page" data-code={q.data.code} className="odmv-guide">
      <Link to="/guide" className="odmv-no-print odmv-back-link">
        <ArrowLeftOutlined aria-hidden /> {t.guide.back}
      </Link>
      <section className="odmv-guide-head">
        <Space size={[6, 6]} wrap>
          <Tag color="geekblue">{labels.category(def.category)}</Tag>
          {def.instantApproval && <InstantTag />}
        </Space>
        <Typography.Title level={3} data-testid="guide-title" style={{ margin: '8px 0 4px' }}>
          {pick(def.name)}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {pick(def.summary)}
        </Typography.Paragraph>
        <Space size={8} wrap className="odmv-no-print">
          {def.channels.includes('online') && (
            <Link to={`/citizen/services/${def.code}`} data-testid="guide-apply">
              <Button type="primary" icon={<FormOutlined />}>
                {t.guide.apply}
              </Button>
            </Link>
          )}
          <Button data-testid="guide-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t.guide.print}
          </Button>
        </Space>
      </section>
      <GuideContent guide={q.data} />
    </div>
  );
}
