import {
  AppstoreOutlined,
  BellOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  IdcardOutlined,
  PayCircleOutlined,
  ProfileOutlined,
  ReadOutlined,
} from '@ant-design/icons';
import { Badge } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useUnreadCount } from '../notifications/notifications-api.ts';

function Entry({ to, icon, label, testId }: { to: string; icon: ReactNode; label: string; testId: string }) {
  return (
    <Link to={to} className="odmv-entry" data-testid={testId}>
      <span className="odmv-entry-icon" aria-hidden>
        {icon}
      </span>
      <span>{label}</span>
    </Link>
  );
}

/** The citizen home's shortcuts: apply (办事), my cases, the public guide and progress look-up. */
export function ServiceEntries() {
  const { t } = useI18n();
  const unread = useUnreadCount() ?? 0;
  return (
    <nav className="odmv-entries" aria-label={t.apply.services}>
      <Entry
        to="/citizen/services"
        icon={<AppstoreOutlined />}
        label={t.apply.services}
        testId="citizen-entry-services"
      />
      <Entry
        to="/citizen/cases"
        icon={<ProfileOutlined />}
        label={t.apply.myCases}
        testId="citizen-entry-cases"
      />
      <Entry
        to="/citizen/appointments"
        icon={<CalendarOutlined />}
        label={t.appointments.entry}
        testId="citizen-entry-appointments"
      />
      <Entry
        to="/citizen/payments"
        icon={<PayCircleOutlined />}
        label={t.payments.entry}
        testId="citizen-entry-payments"
      />
      <Entry
        to="/citizen/licence"
        icon={<IdcardOutlined />}
        label={t.credentials.entry}
        testId="citizen-entry-licence"
      />
      <Entry
        to="/citizen/messages"
        icon={
          <Badge count={unread} size="small" offset={[4, -2]} data-testid="citizen-unread">
            <BellOutlined />
          </Badge>
        }
        label={t.notifications.entry}
        testId="citizen-entry-messages"
      />
      <Entry to="/guide" icon={<ReadOutlined />} label={t.guide.title} testId="citizen-entry-guide" />
      <Entry
        to="/progress"
        icon={<FileSearchOutlined />}
        label={t.guide.progress}
        testId="citizen-entry-progress"
      />
    </nav>
  );
}
