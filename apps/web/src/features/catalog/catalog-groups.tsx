import { SearchOutlined, ThunderboltFilled } from '@ant-design/icons';
import { type CatalogItemSummary, ITEM_CATEGORIES } from '@opendmv/contracts';
import { Card, Empty, Input, Skeleton, Tag } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { usePublicCatalog } from './catalog-api.ts';

export function InstantTag() {
  const { t } = useI18n();
  return (
    <Tag
      color="success"
      icon={<ThunderboltFilled />}
      data-testid="instant-tag"
      style={{ marginInlineEnd: 0 }}
    >
      {t.guide.instant}
    </Tag>
  );
}

/** One line of facts about an item: fee · promised days. */
export function ItemFacts({ item }: { item: CatalogItemSummary }) {
  const { t } = useI18n();
  return (
    <span className="odmv-item-facts">
      {item.feeFen === 0 ? t.guide.free : formatFen(item.feeFen)} · {t.guide.promised}{' '}
      {t.guide.workingDays(item.promisedDays)}
    </span>
  );
}

const matches = (item: CatalogItemSummary, q: string) => {
  if (!q) return true;
  const s = q.trim().toLowerCase();
  return (
    item.code.toLowerCase().includes(s) ||
    item.name.zh.includes(q.trim()) ||
    item.name.en.toLowerCase().includes(s) ||
    item.summary.zh.includes(q.trim()) ||
    item.summary.en.toLowerCase().includes(s)
  );
};

/**
 * The catalog grouped by category, with a search box. Each screen renders its own rows: the public guide
 * links every item to its guide, the citizen's services page adds "apply".
 */
export function CatalogGroups({
  renderItem,
  filter,
  testId,
}: {
  renderItem: (item: CatalogItemSummary) => ReactNode;
  filter?: (item: CatalogItemSummary) => boolean;
  testId: string;
}) {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const q = usePublicCatalog();
  const [search, setSearch] = useState('');
  const groups = useMemo(() => {
    const items = (q.data?.items ?? []).filter((i) => (filter ? filter(i) : true) && matches(i, search));
    return ITEM_CATEGORIES.map((c) => ({
      category: c,
      items: items.filter((i) => i.category === c).sort((a, b) => a.code.localeCompare(b.code)),
    })).filter((g) => g.items.length > 0);
  }, [q.data, search, filter]);

  return (
    <div data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Input
        data-testid="catalog-search"
        allowClear
        size="large"
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t.guide.search}
        aria-label={t.guide.search}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="odmv-no-print"
      />
      {q.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : groups.length === 0 ? (
        <Card>
          <Empty description={t.guide.noResults} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        </Card>
      ) : (
        groups.map((g) => (
          <Card
            key={g.category}
            size="small"
            title={labels.category(g.category)}
            data-testid="catalog-category"
            data-category={g.category}
          >
            <ul className="odmv-item-list">
              {g.items.map((i) => (
                <li key={i.code} data-testid="catalog-item" data-code={i.code} title={pick(i.summary)}>
                  {renderItem(i)}
                </li>
              ))}
            </ul>
          </Card>
        ))
      )}
    </div>
  );
}
