import { EyeOutlined } from '@ant-design/icons';
import type { PersonDto } from '@opendmv/contracts';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { useRevealPerson } from './registry-api.ts';

/** The audited "show full ID and phone" action: asks for the purpose, then hands back the unmasked person. */
export function RevealButton({
  personId,
  onRevealed,
}: {
  personId: string;
  onRevealed: (p: PersonDto) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ purpose: string }>();
  const reveal = useRevealPerson(personId);
  const [error, setError] = useState<string | null>(null);

  const submit = ({ purpose }: { purpose: string }) => {
    setError(null);
    reveal.mutate(purpose.trim(), {
      onSuccess: (p) => {
        onRevealed(p);
        setOpen(false);
        form.resetFields();
        void message.success(t.person.revealDone);
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e, ['purpose']))
          setError(isApiError(e) ? e.message : t.common.networkError);
      },
    });
  };

  return (
    <>
      <Button data-testid="reveal-button" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
        {t.person.reveal}
      </Button>
      <Modal
        open={open}
        title={t.person.revealTitle}
        okText={t.common.confirm}
        cancelText={t.common.cancel}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={reveal.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'reveal-confirm' } as Record<string, string>}
      >
        <Alert type="warning" showIcon title={t.person.revealWarning} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="purpose"
            label={t.person.purpose}
            rules={[
              { required: true, whitespace: true, message: t.person.purposeMin },
              { min: 4, message: t.person.purposeMin },
              { max: 200 },
            ]}
          >
            <Input.TextArea
              data-testid="reveal-purpose"
              rows={3}
              maxLength={200}
              showCount
              placeholder={t.person.purposePlaceholder}
              autoFocus
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
