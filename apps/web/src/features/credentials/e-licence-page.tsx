import { ReloadOutlined } from '@ant-design/icons';
import type { ELicenceDto, ShareCodeCreated, ShareCodeItem } from '@opendmv/contracts';
import { Alert, Button, Card, Empty, Form, Input, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { QueryError } from '../../app/components/query-state.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { LicenceClassTags } from '../../app/labels.tsx';
import { LiveStatusTag } from './credential-parts.tsx';
import { useCreateShareCode, useMyELicence, useMyShareCodes, useRevokeShareCode } from './credentials-api.ts';

/** Seconds left until the next refresh, ticking every second. */
function useCountdown(updatedAt: number, seconds: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return Math.max(0, Math.ceil(seconds - (now - updatedAt) / 1000));
}

function LicenceCardWithQr({
  e,
  updatedAt,
  onRefresh,
  refreshing,
}: {
  e: ELicenceDto;
  updatedAt: number;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { t } = useI18n();
  const c = t.credentials;
  const left = useCountdown(updatedAt, e.refreshInSeconds);
  const l = e.licence;
  const qrSrc = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(e.qrSvg)}`;
  return (
    <section
      className="odmv-elicence"
      data-testid="e-licence-card"
      data-status={l.status}
      data-colour={l.colour}
      aria-label={c.title}
    >
      <div className={`odmv-elicence-head${l.colour === 'abnormal' ? ' odmv-abnormal' : ''}`}>
        <div>
          <div className="odmv-elicence-kicker">{c.cardTitle}</div>
          <div className="odmv-elicence-name" data-testid="e-licence-holder">
            {l.holderName}
          </div>
        </div>
        <LiveStatusTag status={l.status} />
      </div>
      <div className="odmv-elicence-body">
        <dl className="odmv-elicence-grid">
          <div style={{ gridColumn: '1 / -1' }}>
            <dt>{c.classes}</dt>
            <dd>
              <LicenceClassTags classes={l.classes} />
            </dd>
          </div>
          <div>
            <dt>{c.validUntil}</dt>
            <dd>{l.validUntil ? formatDate(l.validUntil) : c.longTerm}</dd>
          </div>
          <div>
            <dt>{c.points}</dt>
            <dd data-testid="e-licence-points">
              <span style={{ color: l.points >= 12 ? '#cf1322' : undefined }}>{l.points}</span> / 12
            </dd>
          </div>
          <div style={{ gridColumn: '1 / -1' }}>
            <dt>{c.fileNumber}</dt>
            <dd className="odmv-mono">{l.fileNumber}</dd>
          </div>
        </dl>
      </div>
      <div className="odmv-elicence-qr">
        <img
          src={qrSrc}
          alt={c.qrAlt}
          data-testid="e-licence-qr"
          data-colour={l.colour}
          data-url={e.verifyUrl}
          className={l.colour === 'abnormal' ? 'odmv-qr-abnormal' : undefined}
        />
        <Typography.Text type="secondary" data-testid="e-licence-countdown" style={{ fontSize: 12 }}>
          {c.refreshIn(left)}
        </Typography.Text>
        <Space wrap size={8} style={{ justifyContent: 'center' }}>
          <Button size="small" icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing}>
            {c.refresh}
          </Button>
          <Button
            size="small"
            type="link"
            href={e.verifyUrl}
            target="_blank"
            data-testid="e-licence-verify-link"
          >
            {c.openVerify}
          </Button>
        </Space>
        <div className="odmv-elicence-hint">{c.qrHint}</div>
      </div>
    </section>
  );
}

const STATE_COLOURS: Record<ShareCodeItem['state'], string> = {
  active: 'processing',
  used: 'success',
  revoked: 'default',
  expired: 'default',
};

function ShareCodeRow({ item }: { item: ShareCodeItem }) {
  const { t } = useI18n();
  const s = t.credentials.share;
  const revoke = useRevokeShareCode();
  return (
    <li data-testid="share-code-item" data-id={item.id} data-state={item.state}>
      <div className="odmv-item-row">
        <span className="odmv-item-main">
          <Typography.Text strong>{item.purpose ?? s.noPurpose}</Typography.Text>{' '}
          <Tag color={STATE_COLOURS[item.state]} data-testid="share-code-state">
            {s.states[item.state]}
          </Tag>
          <br />
          <span className="odmv-item-facts">
            {s.createdAt} {formatDateTime(item.createdAt)} · {s.expiresAt} {formatDateTime(item.expiresAt)}
          </span>
          {item.usedAt && item.usedBy && (
            <>
              <br />
              <span className="odmv-item-facts" data-testid="share-code-used-by">
                {s.usedBy(item.usedBy, formatDateTime(item.usedAt))}
              </span>
            </>
          )}
        </span>
        {item.state === 'active' && (
          <Popconfirm
            title={s.revokeConfirm}
            okText={s.revokeOk}
            cancelText={s.cancel}
            okButtonProps={{ danger: true, 'data-testid': 'share-code-revoke-ok' } as never}
            onConfirm={() => revoke.mutateAsync(item.id)}
          >
            <Button size="small" danger data-testid="share-code-revoke" loading={revoke.isPending}>
              {s.revoke}
            </Button>
          </Popconfirm>
        )}
      </div>
    </li>
  );
}

function ShareCodes() {
  const { t } = useI18n();
  const s = t.credentials.share;
  const [form] = Form.useForm<{ purpose?: string }>();
  const create = useCreateShareCode();
  const list = useMyShareCodes();
  const [made, setMade] = useState<ShareCodeCreated | null>(null);
  const checkUrl = `${window.location.origin}/check`;
  return (
    <Card title={s.title} size="small" data-testid="share-codes">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {s.intro}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={async (v) => {
          try {
            const purpose = v.purpose?.trim();
            setMade(await create.mutateAsync(purpose ? { purpose } : {}));
            form.resetFields();
          } catch (e) {
            applyFieldErrors(form, e, ['purpose']);
          }
        }}
      >
        <Form.Item name="purpose" label={s.purpose} rules={[{ max: 60 }]}>
          <Input data-testid="share-purpose" placeholder={s.purposePlaceholder} maxLength={60} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={create.isPending} data-testid="share-create">
          {s.create}
        </Button>
      </Form>
      {create.isError && !(isApiError(create.error) && create.error.fields[0]?.field === 'body.purpose') && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="share-create-error"
          title={
            isApiError(create.error)
              ? (create.error.fields[0]?.message ?? create.error.message)
              : t.common.networkError
          }
        />
      )}
      {made && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="share-created"
          title={s.createdTitle}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text
                className="odmv-share-code"
                data-testid="share-code"
                copyable={{ text: made.code, tooltips: [s.copy, s.copied] }}
              >
                {made.code}
              </Typography.Text>
              <Typography.Text strong>{s.shownOnce}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.expiresAt} {formatDateTime(made.expiresAt)} · {s.checkLink}{' '}
                <Typography.Link href="/check" target="_blank">
                  {checkUrl}
                </Typography.Link>
              </Typography.Text>
            </Space>
          }
          closable={{ onClose: () => setMade(null) }}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {s.list}
      </Typography.Title>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={s.none} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ul className="odmv-item-list" data-testid="share-code-list">
          {list.data.items.map((i) => (
            <ShareCodeRow key={i.id} item={i} />
          ))}
        </ul>
      )}
    </Card>
  );
}

/** `/citizen/licence`: the e-licence card with its refreshing QR, and share codes for third parties. */
export function ELicencePage() {
  const { t } = useI18n();
  const q = useMyELicence();
  return (
    <>
      {q.isPending ? (
        <Card size="small">
          <Skeleton active />
        </Card>
      ) : q.isError ? (
        isApiError(q.error) && q.error.status === 404 ? (
          <Card size="small" data-testid="e-licence-none">
            <Empty description={t.credentials.noLicence} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          </Card>
        ) : (
          <QueryError error={q.error} onRetry={() => q.refetch()} />
        )
      ) : (
        <LicenceCardWithQr
          e={q.data}
          updatedAt={q.dataUpdatedAt}
          onRefresh={() => q.refetch()}
          refreshing={q.isFetching}
        />
      )}
      {!(q.isError && isApiError(q.error) && q.error.status === 404) && <ShareCodes />}
    </>
  );
}
