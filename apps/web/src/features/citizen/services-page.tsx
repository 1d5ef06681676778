import { FileTextOutlined, FormOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { CatalogGroups, InstantTag, ItemFacts } from '../catalog/catalog-groups.tsx';

/** `/citizen/services`: what the citizen can apply for, by category; instant items carry "马上办". */
export function ServicesPage() {
  const { t, pick } = useI18n();
  return (
    <>
      <section className="odmv-citizen-hero">
        <div className="odmv-hero-name">{t.apply.servicesTitle}</div>
        <div className="odmv-hero-sub">{t.apply.servicesIntro}</div>
      </section>
      <CatalogGroups
        testId="citizen-services"
        renderItem={(i) => {
          const online = i.channels.includes('online');
          return (
            <div className="odmv-item-row">
              <span className="odmv-item-main">
                <Typography.Text strong>{pick(i.name)}</Typography.Text>{' '}
                {i.instantApproval && online && <InstantTag />}
                <br />
                <ItemFacts item={i} />
              </span>
              <Space size={4} wrap={false}>
                <Link to={`/guide/${i.code}`} data-testid="service-guide-link" aria-label={t.apply.guide}>
                  <Button size="small" type="text" icon={<FileTextOutlined />}>
                    <span className="odmv-hide-xs">{t.apply.guide}</span>
                  </Button>
                </Link>
                {online ? (
                  <Link to={`/citizen/services/${i.code}`} data-testid="service-apply" data-code={i.code}>
                    <Button size="small" type="primary" icon={<FormOutlined />}>
                      {t.apply.start}
                    </Button>
                  </Link>
                ) : (
                  <Tag style={{ marginInlineEnd: 0 }}>{t.apply.windowOnly}</Tag>
                )}
              </Space>
            </div>
          );
        }}
      />
    </>
  );
}
