import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { isApiError } from '../../app/api/client.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useAuditVerify } from './audit-api.ts';

/** "Verify audit chain": green with the count when intact, red naming the first broken record otherwise. */
export function AuditVerify() {
  const t = useT();
  const verify = useAuditVerify();
  const r = verify.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button
        data-testid="audit-verify-button"
        type="primary"
        icon={<SafetyCertificateOutlined />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t.audit.verify}
      </Button>
      {r && (
        <Alert
          data-testid="audit-verify-result"
          data-ok={String(r.ok)}
          type={r.ok ? 'success' : 'error'}
          showIcon
          role="status"
          title={
            r.ok
              ? r.checked === 0
                ? t.audit.verifyEmpty
                : t.audit.verifyOk(r.checked, r.headSeq)
              : r.firstBroken
                ? t.audit.verifyBroken(
                    r.firstBroken.seq,
                    t.audit.reasons[r.firstBroken.reason] ?? r.firstBroken.reason,
                  )
                : t.audit.verifyBroken(r.headSeq, t.common.none)
          }
        />
      )}
      {verify.isError && (
        <Alert
          data-testid="audit-verify-result"
          data-ok="error"
          type="error"
          showIcon
          role="alert"
          title={isApiError(verify.error) ? verify.error.message : t.common.networkError}
        />
      )}
    </Space>
  );
}
