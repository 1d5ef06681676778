import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/i18n-provider.tsx';

/** Server-side paging state for a table: page and size, and the antd pagination props for a total. */
export function usePaging(initialSize = 20) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  const pagination = (total: number): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (n) => t.common.total(n),
    onChange: (p, size) => {
      setPage(size === pageSize ? p : 1);
      setPageSize(size);
    },
  });
  return { page, pageSize, setPage, pagination };
}
