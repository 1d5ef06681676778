import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { CaseStatusTag } from '../../app/case-labels.tsx';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { DecidedByTag, DueDate } from '../cases/case-facts.tsx';
import { useCaseList } from '../cases/cases-api.ts';

/** `/citizen/cases`: my applications, newest first. */
export function MyCasesPage() {
  const { t, pick } = useI18n();
  const q = useCaseList('me', { limit: 100 });
  return (
    <Card title={t.cases.myTitle} size="small" data-testid="my-cases">
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty description={t.cases.noCases} image={Empty.PRESENTED_IMAGE_SIMPLE}>
          <Link to="/citizen/services">{t.apply.servicesTitle}</Link>
        </Empty>
      ) : (
        <ul className="odmv-item-list">
          {q.data.items.map((c) => (
            <li key={c.id} data-testid="my-case" data-number={c.number} data-status={c.status}>
              <Link to={`/citizen/cases/${c.id}`} className="odmv-item-row">
                <span className="odmv-item-main">
                  <Typography.Text strong>{pick(c.itemName)}</Typography.Text>{' '}
                  <CaseStatusTag status={c.status} />
                  <DecidedByTag decidedBy={c.decidedBy === 'rule' ? 'rule' : null} />
                  <br />
                  <span className="odmv-item-facts">
                    <span className="odmv-mono">{c.number}</span> · {c.subjectLabel}
                  </span>
                  <br />
                  <span className="odmv-item-facts">
                    {t.cases.submittedAt} {formatDateTime(c.submittedAt)} · {t.cases.dueDate}{' '}
                    <DueDate c={c} />
                  </span>
                </span>
                <RightOutlined aria-hidden style={{ color: '#9ca3af' }} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
