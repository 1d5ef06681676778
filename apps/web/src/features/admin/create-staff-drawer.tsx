import { roleLabels, STAFF_ROLES } from '@opendmv/contracts';
import { Alert, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { type CreatedStaff, type CreateStaffBody, useCreateStaff } from './admin-api.ts';
import { OfficeSelect } from './office-tree-data.tsx';

const FIELDS = ['username', 'displayName', 'role', 'officeId', 'password'] as const;

export function CreateStaffDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (r: CreatedStaff) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<CreateStaffBody>();
  const create = useCreateStaff();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: CreateStaffBody) => {
    setError(null);
    create.mutate(
      { ...values, username: values.username.trim(), displayName: values.displayName.trim() },
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

  const required = { required: true, message: t.auth.required };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t.admin.createStaff}
      size={480}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t.common.cancel}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="create-staff-submit"
          >
            {t.common.create}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<CreateStaffBody>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{ role: 'officer' }}
      >
        <Form.Item
          name="username"
          label={t.admin.username}
          extra={t.admin.usernameHint}
          rules={[required, { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t.admin.usernameHint }]}
        >
          <Input autoComplete="off" maxLength={32} data-testid="staff-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t.admin.displayName}
          rules={[
            { ...required, whitespace: true },
            { min: 2, max: 40 },
          ]}
        >
          <Input maxLength={40} data-testid="staff-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t.admin.role} rules={[required]}>
          <Select options={STAFF_ROLES.map((r) => ({ value: r, label: pick(roleLabels[r]) }))} />
        </Form.Item>
        <Form.Item name="officeId" label={t.admin.office} rules={[required]}>
          <OfficeSelect />
        </Form.Item>
        <Form.Item
          name="password"
          label={t.admin.password}
          extra={t.admin.passwordHint}
          rules={[required, { min: 10, max: 128, message: t.admin.passwordHint }]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="staff-password" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
