import { RightOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { CatalogGroups, InstantTag, ItemFacts } from './catalog-groups.tsx';

/** `/guide`: every business item in force, by category (public, no login). */
export function GuideListPage() {
  const { t, pick } = useI18n();
  return (
    <>
      <section className="odmv-citizen-hero">
        <div className="odmv-hero-name">{t.guide.title}</div>
        <div className="odmv-hero-sub">{t.guide.intro}</div>
      </section>
      <CatalogGroups
        testId="guide-list"
        renderItem={(i) => (
          <Link to={`/guide/${i.code}`} className="odmv-item-row">
            <span className="odmv-item-main">
              <Typography.Text strong>{pick(i.name)}</Typography.Text> {i.instantApproval && <InstantTag />}
              <br />
              <ItemFacts item={i} />
            </span>
            <RightOutlined aria-hidden style={{ color: '#9ca3af' }} />
          </Link>
        )}
      />
    </>
  );
}
