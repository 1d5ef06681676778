import type { OfficeDto } from '@opendmv/contracts';
import { Tag, TreeSelect, type TreeSelectProps } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useOffices } from './admin-api.ts';

export interface OfficeNode {
  key: string;
  value: string;
  title: ReactNode;
  label: string;
  office: OfficeDto;
  children: OfficeNode[];
}

/** Offices → a tree by parentId (an office whose parent is not in the list becomes a root). Siblings by code. */
export function buildOfficeTree(
  offices: OfficeDto[],
  render: (o: OfficeDto) => { title: ReactNode; label: string },
): OfficeNode[] {
  const ids = new Set(offices.map((o) => o.id));
  const byParent = new Map<string | null, OfficeDto[]>();
  for (const o of offices) {
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), o]);
  }
  const build = (parent: string | null): OfficeNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((o) => ({ key: o.id, value: o.id, ...render(o), office: o, children: build(o.id) }));
  return build(null);
}

/** The offices as tree data for Tree and TreeSelect, labelled in the current language. */
export function useOfficeTree() {
  const { t, locale } = useI18n();
  const q = useOffices();
  const name = (o: OfficeDto) => (locale === 'en' ? o.nameEn : o.nameZh);
  const tree = q.data
    ? buildOfficeTree(q.data.items, (o) => ({
        label: name(o),
        title: (
          <span>
            {name(o)}{' '}
            <Tag
              style={{ marginInlineStart: 4 }}
              color={o.kind === 'kiosk' || o.kind === 'outlet' ? 'cyan' : 'blue'}
            >
              {t.admin.kinds[o.kind]}
            </Tag>
            <span className="odmv-mono" style={{ color: '#6b7280', fontSize: 12 }}>
              {o.code}
            </span>
          </span>
        ),
      }))
    : [];
  const byId = new Map((q.data?.items ?? []).map((o) => [o.id, o]));
  return { query: q, tree, byId, name };
}

/** A searchable office picker over the caller's office tree (a Form.Item child: value/onChange come from the form). */
export function OfficeSelect(props: Omit<TreeSelectProps, 'treeData'>) {
  const { tree } = useOfficeTree();
  return (
    <TreeSelect
      treeData={tree}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="label"
      treeNodeLabelProp="label"
      {...props}
    />
  );
}
