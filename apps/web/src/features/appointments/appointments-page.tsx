import { HALL_CATEGORIES, HALL_CATEGORY_INFO, type HallCategory } from '@opendmv/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Segmented,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDateTime, TIME_ZONE } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import {
  errorText,
  useAppointmentActions,
  useAppointmentQr,
  useAvailability,
  useBookableOffices,
  useMyAppointments,
} from './appointments-api.ts';

const hhmm = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
const plusDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

function QrCode({ id }: { id: string }) {
  const { t } = useI18n();
  const q = useAppointmentQr(id);
  if (!q.data) return <Skeleton.Node active />;
  return (
    <img
      alt={t.appointments.showQr}
      width={160}
      height={160}
      data-testid="appointment-qr"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(q.data.qrSvg)}`}
    />
  );
}

/** `/citizen/appointments`: choose a business, an office, a day and a time; hold, confirm; my appointments. */
export function AppointmentsPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [category, setCategory] = useState<HallCategory>('licence');
  const [officeId, setOfficeId] = useState<string>();
  const [day, setDay] = useState<string>();
  const [qrFor, setQrFor] = useState<string | null>(null);
  const offices = useBookableOffices();
  const from = todayIso();
  const avail = useAvailability(officeId, category, from, plusDays(from, 31));
  const mine = useMyAppointments();
  const act = useAppointmentActions();
  const fail = (err: unknown) => void message.error(errorText(err, t.appointments.errors));
  const days = avail.data?.days ?? [];
  const chosen = days.find((d) => d.day === day) ?? days[0];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t.appointments.title} size="small" data-testid="appointment-booking">
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t.appointments.rules}
        </Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            data-testid="appointment-category"
            value={category}
            onChange={(v) => setCategory(v as HallCategory)}
            options={HALL_CATEGORIES.map((c) => ({ value: c, label: pick(HALL_CATEGORY_INFO[c].name) }))}
          />
          <Select
            data-testid="appointment-office"
            style={{ width: '100%' }}
            placeholder={t.appointments.office}
            loading={offices.isPending}
            value={officeId}
            onChange={(v) => {
              setOfficeId(v);
              setDay(undefined);
            }}
            options={(offices.data?.items ?? []).map((o) => ({
              value: o.id,
              label: pick({ zh: o.nameZh, en: o.nameEn }),
            }))}
          />
          {officeId &&
            (avail.isPending ? (
              <Skeleton active />
            ) : avail.isError ? (
              <QueryError error={avail.error} onRetry={() => avail.refetch()} />
            ) : days.length === 0 ? (
              <Empty description={t.appointments.noSlots} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <>
                <Select
                  data-testid="appointment-day"
                  style={{ width: '100%' }}
                  value={chosen?.day}
                  onChange={setDay}
                  options={days.map((d) => ({
                    value: d.day,
                    label: `${d.day} (${d.slots.reduce((n, s) => n + s.remaining, 0)})`,
                  }))}
                />
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                  {chosen?.slots.map((s) => (
                    <Button
                      key={s.id}
                      data-testid="appointment-slot"
                      disabled={s.remaining <= 0 || s.allocation !== 'first-come'}
                      loading={act.hold.isPending && act.hold.variables === s.id}
                      onClick={() => act.hold.mutate(s.id, { onError: fail })}
                    >
                      {hhmm(s.startsAt)}–{hhmm(s.endsAt)}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.remaining > 0 ? t.appointments.remaining(s.remaining) : t.appointments.full}
                      </Typography.Text>
                    </Button>
                  ))}
                </div>
              </>
            ))}
        </Space>
      </Card>

      <Card title={t.appointments.mine} size="small" data-testid="my-appointments">
        {mine.isPending ? (
          <Skeleton active />
        ) : mine.isError ? (
          <QueryError error={mine.error} onRetry={() => mine.refetch()} />
        ) : mine.data.items.length === 0 ? (
          <Empty description={t.appointments.none} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <ul className="odmv-item-list">
            {mine.data.items.map((a) => (
              <li key={a.id} data-testid="my-appointment" data-status={a.status} style={{ padding: '8px 0' }}>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <span>
                    <Typography.Text strong>{pick(HALL_CATEGORY_INFO[a.category].name)}</Typography.Text>{' '}
                    <Tag
                      color={a.status === 'confirmed' ? 'green' : a.status === 'held' ? 'gold' : undefined}
                    >
                      {t.appointments.statuses[a.status]}
                    </Tag>
                  </span>
                  <span className="odmv-item-facts">
                    {a.officeName} · {a.day} {hhmm(a.startsAt)}–{hhmm(a.endsAt)}
                  </span>
                  {(a.status === 'held' || a.status === 'confirmed') && (
                    <>
                      <span className="odmv-item-facts">
                        {t.appointments.code}{' '}
                        <span className="odmv-mono" data-testid="appointment-code">
                          {a.code}
                        </span>
                        {' · '}
                        {t.appointments.deadline(formatDateTime(a.cancelDeadline))}
                      </span>
                      {a.status === 'held' && a.holdExpiresAt && (
                        <Alert
                          type="warning"
                          showIcon
                          message={t.appointments.holdHint(formatDateTime(a.holdExpiresAt))}
                        />
                      )}
                      <Space wrap>
                        {a.status === 'held' && (
                          <Button
                            type="primary"
                            data-testid="appointment-confirm"
                            loading={act.confirm.isPending}
                            onClick={() => act.confirm.mutate(a.id, { onError: fail })}
                          >
                            {t.appointments.confirm}
                          </Button>
                        )}
                        {a.status === 'confirmed' && (
                          <Button
                            data-testid="appointment-show-qr"
                            onClick={() => setQrFor(qrFor === a.id ? null : a.id)}
                          >
                            {t.appointments.showQr}
                          </Button>
                        )}
                        <Popconfirm
                          title={t.appointments.cancelConfirm}
                          onConfirm={() => act.cancel.mutate(a.id, { onError: fail })}
                        >
                          <Button danger data-testid="appointment-cancel">
                            {t.appointments.cancel}
                          </Button>
                        </Popconfirm>
                      </Space>
                      {qrFor === a.id && <QrCode id={a.id} />}
                    </>
                  )}
                </Space>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Space>
  );
}
