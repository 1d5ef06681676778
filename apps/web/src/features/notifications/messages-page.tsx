import {
  BellOutlined,
  ClockCircleOutlined,
  FileTextOutlined,
  MessageOutlined,
  PayCircleOutlined,
  RightOutlined,
} from '@ant-design/icons';
import type { NotificationDto, NotificationPreferencesDto } from '@opendmv/contracts';
import { App, Badge, Button, Card, Empty, Skeleton, Switch, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import {
  useMarkAllRead,
  useMarkRead,
  useMyNotifications,
  useMyPreferences,
  useSavePreferences,
} from './notifications-api.ts';
import './notifications.css';

const PAGE = 20;

const KIND_ICON: Record<NotificationDto['kind'], ReactNode> = {
  case: <FileTextOutlined />,
  payment: <PayCircleOutlined />,
  reminder: <ClockCircleOutlined />,
  other: <MessageOutlined />,
};

/** `/citizen/messages`: my inbox (case progress, payments, reminders) and where I want messages. */
export function MessagesPage() {
  return (
    <>
      <Inbox />
      <Preferences />
    </>
  );
}

function Inbox() {
  const { t } = useI18n();
  const n = t.notifications;
  const [limit, setLimit] = useState(PAGE);
  const q = useMyNotifications(limit);
  const readAll = useMarkAllRead();
  const unread = q.data?.unread ?? 0;
  return (
    <Card
      size="small"
      data-testid="messages"
      data-unread={q.data ? unread : undefined}
      title={
        <span className="odmv-messages-title">
          <BellOutlined aria-hidden /> {n.title}
          {unread > 0 && <Badge count={unread} overflowCount={99} data-testid="messages-unread" />}
        </span>
      }
      extra={
        <Button
          type="link"
          size="small"
          data-testid="messages-read-all"
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
        >
          {unread === 0 ? n.allRead : n.readAll}
        </Button>
      }
    >
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty description={n.empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          <ul className="odmv-item-list" aria-label={n.title}>
            {q.data.items.map((m) => (
              <MessageRow key={m.id} m={m} />
            ))}
          </ul>
          {q.data.total > q.data.items.length && (
            <Button
              block
              type="text"
              data-testid="messages-more"
              loading={q.isFetching}
              onClick={() => setLimit((l) => l + PAGE)}
            >
              {n.more}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

function MessageRow({ m }: { m: NotificationDto }) {
  const { t } = useI18n();
  const n = t.notifications;
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const unread = m.readAt === null;
  const sms = m.deliveries.find((d) => d.channel === 'sms');
  const open = async () => {
    if (unread) {
      try {
        await markRead.mutateAsync(m.id);
      } catch {
        // still follow the link: the message is marked read next time
      }
    }
    if (m.link?.startsWith('/')) void navigate(m.link);
  };
  return (
    <li data-testid="message" data-id={m.id} data-template={m.template} data-read={unread ? 'false' : 'true'}>
      <button
        type="button"
        className={`odmv-message${unread ? ' odmv-message-unread' : ''}`}
        onClick={() => void open()}
        aria-label={`${unread ? `${n.unreadMark} · ` : ''}${m.title}`}
      >
        <span className={`odmv-message-icon odmv-message-icon-${m.kind}`} aria-hidden>
          {KIND_ICON[m.kind]}
        </span>
        <span className="odmv-item-main">
          <span className="odmv-message-head">
            <Typography.Text strong={unread} className="odmv-message-title">
              {m.title}
            </Typography.Text>
            {unread && <span className="odmv-message-dot" title={n.unreadMark} />}
          </span>
          <span className="odmv-message-body" data-testid="message-body">
            {m.body}
          </span>
          <span className="odmv-item-facts odmv-message-facts">
            {n.kinds[m.kind]} · {formatDateTime(m.createdAt)}
            {sms && (
              <Tag
                bordered={false}
                color={sms.status === 'sent' ? 'green' : sms.status === 'failed' ? 'red' : 'default'}
                data-testid="message-sms"
                data-status={sms.status}
              >
                {n.sms[sms.status]}
              </Tag>
            )}
          </span>
        </span>
        {m.link && <RightOutlined aria-hidden className="odmv-message-chevron" />}
      </button>
    </li>
  );
}

type PrefKey = keyof NotificationPreferencesDto;

function Preferences() {
  const { t } = useI18n();
  const n = t.notifications;
  const { message } = App.useApp();
  const q = useMyPreferences();
  const save = useSavePreferences();
  const [saving, setSaving] = useState<PrefKey | null>(null);
  const toggle = async (key: PrefKey, on: boolean) => {
    if (!q.data) return;
    setSaving(key);
    try {
      await save.mutateAsync({ ...q.data, [key]: on });
      void message.success(n.saved);
    } catch (err) {
      const text = isApiError(err) ? (err.fields[0]?.message ?? err.message) : t.common.networkError;
      void message.error(text);
    } finally {
      setSaving(null);
    }
  };
  const rows: { key: PrefKey; label: string; hint: string }[] = [
    { key: 'sms', label: n.prefs.sms, hint: n.prefs.smsHint },
    { key: 'inApp', label: n.prefs.inApp, hint: n.prefs.inAppHint },
    { key: 'reminders', label: n.prefs.reminders, hint: n.prefs.remindersHint },
  ];
  return (
    <Card size="small" title={n.prefsTitle} data-testid="message-preferences">
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <ul className="odmv-item-list">
          {rows.map(({ key, label, hint }) => {
            const on = q.data[key];
            // The last channel left on cannot be turned off.
            const lastChannel = key !== 'reminders' && on && !(key === 'sms' ? q.data.inApp : q.data.sms);
            return (
              <li key={key} className="odmv-pref-row">
                <label className="odmv-item-main" htmlFor={`pref-${key}`}>
                  <Typography.Text>{label}</Typography.Text>
                  <span className="odmv-item-facts" style={{ display: 'block' }}>
                    {lastChannel ? n.oneChannel : hint}
                  </span>
                </label>
                <Switch
                  id={`pref-${key}`}
                  data-testid={`pref-${key}`}
                  checked={on}
                  disabled={lastChannel}
                  loading={saving === key}
                  onChange={(v) => void toggle(key, v)}
                />
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
