import { SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { formatFen } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';

/** The fee due and the submit button that close an application form (online and at the window). */
export function FeeAndSubmit(props: { feeFen: number; label: string; testId: string; loading: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <div className="odmv-totals">
        <span>{t.apply.fee}</span>
        <strong className="odmv-money">{props.feeFen === 0 ? t.guide.free : formatFen(props.feeFen)}</strong>
      </div>
      <Button
        data-testid={props.testId}
        type="primary"
        htmlType="submit"
        size="large"
        block
        icon={<SendOutlined />}
        loading={props.loading}
      >
        {props.label}
      </Button>
    </>
  );
}
