import { LogoutOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { useLogout } from '../auth/session.ts';
import { BlockSpin } from '../components/query-state.tsx';
import { useT } from '../i18n/i18n-provider.tsx';
import { LangSwitch } from '../i18n/lang-switch.tsx';

/** Mobile-first frame of the citizen app (交管12123 style): a blue top bar and one centred column. */
export function CitizenShell() {
  const t = useT();
  const logout = useLogout();
  return (
    <div className="odmv-citizen">
      <header className="odmv-citizen-bar">
        <div className="odmv-citizen-bar-inner">
          <Link
            to="/citizen"
            className="odmv-brand"
            style={{ color: '#fff' }}
            data-testid="citizen-home-link"
          >
            <img src="/favicon.svg" alt="" />
            {t.shell.citizenTitle}
          </Link>
          <Space size={4}>
            <LangSwitch light />
            <Button
              data-testid="logout"
              type="text"
              size="small"
              icon={<LogoutOutlined />}
              style={{ color: '#fff' }}
              aria-label={t.common.logout}
              title={t.common.logout}
              loading={logout.isPending}
              onClick={() => logout.mutate()}
            />
          </Space>
        </div>
      </header>
      <main className="odmv-citizen-main">
        <Suspense fallback={<BlockSpin />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
