import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { type CreateApiTokenBody, type CreatedApiToken, useCreateToken } from './admin-api.ts';
import { OfficeSelect } from './office-tree-data.tsx';

const FIELDS = ['name', 'kind', 'officeId'] as const;

export function CreateTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (r: CreatedApiToken) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<CreateApiTokenBody>();
  const create = useCreateToken();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: CreateApiTokenBody) => {
    setError(null);
    create.mutate(
      { ...values, name: values.name.trim() },
      {
        onSuccess: (r) => {
          form.resetFields();
          onCreated(r);
        },
        onError: (e) => {
          if (!applyFieldErrors(form, e, FIELDS)) setError(isApiError(e) ? e.message : t.common.networkError);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t.admin.createToken}
      okText={t.common.create}
      cancelText={t.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<CreateApiTokenBody>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'kiosk' }}
        preserve={false}
      >
        <Form.Item
          name="name"
          label={t.admin.tokenName}
          rules={[
            { required: true, whitespace: true, message: t.auth.required },
            { min: 2, max: 80 },
          ]}
        >
          <Input maxLength={80} data-testid="token-name" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t.admin.tokenKind}
          rules={[{ required: true, message: t.auth.required }]}
        >
          <Select
            options={(['kiosk', 'partner'] as const).map((k) => ({ value: k, label: t.admin.tokenKinds[k] }))}
          />
        </Form.Item>
        <Form.Item
          name="officeId"
          label={t.admin.office}
          rules={[{ required: true, message: t.auth.required }]}
        >
          <OfficeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
