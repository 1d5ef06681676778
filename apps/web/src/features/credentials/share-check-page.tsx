import type { ShareCheckResult } from '@opendmv/contracts';
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { LicenceClassTags } from '../../app/labels.tsx';
import { VerdictBanner } from './credential-parts.tsx';
import { useShareCheck } from './credentials-api.ts';

interface CheckForm {
  code: string;
  checker: string;
}

function CheckResult({ r }: { r: ShareCheckResult }) {
  const { t } = useI18n();
  const c = t.credentials;
  const normal = r.status === 'valid';
  return (
    <Card size="small" title={c.check.resultTitle} data-testid="check-result" data-status={r.status}>
      <VerdictBanner status={r.status} title={normal ? c.verify.normalTitle : c.verify.abnormalTitle} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'holder',
            label: c.holder,
            children: <span data-testid="check-holder">{r.holderName}</span>,
          },
          {
            key: 'classes',
            label: c.classes,
            children: (
              <span data-testid="check-classes" data-classes={r.classes.join(',')}>
                <LicenceClassTags classes={r.classes} />
              </span>
            ),
          },
          {
            key: 'points',
            label: c.points,
            children: (
              <span data-testid="check-points" data-points={r.points}>
                {r.points} / 12
              </span>
            ),
          },
          {
            key: 'until',
            label: c.validUntil,
            children: r.validUntil ? formatDate(r.validUntil) : c.longTerm,
          },
          { key: 'checked', label: c.verify.checkedAt, children: formatDateTime(r.checkedAt) },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.check.onceNote}
      </Typography.Text>
    </Card>
  );
}

/** `/check`: an employer or a car-rental firm uses a share code (public, once per code). */
export function ShareCheckPage() {
  const { t } = useI18n();
  const c = t.credentials.check;
  const [form] = Form.useForm<CheckForm>();
  const check = useShareCheck();
  const refusal =
    check.isError && isApiError(check.error) && check.error.status !== 400
      ? (check.error.fields[0]?.message ?? check.error.message)
      : check.isError && !isApiError(check.error)
        ? t.common.networkError
        : null;
  return (
    <>
      <Card data-testid="share-check-page">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {c.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{c.intro}</Typography.Paragraph>
        <Form<CheckForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onValuesChange={() => check.isError && check.reset()}
          onFinish={async (v) => {
            try {
              await check.mutateAsync({ code: v.code.trim(), checker: v.checker.trim() });
            } catch (e) {
              applyFieldErrors(form, e, isApiError(e) && e.status === 400 ? ['code', 'checker'] : []);
            }
          }}
        >
          <Form.Item
            name="code"
            label={c.code}
            rules={[{ required: true, pattern: /^\s*(?:[0-9A-Za-z][\s-]*){8}$/, message: c.codeRequired }]}
          >
            <Input
              data-testid="check-code"
              placeholder={c.codePlaceholder}
              className="odmv-mono"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={20}
              style={{ maxWidth: 240, letterSpacing: '0.08em' }}
            />
          </Form.Item>
          <Form.Item
            name="checker"
            label={c.checker}
            rules={[{ required: true, whitespace: true, min: 2, max: 80, message: c.checkerRequired }]}
          >
            <Input data-testid="check-checker" placeholder={c.checkerPlaceholder} maxLength={80} />
          </Form.Item>
          <Button data-testid="check-submit" type="primary" htmlType="submit" block loading={check.isPending}>
            {c.submit}
          </Button>
        </Form>
      </Card>
      {refusal && (
        <Alert
          type="error"
          showIcon
          data-testid="check-refused"
          data-status={isApiError(check.error) ? check.error.status : undefined}
          title={c.refusedTitle}
          description={refusal}
        />
      )}
      {check.isSuccess && <CheckResult r={check.data} />}
    </>
  );
}
