import { FileTextOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { DeliveryOption, ServiceGuide } from '@opendmv/contracts';
import { Alert, App, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { AutoCheckPanel } from '../cases/auto-check-panel.tsx';
import { usePrecheck, useSubmitCase } from '../cases/cases-api.ts';
import { cleanAnswers, DefinitionFormFields, type FormAnswers } from '../cases/definition-form.tsx';
import { FeeAndSubmit } from '../cases/fee-and-submit.tsx';
import { notEligibleReasons, RefusalAlert, refusalReasons } from '../cases/refusal-alert.tsx';
import { useServiceGuide } from '../catalog/catalog-api.ts';
import { InstantTag } from '../catalog/catalog-groups.tsx';
import { SubjectPicker, type SubjectValues, subjectRefOf } from './subject-picker.tsx';

interface ApplyValues extends SubjectValues {
  form?: FormAnswers;
  delivery?: DeliveryOption;
  deliveryAddress?: string;
}

function GuideSummary({ guide }: { guide: ServiceGuide }) {
  const { t, pick } = useI18n();
  const def = guide.definition;
  return (
    <section className="odmv-citizen-hero" data-testid="apply-guide-summary">
      <div className="odmv-hero-name" data-testid="apply-title">
        {pick(def.name)} {def.instantApproval && <InstantTag />}
      </div>
      <div className="odmv-hero-sub">{pick(def.summary)}</div>
      <div className="odmv-hero-sub">
        {def.feeFen === 0 ? t.guide.free : formatFen(def.feeFen)} · {t.guide.promised}{' '}
        {t.guide.workingDays(def.promisedDays)} ·{' '}
        {def.presenceRequired ? t.guide.presenceYes : t.guide.presenceNo}
      </div>
      <Link to={`/guide/${def.code}`} className="odmv-hero-badge" style={{ color: '#fff' }}>
        <FileTextOutlined aria-hidden /> {t.apply.guide}
      </Link>
    </section>
  );
}

/** `/citizen/services/:code`: pick the subject, fill the form, pre-check, choose delivery, submit. */
export function ApplyPage() {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { code } = useParams();
  const guide = useServiceGuide(code);
  const [form] = Form.useForm<ApplyValues>();
  const precheck = usePrecheck('me');
  const submit = useSubmitCase('me');
  const [refused, setRefused] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const delivery = Form.useWatch('delivery', form);

  if (guide.isPending) return <BlockSpin />;
  if (guide.isError) return <QueryError error={guide.error} onRetry={() => guide.refetch()} />;
  const def = guide.data.definition;

  const body = (v: ApplyValues) => ({
    itemCode: def.code,
    subject: subjectRefOf(def.subject, v),
    form: cleanAnswers(v.form),
  });

  const runPrecheck = async () => {
    setRefused(null);
    setError(null);
    const v = await form.validateFields([
      'vehicle',
      'violationId',
      'vin',
      ...def.form.map((f) => ['form', f.key]),
    ]);
    precheck.mutate(body({ ...form.getFieldsValue(true), ...v }), {
      onError: (e) => setError(isApiError(e) ? e.message : t.common.networkError),
    });
  };

  const onSubmit = (v: ApplyValues) => {
    setError(null);
    const all = { ...form.getFieldsValue(true), ...v } as ApplyValues;
    submit.mutate(
      {
        ...body(all),
        delivery: all.delivery ?? def.delivery[0] ?? 'post',
        provided: [],
        ...(all.delivery === 'post' && all.deliveryAddress
          ? { deliveryAddress: all.deliveryAddress.trim() }
          : {}),
      },
      {
        onSuccess: (c) => {
          void message.success(t.apply.submitted(c.number));
          navigate(`/citizen/cases/${c.id}`);
        },
        onError: (e) => {
          const reasons = notEligibleReasons(e);
          if (reasons) setRefused(reasons);
          else if (!applyFieldErrors(form, e, ['deliveryAddress', 'delivery']))
            setError(isApiError(e) ? e.message : t.common.networkError);
        },
      },
    );
  };

  const check = precheck.data?.check;
  const reasons =
    refused ?? (check && !check.eligible ? refusalReasons(check, pick, t.check.channelClosed) : null);

  return (
    <div data-testid="apply-page" data-code={def.code} className="odmv-stack">
      <GuideSummary guide={guide.data} />
      <Form<ApplyValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ delivery: def.delivery[0] }}
        onFinish={onSubmit}
        onValuesChange={(changed) => {
          if (!('delivery' in changed) && !('deliveryAddress' in changed) && precheck.data) {
            precheck.reset();
            setRefused(null);
          }
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
      >
        <Card size="small" title={t.apply.subjectTitle}>
          <SubjectPicker kind={def.subject} />
        </Card>
        {def.form.length > 0 && (
          <Card size="small" title={t.apply.formTitle}>
            <DefinitionFormFields fields={def.form} />
          </Card>
        )}
        <Card size="small" title={t.apply.precheckTitle} data-testid="precheck-card">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {reasons && <RefusalAlert reasons={reasons} />}
            {error && <Alert type="error" showIcon title={error} role="alert" />}
            {check && (
              <div data-testid="precheck-result" data-eligible={String(check.eligible)}>
                <AutoCheckPanel check={check} verdict={!reasons} />
              </div>
            )}
            {!check && <Typography.Text type="secondary">{t.apply.reviewHint}</Typography.Text>}
            <Button
              data-testid="precheck-button"
              icon={<SafetyCertificateOutlined />}
              block
              type={check ? 'default' : 'primary'}
              loading={precheck.isPending}
              onClick={() => void runPrecheck().catch(() => undefined)}
            >
              {check ? t.apply.precheckAgain : t.apply.precheck}
            </Button>
          </Space>
        </Card>
        {check?.eligible && !refused && (
          <Card size="small" title={t.apply.deliveryTitle} data-testid="delivery-card">
            <Form.Item name="delivery" rules={[{ required: true, message: t.apply.required }]}>
              <Radio.Group data-testid="delivery-choice">
                <Space orientation="vertical">
                  {def.delivery.map((d) => (
                    <Radio key={d} value={d} data-testid="delivery-option" data-value={d}>
                      {labels.delivery(d)}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            {delivery === 'post' && (
              <Form.Item
                name="deliveryAddress"
                label={t.apply.address}
                rules={[{ required: true, whitespace: true, min: 5, message: t.apply.addressRequired }]}
              >
                <Input.TextArea
                  data-testid="delivery-address"
                  rows={2}
                  maxLength={200}
                  placeholder={t.apply.addressPlaceholder}
                />
              </Form.Item>
            )}
            <Alert
              type={check.instant ? 'success' : 'info'}
              showIcon
              title={check.instant ? t.apply.instantHint : t.apply.reviewHint}
              style={{ marginBottom: 12 }}
            />
            <FeeAndSubmit
              feeFen={def.feeFen}
              label={t.apply.submit}
              testId="submit-case"
              loading={submit.isPending}
            />
          </Card>
        )}
      </Form>
    </div>
  );
}
