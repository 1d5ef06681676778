import { PARTNER_SOURCES, type PartnerSource } from '@opendmv/contracts';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { DATA_SOURCE_LABELS } from '../../app/case-labels.tsx';
import { useI18n, useT } from '../../app/i18n/i18n-provider.tsx';
import { type CreateApiTokenBody, type CreatedApiToken, useCreateToken } from './admin-api.ts';
import { OfficeSelect } from './office-tree-data.tsx';

const FIELDS = ['name', 'kind', 'officeId', 'partnerSource'] as const;

/** Who a partner token speaks for: the data sources of the partner API. */
const SOURCE_LABELS: Record<PartnerSource, { zh: string; en: string }> = {
  'hospital-medical': DATA_SOURCE_LABELS['hospital-medical'],
  'insurer-policy': DATA_SOURCE_LABELS['insurer-policy'],
  'inspection-result': DATA_SOURCE_LABELS['inspection-result'],
  'tax-payment': DATA_SOURCE_LABELS['tax-payment'],
  'post-delivery': { zh: '邮政寄递轨迹', en: 'Postal delivery events' },
  'dealer-sale': DATA_SOURCE_LABELS['dealer-sale'],
  'study-exam': DATA_SOURCE_LABELS['study-exam'],
};

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
  const { pick } = useI18n();
  const [form] = Form.useForm<CreateApiTokenBody>();
  const kind = Form.useWatch('kind', form);
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
        {kind === 'partner' && (
          <Form.Item
            name="partnerSource"
            label={t.admin.tokenPartnerSource}
            rules={[{ required: true, message: t.auth.required }]}
          >
            <Select
              data-testid="token-partner-source"
              options={PARTNER_SOURCES.map((s) => ({ value: s, label: pick(SOURCE_LABELS[s]) }))}
            />
          </Form.Item>
        )}
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
