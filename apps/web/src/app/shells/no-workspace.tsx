import { Button, Result } from 'antd';
import { useLogout } from '../auth/session.ts';
import { useT } from '../i18n/i18n-provider.tsx';
import { LangSwitch } from '../i18n/lang-switch.tsx';

/** A signed-in principal whose role (agent, kiosk, partner) has no screen here. */
export function NoWorkspace() {
  const t = useT();
  const logout = useLogout();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LangSwitch />
      </div>
      <Result
        status="403"
        title={t.common.noWorkspaceTitle}
        subTitle={t.common.noWorkspaceText}
        extra={
          <Button data-testid="logout" onClick={() => logout.mutate()} loading={logout.isPending}>
            {t.common.logout}
          </Button>
        }
      />
    </div>
  );
}
