import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { roleLabels } from '@opendmv/contracts';
import { Avatar, Button, Space, Tag, Typography } from 'antd';
import { useCurrentUser } from '../auth/require-role.tsx';
import { useLogout } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { LangSwitch } from '../i18n/lang-switch.tsx';

/** Header block of a staff shell: who is signed in (name, role, office), the language switch and logout. */
export function UserMenu() {
  const { t, pick } = useI18n();
  const me = useCurrentUser();
  const logout = useLogout();
  return (
    <Space size={12} wrap={false}>
      <Space size={8} data-testid="current-user">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4ed8' }} aria-hidden />
        <span className="odmv-user-name odmv-hide-sm">
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {me.office?.name ?? t.shell.noOffice}
          </Typography.Text>
        </span>
        <Tag color="blue" className="odmv-hide-sm" data-testid="current-role" style={{ marginInlineEnd: 0 }}>
          {pick(roleLabels[me.role])}
        </Tag>
      </Space>
      <LangSwitch />
      <Button
        data-testid="logout"
        size="small"
        icon={<LogoutOutlined />}
        onClick={() => logout.mutate()}
        loading={logout.isPending}
        aria-label={t.common.logout}
      >
        <span className="odmv-hide-sm">{t.common.logout}</span>
      </Button>
    </Space>
  );
}
