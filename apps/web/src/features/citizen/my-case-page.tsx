import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { CaseDetail } from '@opendmv/contracts';
import { Alert, App, Button, Card, Checkbox, Collapse, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api/client.ts';
import { CaseStatusTag, useCaseLabels } from '../../app/case-labels.tsx';
import { BlockSpin, QueryError } from '../../app/components/query-state.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { AutoCheckPanel, type Material, MaterialChecklist } from '../cases/auto-check-panel.tsx';
import { CaseActionBar } from '../cases/case-actions.tsx';
import { MaterialDocuments, MaterialUpload, materialsToUpload } from '../cases/case-documents.tsx';
import { CaseEventsTimeline, CaseSteps } from '../cases/case-events.tsx';
import { CaseFacts, DecidedByTag } from '../cases/case-facts.tsx';
import { useCaseAction, useCaseDetail } from '../cases/cases-api.ts';
import { CaseIssuedDocuments } from '../issuance/case-issued-documents.tsx';
import { CaseTracking } from '../issuance/case-tracking.tsx';
import { CaseFeePanel } from '../payments/case-fee-panel.tsx';

const canAnswerCorrection = (c: CaseDetail) =>
  c.correction !== null && c.availableActions.includes('answer-correction');

/**
 * The correction the officer asked for, and the applicant's answer: a note, the materials now handed in
 * (ticked, or uploaded right here: an upload makes the material provided at once).
 */
function CorrectionAnswer({ c }: { c: CaseDetail }) {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const { message } = App.useApp();
  const answer = useCaseAction('me', c.id);
  const [form] = Form.useForm<{ note?: string; provided?: string[] }>();
  const [error, setError] = useState<string | null>(null);
  const canAnswer = canAnswerCorrection(c);
  const toProvide = materialsToUpload(c);
  const uploaded = c.check.materials.filter(
    (m) => m.state !== 'to-provide' && c.documents.some((d) => d.materialCode === m.code),
  );
  return (
    <Card size="small" title={t.cases.correctionTitle} data-testid="case-correction-card">
      <Alert
        type="warning"
        showIcon
        icon={<ExclamationCircleFilled />}
        title={<span data-testid="case-correction">{c.correction}</span>}
        style={{ marginBottom: canAnswer ? 12 : 0 }}
      />
      {canAnswer && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            setError(null);
            answer.mutate(
              {
                action: 'answer-correction',
                ...(v.note?.trim() ? { note: v.note.trim() } : {}),
                ...(v.provided?.length ? { provided: v.provided } : {}),
              },
              {
                onSuccess: () => void message.success(t.cases.actionDone(labels.action('answer-correction'))),
                onError: (e) => setError(isApiError(e) ? e.message : t.common.networkError),
              },
            );
          }}
        >
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
          {(toProvide.length > 0 || uploaded.length > 0) && (
            <Form.Item
              name="provided"
              label={t.cases.correctionProvided}
              extra={toProvide.length > 0 ? t.cases.documents.inCorrection : undefined}
            >
              <Checkbox.Group className="odmv-correction-materials">
                {toProvide.map((m) => (
                  <div key={m.code}>
                    <Checkbox value={m.code}>{pick(m.name)}</Checkbox>
                    <MaterialUpload scope="me" caseId={c.id} material={m} />
                  </div>
                ))}
                {uploaded.map((m) => (
                  <div key={m.code}>
                    <CheckCircleFilled style={{ color: '#16a34a' }} aria-hidden /> {pick(m.name)}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t.cases.documents.uploaded(
                        c.documents
                          .filter((d) => d.materialCode === m.code)
                          .map((d) => d.fileName)
                          .join('、'),
                      )}
                    </Typography.Text>
                  </div>
                ))}
              </Checkbox.Group>
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={t.cases.correctionNote}
            rules={[{ required: true, whitespace: true, message: t.cases.noteRequired }]}
          >
            <Input.TextArea
              data-testid="answer-correction-note"
              rows={3}
              maxLength={500}
              placeholder={t.cases.correctionNotePlaceholder}
            />
          </Form.Item>
          <Button
            data-testid="answer-correction-submit"
            type="primary"
            htmlType="submit"
            block
            loading={answer.isPending}
          >
            {labels.action('answer-correction')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** `/citizen/cases/:id`: where my application stands, what happened, and what I can do now. */
export function MyCasePage() {
  const { t, pick } = useI18n();
  const { id = '' } = useParams();
  const q = useCaseDetail('me', id);
  if (q.isPending) return <BlockSpin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const c = q.data;
  const instant = c.decidedBy === 'rule';
  // While a correction is being answered, uploads live in the answer form (one control per material).
  const uploadHere = !canAnswerCorrection(c);
  const toUpload = new Set(materialsToUpload(c).map((m) => m.code));
  const needsUpload = uploadHere && toUpload.size > 0;
  const materials = c.check.materials.length > 0 && (
    <Card size="small" title={t.cases.documents.checklist} data-testid="case-materials">
      <MaterialChecklist
        materials={c.check.materials}
        extra={(m: Material) => (
          <>
            <MaterialDocuments
              scope="me"
              caseId={c.id}
              documents={c.documents.filter((d) => d.materialCode === m.code)}
            />
            {uploadHere && toUpload.has(m.code) && <MaterialUpload scope="me" caseId={c.id} material={m} />}
          </>
        )}
      />
    </Card>
  );
  return (
    <div className="odmv-stack" data-testid="my-case-page" data-status={c.status} data-number={c.number}>
      <section className="odmv-citizen-hero">
        <div className="odmv-hero-name" data-testid="case-item-name">
          {pick(c.itemName)}
        </div>
        <div className="odmv-hero-sub">
          {t.cases.number}{' '}
          <span className="odmv-mono" data-testid="case-number">
            {c.number}
          </span>
        </div>
        <div style={{ marginTop: 10, display: 'flex', gap: 6, flexWrap: 'wrap' }}>
          <CaseStatusTag status={c.status} />
          <DecidedByTag decidedBy={c.decidedBy} />
        </div>
        {instant && (
          <div className="odmv-hero-badge" data-testid="no-visit">
            <CheckCircleFilled aria-hidden /> {t.cases.noVisit}
          </div>
        )}
      </section>
      {c.correction && <CorrectionAnswer c={c} />}
      {needsUpload && materials}
      <CaseFeePanel c={c} />
      <Card size="small" title={t.cases.status}>
        <CaseSteps detail={c} />
      </Card>
      <CaseTracking c={c} scope="me" />
      <CaseIssuedDocuments c={c} scope="me" />
      <Card size="small" title={t.cases.detailTitle}>
        <CaseFacts c={c} />
      </Card>
      {!needsUpload && materials}
      {c.check.rules.length > 0 && (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Collapse
            ghost
            data-testid="case-check-collapse"
            items={[
              {
                key: 'check',
                label: (
                  <Typography.Text strong>
                    {t.check.title} · {c.check.eligible ? t.check.eligible : t.check.notEligible}
                  </Typography.Text>
                ),
                children: <AutoCheckPanel check={c.check} verdict={false} materials={false} />,
              },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t.cases.events}>
        <CaseEventsTimeline events={c.events} />
      </Card>
      <Card size="small" title={t.cases.actions}>
        <CaseActionBar scope="me" c={c} exclude={['answer-correction']} />
      </Card>
      <Link to="/citizen/cases" style={{ textAlign: 'center' }}>
        {t.cases.myTitle}
      </Link>
      <Typography.Text type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>
        {t.cases.slipHint}
      </Typography.Text>
    </div>
  );
}
