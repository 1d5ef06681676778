import { type CaseAction, type CaseDetail, HUMAN_ACTIONS } from '@opendmv/contracts';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { useCaseLabels } from '../../app/case-labels.tsx';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';
import { type CaseScope, useCaseAction } from './cases-api.ts';

/** Actions whose note is required (the applicant reads it): what to correct, why it is refused. */
const NOTE_REQUIRED: readonly CaseAction[] = ['request-correction', 'reject'];
const PRIMARY: readonly CaseAction[] = [
  'accept',
  'review',
  'approve',
  'produce',
  'collect',
  'deliver',
  'complete',
];
const DANGER: readonly CaseAction[] = ['reject', 'withdraw'];

interface NoteValues {
  note?: string;
  provided?: string[];
}

/** A modal for one action: the note (required for request-correction / reject) and, for an answered
 * correction, the materials now handed in. */
function ActionModal({
  scope,
  c,
  action,
  onClose,
}: {
  scope: CaseScope;
  c: CaseDetail;
  action: CaseAction | null;
  onClose: () => void;
}) {
  const { t, pick } = useI18n();
  const labels = useCaseLabels();
  const { message } = App.useApp();
  const mutation = useCaseAction(scope, c.id);
  const [form] = Form.useForm<NoteValues>();
  const [error, setError] = useState<string | null>(null);
  const required = action !== null && NOTE_REQUIRED.includes(action);
  const toProvide = c.check.materials.filter((m) => m.supplier === 'applicant' && m.state === 'to-provide');

  const submit = (v: NoteValues) => {
    if (!action) return;
    setError(null);
    mutation.mutate(
      {
        action,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(action === 'answer-correction' && v.provided?.length ? { provided: v.provided } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t.cases.actionDone(labels.action(action)));
          onClose();
        },
        onError: (e) => setError(isApiError(e) ? e.message : t.common.networkError),
      },
    );
  };

  return (
    <Modal
      open={action !== null}
      title={action ? labels.action(action) : ''}
      okText={t.common.confirm}
      cancelText={t.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      okButtonProps={{
        danger: action === 'reject',
        ...({ 'data-testid': 'case-action-confirm' } as Record<string, string>),
      }}
    >
      {action === 'withdraw' && (
        <Alert type="warning" showIcon title={t.cases.withdrawConfirm} style={{ marginBottom: 12 }} />
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form<NoteValues> form={form} layout="vertical" onFinish={submit} preserve={false}>
        {action === 'answer-correction' && toProvide.length > 0 && (
          <Form.Item name="provided" label={t.cases.correctionProvided}>
            <Checkbox.Group
              options={toProvide.map((m) => ({ value: m.code, label: pick(m.name) }))}
              data-testid="case-action-provided"
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={
            action === 'reject'
              ? t.cases.reasonLabel
              : action === 'request-correction'
                ? t.cases.noteRequiredLabel
                : t.cases.noteLabel
          }
          rules={[{ required, whitespace: true, message: t.cases.noteRequired }, { max: 500 }]}
        >
          <Input.TextArea
            data-testid="case-action-note"
            rows={3}
            maxLength={500}
            showCount
            placeholder={t.cases.notePlaceholder}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The buttons of exactly the actions the server says the caller may take now (`availableActions`). */
export function CaseActionBar({
  scope,
  c,
  exclude = [],
}: {
  scope: CaseScope;
  c: CaseDetail;
  exclude?: readonly CaseAction[];
}) {
  const { t } = useI18n();
  const labels = useCaseLabels();
  const [action, setAction] = useState<CaseAction | null>(null);
  const actions = c.availableActions.filter(
    (a) => (HUMAN_ACTIONS as readonly CaseAction[]).includes(a) && !exclude.includes(a),
  );
  return (
    <div data-testid="case-actions">
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t.cases.noActions}</Typography.Text>
      ) : (
        <Space wrap>
          {actions.map((a) => (
            <Button
              key={a}
              data-testid={`case-action-${a}`}
              data-action={a}
              type={PRIMARY.includes(a) ? 'primary' : 'default'}
              danger={DANGER.includes(a)}
              onClick={() => setAction(a)}
            >
              {labels.action(a)}
            </Button>
          ))}
        </Space>
      )}
      <ActionModal scope={scope} c={c} action={action} onClose={() => setAction(null)} />
    </div>
  );
}
