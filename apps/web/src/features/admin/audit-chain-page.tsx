import { Card, Typography } from 'antd';
import { PageHeader } from '../../app/components/page-header.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { AuditVerify } from '../supervisor/audit-verify.tsx';

/** The administrator's audit-chain check (admins hold audit:verify, not audit:read): the supervisor's button. */
export function AuditChainPage() {
  const t = useT();
  return (
    <div data-testid="admin-audit">
      <PageHeader title={t.audit.chainTitle} />
      <Card>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 720 }}>
          {t.audit.chainIntro}
        </Typography.Paragraph>
        <AuditVerify />
      </Card>
    </div>
  );
}
