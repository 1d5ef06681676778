import { SaveOutlined } from '@ant-design/icons';
import {
  CHANNELS,
  DELIVERY_OPTIONS,
  ITEM_CATEGORIES,
  type ItemDefinitionInput,
  OFFICE_KINDS,
  SUBJECT_KINDS,
} from '@opendmv/contracts';
import { Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect } from 'react';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { type CatalogFormValues, JSON_FIELDS, toFormValues } from './catalog-form-model.ts';

const dateProps = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/**
 * The item editor: names, summary, fee (yuan → fen), limits, channels, office kinds, presence, delivery,
 * instant approval, dates, JSON text for rules / materials / form / workflow, and a required change note.
 */
export function CatalogEditForm({
  initial,
  creating,
  saving,
  banner,
  onSave,
  formRef,
}: {
  initial: ItemDefinitionInput;
  creating: boolean;
  saving: boolean;
  banner?: ReactNode;
  onSave: (v: CatalogFormValues) => void;
  formRef: ReturnType<typeof Form.useForm<CatalogFormValues>>[0];
}) {
  const { t } = useI18n();
  const labels = useCaseLabels();
  const form = formRef;
  const ca = t.catalogAdmin;
  const req = { required: true, message: ca.required };

  useEffect(() => {
    form.setFieldsValue(toFormValues(initial));
  }, [form, initial]);

  const jsonRule = {
    validator: (_: unknown, v: string) => {
      try {
        JSON.parse(v);
        return Promise.resolve();
      } catch {
        return Promise.reject(new Error(ca.jsonInvalid));
      }
    },
  };

  return (
    <Form<CatalogFormValues>
      form={form}
      layout="vertical"
      onFinish={onSave}
      initialValues={toFormValues(initial)}
      data-testid="catalog-edit-form"
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="code"
            label={ca.code}
            extra={creating ? ca.codeHint : undefined}
            rules={[req, { pattern: /^[A-Z][A-Z0-9-]{2,30}$/, message: ca.codeHint }]}
          >
            <Input data-testid="catalog-field-code" className="odmv-mono" disabled={!creating} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="category" label={ca.category} rules={[req]}>
            <Select
              data-testid="catalog-field-category"
              options={ITEM_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="subject" label={ca.subject} rules={[req]}>
            <Select
              data-testid="catalog-field-subject"
              options={SUBJECT_KINDS.map((k) => ({ value: k, label: labels.subjectKind(k) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="nameZh" label={ca.nameZh} rules={[req, { max: 500 }]}>
            <Input data-testid="catalog-field-nameZh" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="nameEn" label={ca.nameEn} rules={[req, { max: 500 }]}>
            <Input data-testid="catalog-field-nameEn" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="summaryZh" label={ca.summaryZh} rules={[req, { max: 500 }]}>
            <Input.TextArea data-testid="catalog-field-summaryZh" rows={2} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="summaryEn" label={ca.summaryEn} rules={[req, { max: 500 }]}>
            <Input.TextArea data-testid="catalog-field-summaryEn" rows={2} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="feeYuan" label={ca.feeYuan} rules={[req]}>
            <InputNumber
              data-testid="catalog-field-feeYuan"
              min={0}
              max={100000}
              precision={2}
              prefix="¥"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="statutoryDays" label={ca.statutoryDays} rules={[req]}>
            <InputNumber
              data-testid="catalog-field-statutoryDays"
              min={0}
              max={365}
              precision={0}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            name="promisedDays"
            label={ca.promisedDays}
            dependencies={['statutoryDays']}
            rules={[
              req,
              ({ getFieldValue }) => ({
                validator: (_, v: number) =>
                  v == null || v <= (getFieldValue('statutoryDays') ?? 365)
                    ? Promise.resolve()
                    : Promise.reject(new Error(ca.promisedExceeds)),
              }),
            ]}
          >
            <InputNumber
              data-testid="catalog-field-promisedDays"
              min={0}
              max={365}
              precision={0}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="channels" label={ca.channels} rules={[req]}>
            <Checkbox.Group
              data-testid="catalog-field-channels"
              options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="officeKinds" label={ca.officeKinds} rules={[req]}>
            <Checkbox.Group
              data-testid="catalog-field-officeKinds"
              options={OFFICE_KINDS.map((k) => ({ value: k, label: t.admin.kinds[k] }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="delivery" label={ca.delivery} rules={[req]}>
            <Checkbox.Group
              data-testid="catalog-field-delivery"
              options={DELIVERY_OPTIONS.map((d) => ({ value: d, label: labels.delivery(d) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="presenceRequired" label={ca.presence} valuePropName="checked">
            <Switch data-testid="catalog-field-presenceRequired" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="instantApproval" label={ca.instantApproval} valuePropName="checked">
            <Switch data-testid="catalog-field-instantApproval" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="effectiveFrom" label={ca.effectiveFrom} rules={[req]} {...dateProps}>
            <DatePicker data-testid="catalog-field-effectiveFrom" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="effectiveTo" label={ca.effectiveTo} {...dateProps}>
            <DatePicker data-testid="catalog-field-effectiveTo" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {JSON_FIELDS.map((f) => (
          <Col xs={24} xl={f === 'workflow' || f === 'eligibility' ? 24 : 12} key={f}>
            <Form.Item
              name={f}
              label={ca[f]}
              rules={[req, jsonRule]}
              extra={f === 'legalBasis' ? ca.jsonHint : undefined}
            >
              <Input.TextArea
                data-testid={`catalog-field-${f}`}
                className="odmv-json"
                spellCheck={false}
                autoSize={{ minRows: 4, maxRows: 18 }}
              />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24}>
          <Form.Item
            name="changeNote"
            label={ca.changeNote}
            rules={[{ required: true, whitespace: true, message: ca.required }, { max: 500 }]}
          >
            <Input.TextArea
              data-testid="catalog-field-changeNote"
              rows={2}
              maxLength={500}
              showCount
              placeholder={ca.changeNotePlaceholder}
            />
          </Form.Item>
        </Col>
      </Row>
      {banner}
      <Button
        data-testid="catalog-save"
        type="primary"
        htmlType="submit"
        icon={<SaveOutlined />}
        loading={saving}
        size="large"
      >
        {creating ? ca.create : ca.save}
      </Button>
    </Form>
  );
}
