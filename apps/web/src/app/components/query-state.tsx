import { Button, Result, Spin } from 'antd';
import { isApiError } from '../api/client.ts';
import { useT } from '../i18n/i18n-provider.tsx';

export function FullPageSpin() {
  const t = useT();
  return (
    <div className="odmv-center" role="status" aria-live="polite">
      <Spin size="large" description={t.common.loading} />
    </div>
  );
}

export function BlockSpin() {
  const t = useT();
  return (
    <div className="odmv-block-spin" role="status" aria-live="polite">
      <Spin description={t.common.loading} />
    </div>
  );
}

/** A failed query: 404 as "not found", anything else with the server's localized message and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const notFound = isApiError(error) && error.status === 404;
  const message = isApiError(error) ? error.message : t.common.networkError;
  return (
    <Result
      status={notFound ? '404' : isApiError(error) && error.status === 403 ? '403' : 'error'}
      title={notFound ? t.common.recordNotFound : t.common.errorTitle}
      subTitle={message}
      extra={
        onRetry && !notFound ? (
          <Button type="primary" onClick={onRetry}>
            {t.common.retry}
          </Button>
        ) : undefined
      }
    />
  );
}
