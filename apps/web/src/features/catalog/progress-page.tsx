import { Alert, Button, Card, Descriptions, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { CaseStatusTag, useCaseLabels } from '../../app/case-labels.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { usePublicProgress } from './catalog-api.ts';

interface ProgressForm {
  number: string;
  idLast4: string;
}

function ProgressResult({ number, idLast4 }: ProgressForm) {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const q = usePublicProgress(number, idLast4);
  if (q.isPending) return <BlockSpin />;
  if (q.isError)
    return isApiError(q.error) && q.error.status === 404 ? (
      <Alert type="warning" showIcon data-testid="progress-not-found" title={t.progress.notFound} />
    ) : (
      <QueryError error={q.error} onRetry={() => q.refetch()} />
    );
  const p = q.data;
  const final = ['completed', 'rejected', 'withdrawn'].includes(p.status);
  const steps = [...p.steps].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card data-testid="progress-result" data-status={p.status} size="small">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {pick(p.itemName)} <CaseStatusTag status={p.status} />
      </Typography.Title>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'number',
            label: t.progress.number,
            children: <span className="odmv-mono">{p.number}</span>,
          },
          { key: 'submitted', label: t.progress.submittedAt, children: formatDateTime(p.submittedAt) },
          { key: 'due', label: t.progress.dueDate, children: formatDate(p.dueDate) },
        ]}
      />
      <Steps
        size="small"
        orientation="vertical"
        current={steps.length - 1}
        items={[
          ...steps.map((s, i) => ({
            key: `${s.toState}-${i}`,
            title: <span data-testid="progress-step">{labels.state(s.toState)}</span>,
            content: formatDateTime(s.at),
            status:
              i < steps.length - 1 || final
                ? s.toState === 'rejected'
                  ? ('error' as const)
                  : ('finish' as const)
                : ('process' as const),
          })),
          ...(final ? [] : [{ key: 'done', title: labels.state('completed'), status: 'wait' as const }]),
        ]}
      />
    </Card>
  );
}

/** `/progress`: a case's status by its number and the last four characters of the ID number (public). */
export function ProgressPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState<ProgressForm | null>(() => {
    const number = params.get('number');
    const idLast4 = params.get('idLast4');
    return number && idLast4 ? { number, idLast4 } : null;
  });
  const [form] = Form.useForm<ProgressForm>();
  return (
    <>
      <Card data-testid="progress-page">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t.progress.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t.progress.intro}</Typography.Paragraph>
        <Form<ProgressForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={query ?? undefined}
          onFinish={(v) => {
            const next = { number: v.number.trim().toUpperCase(), idLast4: v.idLast4.trim().toUpperCase() };
            setQuery(next);
            setParams(next, { replace: true });
          }}
        >
          <Form.Item
            name="number"
            label={t.progress.number}
            rules={[{ required: true, pattern: /^\s*[Cc]\d{14}\s*$/, message: t.progress.numberFormat }]}
          >
            <Input
              data-testid="progress-number"
              placeholder={t.progress.numberPlaceholder}
              className="odmv-mono"
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item
            name="idLast4"
            label={t.progress.idLast4}
            rules={[{ required: true, pattern: /^\s*\d{3}[\dXx]\s*$/, message: t.progress.idLast4Format }]}
          >
            <Input
              data-testid="progress-id-last4"
              placeholder={t.progress.idLast4Placeholder}
              maxLength={4}
              style={{ maxWidth: 160 }}
              autoComplete="off"
            />
          </Form.Item>
          <Button data-testid="progress-submit" type="primary" htmlType="submit" block>
            {t.progress.query}
          </Button>
        </Form>
      </Card>
      {query && <ProgressResult {...query} />}
    </>
  );
}
