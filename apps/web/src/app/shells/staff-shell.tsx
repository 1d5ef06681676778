import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  KeyOutlined,
  OrderedListOutlined,
  PayCircleOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { can, type Permission } from '@opendmv/contracts';
import { Layout, Menu, type MenuProps, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../auth/require-role.tsx';
import { BlockSpin } from '../components/query-state.tsx';
import { useT } from '../i18n/i18n-provider.tsx';
import type { Messages } from '../i18n/messages.ts';
import { UserMenu } from './user-menu.tsx';
import { type Workspace, WorkspaceContext } from './workspace.ts';

interface NavItem {
  path: string;
  label: (t: Messages) => string;
  icon: ReactNode;
  permission: Permission;
}

const NAV: Record<Workspace, NavItem[]> = {
  officer: [
    {
      path: '/officer',
      label: (t) => t.shell.menuSearch,
      icon: <FileSearchOutlined />,
      permission: 'registry:search',
    },
    {
      path: '/officer/window',
      label: (t) => t.shell.menuWindow,
      icon: <DesktopOutlined />,
      permission: 'case:handle',
    },
    {
      path: '/officer/hall',
      label: (t) => t.hall.menu,
      icon: <OrderedListOutlined />,
      permission: 'hall:serve',
    },
    {
      path: '/officer/cases',
      label: (t) => t.shell.menuCases,
      icon: <ProfileOutlined />,
      permission: 'case:read',
    },
    {
      path: '/officer/violations',
      label: (t) => t.shell.menuViolations,
      icon: <WarningOutlined />,
      permission: 'violation:read',
    },
  ],
  supervisor: [
    {
      path: '/supervisor',
      label: (t) => t.shell.menuAudit,
      icon: <AuditOutlined />,
      permission: 'audit:read',
    },
    {
      path: '/supervisor/cases',
      label: (t) => t.shell.menuCases,
      icon: <ProfileOutlined />,
      permission: 'case:read',
    },
    {
      path: '/supervisor/search',
      label: (t) => t.shell.menuSearch,
      icon: <FileSearchOutlined />,
      permission: 'registry:search',
    },
    {
      path: '/supervisor/violations',
      label: (t) => t.shell.menuViolations,
      icon: <WarningOutlined />,
      permission: 'violation:read',
    },
    {
      path: '/supervisor/payments',
      label: (t) => t.payments.reconTitle,
      icon: <PayCircleOutlined />,
      permission: 'payment:reconcile',
    },
    {
      path: '/supervisor/hall',
      label: (t) => t.hall.stats.title,
      icon: <BarChartOutlined />,
      permission: 'hall:manage',
    },
  ],
  admin: [
    {
      path: '/admin',
      label: (t) => t.shell.menuOffices,
      icon: <ApartmentOutlined />,
      permission: 'office:read',
    },
    {
      path: '/admin/staff',
      label: (t) => t.shell.menuStaff,
      icon: <TeamOutlined />,
      permission: 'staff:read',
    },
    {
      path: '/admin/roles',
      label: (t) => t.shell.menuRoles,
      icon: <SafetyOutlined />,
      permission: 'staff:read',
    },
    {
      path: '/admin/catalog',
      label: (t) => t.shell.menuCatalog,
      icon: <AppstoreOutlined />,
      permission: 'catalog:manage',
    },
    {
      path: '/admin/tokens',
      label: (t) => t.shell.menuTokens,
      icon: <KeyOutlined />,
      permission: 'token:manage',
    },
    {
      path: '/admin/audit',
      label: (t) => t.shell.menuAuditChain,
      icon: <SafetyCertificateOutlined />,
      permission: 'audit:verify',
    },
  ],
};

const TITLES: Record<Workspace, (t: Messages) => string> = {
  officer: (t) => t.shell.officerTitle,
  supervisor: (t) => t.shell.supervisorTitle,
  admin: (t) => t.shell.adminTitle,
};

/** Which menu entry a path belongs to: detail pages (persons, vehicles, licences) belong to the search. */
function selectedKey(pathname: string, items: NavItem[], workspace: Workspace): string {
  const exact = items
    .filter((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))
    .sort((a, b) => b.path.length - a.path.length)
    .find((i) => i.path !== `/${workspace}` || pathname === i.path);
  if (exact) return exact.path;
  return items.find((i) => i.permission === 'registry:search')?.path ?? items[0]?.path ?? '';
}

/** Desktop frame of the staff workspaces: a navy side menu, a header with the user, and the page. */
export function StaffShell({ workspace }: { workspace: Workspace }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = NAV[workspace].filter((i) => can(me.role, i.permission));
  const menuItems: MenuProps['items'] = items.map((i) => ({ key: i.path, icon: i.icon, label: i.label(t) }));

  return (
    <WorkspaceContext.Provider value={workspace}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          width={220}
          collapsedWidth={64}
          aria-label={TITLES[workspace](t)}
        >
          <div className="odmv-sider-brand">
            <img src="/favicon.svg" alt="" />
            {!collapsed && <span>{t.common.appShort}</span>}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selectedKey(pathname, items, workspace)]}
            items={menuItems}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="odmv-staff-header">
            <Typography.Title level={5} style={{ margin: 0, whiteSpace: 'nowrap' }} ellipsis>
              {TITLES[workspace](t)}
            </Typography.Title>
            <UserMenu />
          </Layout.Header>
          <Layout.Content className="odmv-staff-content">
            <Suspense fallback={<BlockSpin />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
          <Layout.Footer
            style={{ textAlign: 'center', color: '#6b7280', fontSize: 12, padding: '12px 20px' }}
          >
            {t.common.appName} · {t.common.auditedNotice}
          </Layout.Footer>
        </Layout>
      </Layout>
    </WorkspaceContext.Provider>
  );
}
