import {
  FileSearchOutlined,
  LoginOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Space } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { homeFor, useMe } from '../auth/session.ts';
import { BlockSpin } from '../components/query-state.tsx';
import { useT } from '../i18n/i18n-provider.tsx';
import { LangSwitch } from '../i18n/lang-switch.tsx';

/**
 * Frame of the public pages (service guide, progress look-up): no sign-in needed. Mobile first, like the
 * citizen app, with a wider column for the guide on a desktop.
 */
export function PublicShell() {
  const t = useT();
  const me = useMe();
  const home = me.data ? homeFor(me.data.role) : null;
  return (
    <div className="odmv-citizen odmv-public">
      <header className="odmv-citizen-bar odmv-no-print">
        <div className="odmv-citizen-bar-inner">
          <Link to="/guide" className="odmv-brand" style={{ color: '#fff' }}>
            <img src="/favicon.svg" alt="" />
            <span className="odmv-hide-xs">{t.guide.publicTitle}</span>
            <span className="odmv-show-xs">{t.guide.title}</span>
          </Link>
          <Space size={4}>
            <Link to="/guide" data-testid="nav-guide" className="odmv-bar-link" aria-label={t.guide.title}>
              <ReadOutlined aria-hidden /> <span className="odmv-hide-xs">{t.guide.title}</span>
            </Link>
            <Link
              to="/progress"
              data-testid="nav-progress"
              className="odmv-bar-link"
              aria-label={t.guide.progress}
            >
              <FileSearchOutlined aria-hidden /> <span className="odmv-hide-xs">{t.guide.progress}</span>
            </Link>
            <Link
              to="/check"
              data-testid="nav-check"
              className="odmv-bar-link"
              aria-label={t.credentials.check.nav}
            >
              <SafetyCertificateOutlined aria-hidden />{' '}
              <span className="odmv-hide-xs">{t.credentials.check.nav}</span>
            </Link>
            <LangSwitch light />
            {home ? (
              <Link to={home} data-testid="nav-workspace">
                <Button type="text" size="small" icon={<UserOutlined />} style={{ color: '#fff' }}>
                  <span className="odmv-hide-xs">{t.guide.myWorkspace}</span>
                </Button>
              </Link>
            ) : (
              <Link to="/login" data-testid="nav-login">
                <Button type="text" size="small" icon={<LoginOutlined />} style={{ color: '#fff' }}>
                  <span className="odmv-hide-xs">{t.auth.submit}</span>
                </Button>
              </Link>
            )}
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
