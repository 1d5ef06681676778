import { OFFICE_CHILD_KINDS, type OfficeKind } from '@opendmv/contracts';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { type CreateOfficeBody, useCreateOffice } from './admin-api.ts';
import { OfficeSelect, useOfficeTree } from './office-tree-data.tsx';

const NO_KINDS: readonly OfficeKind[] = [];
const FIELDS = ['parentId', 'kind', 'code', 'nameZh', 'nameEn', 'address'] as const;

/** Creates an office under a parent; only the kinds the hierarchy allows under that parent are offered. */
export function CreateOfficeForm({ parentId }: { parentId?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateOfficeBody>();
  const { byId } = useOfficeTree();
  const create = useCreateOffice();
  const [error, setError] = useState<string | null>(null);
  const selectedParent = Form.useWatch('parentId', form);
  const parent = selectedParent ? byId.get(selectedParent) : undefined;
  const kinds: readonly OfficeKind[] = parent ? OFFICE_CHILD_KINDS[parent.kind] : NO_KINDS;

  useEffect(() => {
    if (parentId) form.setFieldValue('parentId', parentId);
  }, [parentId, form]);
  useEffect(() => {
    const kind = form.getFieldValue('kind') as OfficeKind | undefined;
    if (kind && !kinds.includes(kind)) form.setFieldValue('kind', undefined);
  }, [kinds, form]);

  const submit = (values: CreateOfficeBody) => {
    setError(null);
    const body: CreateOfficeBody = {
      ...values,
      code: values.code.trim().toUpperCase(),
      address: values.address?.trim() || undefined,
    };
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t.admin.officeCreated);
        form.resetFields(['kind', 'code', 'nameZh', 'nameEn', 'address']);
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e, FIELDS)) setError(isApiError(e) ? e.message : t.common.networkError);
      },
    });
  };

  const required = { required: true, whitespace: true, message: t.auth.required };
  return (
    <Form<CreateOfficeBody>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={create.isPending}
      data-testid="create-office-form"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item
        name="parentId"
        label={t.admin.parent}
        rules={[{ required: true, message: t.auth.required }]}
      >
        <OfficeSelect />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t.admin.kind}
        rules={[{ required: true, message: t.auth.required }]}
        extra={parent && kinds.length === 0 ? t.admin.noChildKinds : undefined}
      >
        <Select
          disabled={!parent || kinds.length === 0}
          placeholder={parent ? undefined : t.admin.selectParentFirst}
          options={kinds.map((k) => ({ value: k, label: t.admin.kinds[k] }))}
        />
      </Form.Item>
      <Form.Item
        name="code"
        label={t.admin.code}
        extra={t.admin.codeHint}
        rules={[required, { pattern: /^[A-Za-z0-9-]{2,32}$/, message: t.admin.codeHint }]}
      >
        <Input className="odmv-mono" maxLength={32} />
      </Form.Item>
      <Form.Item name="nameZh" label={t.admin.nameZh} rules={[required, { min: 2, max: 80 }]}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="nameEn" label={t.admin.nameEn} rules={[required, { min: 2, max: 120 }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="address" label={t.admin.address} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="create-office-submit">
        {t.admin.createOffice}
      </Button>
    </Form>
  );
}
