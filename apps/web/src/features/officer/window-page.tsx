import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { DeliveryOption, SubjectKind, SubjectRef } from '@opendmv/contracts';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { PageHeader } from '../../app/components/page-header.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { useWorkspaceBase } from '../../app/shells/workspace.ts';
import { AutoCheckPanel } from '../cases/auto-check-panel.tsx';
import { usePrecheck, useSubmitCase } from '../cases/cases-api.ts';
import { cleanAnswers, DefinitionFormFields, type FormAnswers } from '../cases/definition-form.tsx';
import { FeeAndSubmit } from '../cases/fee-and-submit.tsx';
import { notEligibleReasons, RefusalAlert, refusalReasons } from '../cases/refusal-alert.tsx';
import { usePublicCatalog, useServiceGuide } from '../catalog/catalog-api.ts';

interface WindowValues {
  applicantIdNumber?: string;
  itemCode?: string;
  vehicle?: string;
  violationId?: string;
  form?: FormAnswers;
  delivery?: DeliveryOption;
  deliveryAddress?: string;
}

const SUBJECT_FIELDS = ['vehicle', 'violationId'] as const;

/** A plate or a VIN typed at the window: 17 letters/digits is a VIN, anything else a plate. */
function subjectOf(kind: SubjectKind | undefined, v: WindowValues): SubjectRef {
  if ((kind === 'vehicle' || kind === 'new-vehicle') && v.vehicle?.trim()) {
    const s = v.vehicle.trim().toUpperCase();
    return /^[A-Z0-9]{17}$/.test(s) ? { vin: s } : { plate: s };
  }
  if (kind === 'violation' && v.violationId?.trim()) return { violationId: v.violationId.trim() };
  return {};
}

/** `/officer/window`: the one-window console (一窗通办). Name the applicant and the item, check, accept. */
export function WindowPage() {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const base = useWorkspaceBase();
  const [form] = Form.useForm<WindowValues>();
  const itemCode = Form.useWatch('itemCode', form);
  const delivery = Form.useWatch('delivery', form);
  const catalog = usePublicCatalog();
  const guide = useServiceGuide(itemCode);
  const def = guide.data?.definition;
  const precheck = usePrecheck('office');
  const submit = useSubmitCase('office');
  const [handedIn, setHandedIn] = useState<string[]>([]);
  const [refused, setRefused] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const options = useMemo(
    () =>
      (catalog.data?.items ?? [])
        .filter((i) => i.channels.includes('window'))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((i) => ({ value: i.code, label: `${pick(i.name)} · ${i.code}` })),
    [catalog.data, pick],
  );

  const body = (v: WindowValues) => ({
    applicantIdNumber: (v.applicantIdNumber ?? '').trim().toUpperCase(),
    itemCode: v.itemCode ?? '',
    subject: subjectOf(def?.subject, v),
    form: cleanAnswers(v.form),
  });

  const runPrecheck = async () => {
    setRefused(null);
    setError(null);
    await form.validateFields([
      'applicantIdNumber',
      'itemCode',
      ...SUBJECT_FIELDS,
      ...(def?.form ?? []).map((f) => ['form', f.key]),
    ]);
    precheck.mutate(body(form.getFieldsValue(true)), {
      onSuccess: () => setHandedIn([]),
      onError: (e) => {
        if (!applyFieldErrors(form, e, ['applicantIdNumber', 'itemCode']))
          setError(isApiError(e) ? e.message : t.common.networkError);
      },
    });
  };

  const accept = (raw: WindowValues) => {
    const v = { ...form.getFieldsValue(true), ...raw } as WindowValues;
    setError(null);
    submit.mutate(
      {
        ...body(v),
        delivery: v.delivery ?? def?.delivery[0] ?? 'collect',
        provided: handedIn,
        ...(v.delivery === 'post' && v.deliveryAddress ? { deliveryAddress: v.deliveryAddress.trim() } : {}),
      },
      {
        onSuccess: (c) => {
          void message.success(t.window.accepted(c.number));
          navigate(`${base}/cases/${c.id}`);
        },
        onError: (e) => {
          const reasons = notEligibleReasons(e);
          if (reasons) setRefused(reasons);
          else if (!applyFieldErrors(form, e, ['deliveryAddress', 'applicantIdNumber']))
            setError(isApiError(e) ? e.message : t.common.networkError);
        },
      },
    );
  };

  const check = precheck.data?.check;
  const reasons =
    refused ?? (check && !check.eligible ? refusalReasons(check, pick, t.check.channelClosed) : null);
  const kind = def?.subject;

  return (
    <div data-testid="window-page">
      <PageHeader title={t.window.title} />
      <Form<WindowValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={accept}
        onValuesChange={(changed) => {
          if ('itemCode' in changed) form.setFieldsValue({ delivery: undefined, form: {} });
          if (!('delivery' in changed) && !('deliveryAddress' in changed) && precheck.data) {
            precheck.reset();
            setRefused(null);
          }
        }}
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card title={t.window.subjectTitle}>
              <Form.Item
                name="applicantIdNumber"
                label={t.window.applicantId}
                rules={[
                  {
                    required: true,
                    pattern: /^\s*(\d{15}|\d{17}[\dXx])\s*$/,
                    message: t.window.applicantIdFormat,
                  },
                ]}
              >
                <Input
                  data-testid="window-applicant-id"
                  className="odmv-mono"
                  maxLength={18}
                  placeholder={t.window.applicantIdPlaceholder}
                  autoComplete="off"
                />
              </Form.Item>
              <Form.Item
                name="itemCode"
                label={t.window.item}
                rules={[{ required: true, message: t.window.itemPlaceholder }]}
              >
                <Select
                  data-testid="window-item"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={options}
                  loading={catalog.isPending}
                  placeholder={t.window.itemPlaceholder}
                />
              </Form.Item>
              {(kind === 'vehicle' || kind === 'new-vehicle') && (
                <Form.Item
                  name="vehicle"
                  label={kind === 'new-vehicle' ? t.window.vin : `${t.window.plate} / ${t.window.vin}`}
                  rules={[
                    { required: true, min: 7, max: 17, whitespace: true, message: t.window.platePlaceholder },
                  ]}
                >
                  <Input
                    data-testid="window-subject-vehicle"
                    className="odmv-mono"
                    placeholder={t.window.platePlaceholder}
                  />
                </Form.Item>
              )}
              {kind === 'violation' && (
                <Form.Item
                  name="violationId"
                  label={t.window.violationId}
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input data-testid="window-subject-violation" className="odmv-mono" />
                </Form.Item>
              )}
              {def && def.form.length > 0 && <DefinitionFormFields fields={def.form} />}
              <Button
                data-testid="window-precheck"
                icon={<SafetyCertificateOutlined />}
                block
                loading={precheck.isPending}
                onClick={() => void runPrecheck().catch(() => undefined)}
              >
                {t.window.precheck}
              </Button>
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title={t.check.title} data-testid="window-check">
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {reasons && <RefusalAlert reasons={reasons} />}
                {error && <Alert type="error" showIcon title={error} role="alert" />}
                {check ? (
                  <div data-testid="precheck-result" data-eligible={String(check.eligible)}>
                    {precheck.data?.subject && (
                      <Alert
                        type="info"
                        title={`${t.cases.subject}: ${precheck.data.subject.label}`}
                        style={{ marginBottom: 12 }}
                      />
                    )}
                    <AutoCheckPanel
                      check={check}
                      verdict={!reasons}
                      handedIn={{ value: handedIn, onChange: setHandedIn }}
                    />
                  </div>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.window.precheck} />
                )}
                {check?.eligible && def && !refused && (
                  <>
                    <Form.Item
                      name="delivery"
                      label={t.apply.deliveryTitle}
                      initialValue={def.delivery[0]}
                      style={{ marginBottom: 8 }}
                    >
                      <Radio.Group data-testid="delivery-choice">
                        {def.delivery.map((d) => (
                          <Radio key={d} value={d} data-testid="delivery-option" data-value={d}>
                            {labels.delivery(d)}
                          </Radio>
                        ))}
                      </Radio.Group>
                    </Form.Item>
                    {delivery === 'post' && (
                      <Form.Item
                        name="deliveryAddress"
                        label={t.apply.address}
                        rules={[
                          { required: true, whitespace: true, min: 5, message: t.apply.addressRequired },
                        ]}
                      >
                        <Input data-testid="delivery-address" maxLength={200} />
                      </Form.Item>
                    )}
                    <FeeAndSubmit
                      feeFen={def.feeFen}
                      label={t.window.accept}
                      testId="window-accept"
                      loading={submit.isPending}
                    />
                  </>
                )}
              </Space>
            </Card>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
