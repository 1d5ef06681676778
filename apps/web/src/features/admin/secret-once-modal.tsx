import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useT } from '../../app/i18n/i18n-provider.tsx';

/** Shows a secret exactly once (a TOTP seed or an API token); closing it forgets the secret. */
export function SecretOnceModal({
  title,
  text,
  items,
  onClose,
}: {
  title: string;
  text: string;
  items: { label: string; value: string }[] | null;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      open={items !== null}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-once-close">
          {t.common.close}
        </Button>
      }
      destroyOnHidden
      width={560}
    >
      <Alert type="warning" showIcon title={text} style={{ marginBottom: 16 }} />
      <Descriptions
        size="small"
        bordered
        column={1}
        data-testid="secret-once"
        items={(items ?? []).map((i) => ({
          key: i.label,
          label: i.label,
          children: (
            <Typography.Text
              className="odmv-mono"
              copyable={{ text: i.value }}
              style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}
            >
              {i.value}
            </Typography.Text>
          ),
        }))}
      />
    </Modal>
  );
}
