import { ReloadOutlined } from '@ant-design/icons';
import type { CatalogVersion } from '@opendmv/contracts';
import { Alert, App, Button, Card, Form, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { PageHeader } from '../../app/components/page-header.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { formatDate, formatDateTime, TIME_ZONE } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useCatalogVersions, useCreateCatalogItem, useReviseCatalogItem } from '../catalog/catalog-api.ts';
import { CatalogEditForm } from './catalog-edit-form.tsx';
import {
  blankDefinition,
  type CatalogFormValues,
  FORM_FIELDS,
  mapServerErrors,
  toDefinition,
} from './catalog-form-model.ts';

function VersionsTable({ items }: { items: CatalogVersion[] }) {
  const { t } = useI18n();
  const ca = t.catalogAdmin;
  const columns: TableColumnsType<CatalogVersion> = [
    {
      key: 'version',
      title: ca.version,
      render: (_, v, i) => (
        <Space size={4}>
          <strong>{v.version}</strong>
          {i === 0 && <Tag color="success">{ca.current}</Tag>}
        </Space>
      ),
    },
    { key: 'from', title: ca.effectiveFrom, render: (_, v) => formatDate(v.definition.effectiveFrom) },
    { key: 'note', title: ca.changeNote, render: (_, v) => v.changeNote ?? '—' },
    { key: 'at', title: ca.createdAt, render: (_, v) => formatDateTime(v.createdAt) },
    {
      key: 'by',
      title: ca.createdBy,
      render: (_, v) => v.createdByName ?? (v.createdBy ? v.createdBy.slice(0, 8) : '—'),
      responsive: ['lg'],
    },
    { key: 'open', title: ca.openCases, dataIndex: 'openCases', align: 'end' },
  ];
  return (
    <Table<CatalogVersion>
      data-testid="catalog-versions"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(v) => ({ 'data-testid': 'catalog-version', 'data-version': v.version }) as never}
    />
  );
}

/** `/admin/catalog/:code` (versions + edit → new version) and `/admin/catalog/new`. */
export function CatalogItemPage({ creating = false }: { creating?: boolean }) {
  const { t } = useI18n();
  const ca = t.catalogAdmin;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { code } = useParams();
  const versions = useCatalogVersions(creating ? undefined : code);
  const revise = useReviseCatalogItem(code ?? '');
  const create = useCreateCatalogItem();
  const [form] = Form.useForm<CatalogFormValues>();
  const [conflict, setConflict] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const newest = versions.data?.items[0];
  const initial = useMemo(
    () => (creating ? blankDefinition(dayjs().tz(TIME_ZONE).format('YYYY-MM-DD')) : newest?.definition),
    [creating, newest],
  );

  const onError = (e: unknown) => {
    if (isApiError(e) && e.status === 409) {
      setConflict(true);
      return;
    }
    const { mapped, rest } = mapServerErrors(e);
    const landed = mapped ? applyFieldErrors(form, mapped, FORM_FIELDS) : false;
    setErrors(rest.length > 0 || landed ? rest : [isApiError(e) ? e.message : t.common.networkError]);
  };

  const onSave = (v: CatalogFormValues) => {
    setErrors([]);
    setConflict(false);
    const definition = toDefinition(v);
    if (creating) {
      create.mutate(
        { definition, changeNote: v.changeNote.trim() },
        {
          onSuccess: (saved) => {
            void message.success(ca.savedVersion(saved.version));
            navigate(`/admin/catalog/${saved.code}`, { replace: true });
          },
          onError,
        },
      );
      return;
    }
    if (!newest) return;
    revise.mutate(
      { baseVersion: newest.version, definition, changeNote: v.changeNote.trim() },
      {
        onSuccess: (saved) => {
          void message.success(ca.savedVersion(saved.version));
          form.setFieldValue('changeNote', '');
        },
        onError,
      },
    );
  };

  if (!creating && versions.isPending) return <BlockSpin />;
  if (!creating && versions.isError)
    return <QueryError error={versions.error} onRetry={() => versions.refetch()} />;
  if (!initial) return <QueryError error={null} />;

  const banner = (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="catalog-conflict"
          title={ca.conflict}
          action={
            <Button
              data-testid="catalog-reload"
              icon={<ReloadOutlined />}
              onClick={() => {
                setConflict(false);
                void versions.refetch();
              }}
            >
              {ca.reload}
            </Button>
          }
        />
      )}
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="catalog-errors"
          title={errors.map((e) => <div key={e}>{e}</div>)}
        />
      )}
    </Space>
  );

  return (
    <div data-testid="catalog-item-page" data-code={code ?? ''}>
      <PageHeader
        back
        title={
          creating ? (
            ca.newTitle
          ) : (
            <Space>
              <span className="odmv-mono">{code}</span>
              <span data-testid="catalog-current-version" data-version={newest?.version}>
                {ca.version} {newest?.version}
              </span>
            </Space>
          )
        }
        extra={!creating && <Link to={`/guide/${code}`}>{ca.viewGuide}</Link>}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {!creating && versions.data && (
          <Card title={ca.versions} size="small">
            <VersionsTable items={versions.data.items} />
          </Card>
        )}
        <Card title={creating ? ca.newTitle : ca.editTitle}>
          {!creating && newest && (
            <Typography.Paragraph type="secondary">{ca.basedOn(newest.version)}</Typography.Paragraph>
          )}
          <CatalogEditForm
            formRef={form}
            initial={initial}
            creating={creating}
            saving={revise.isPending || create.isPending}
            banner={banner}
            onSave={onSave}
          />
        </Card>
      </Space>
    </div>
  );
}
