import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/i18n-provider.tsx';
import { LangSwitch } from '../i18n/lang-switch.tsx';

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LangSwitch />
      </div>
      <div className="odmv-center" style={{ flex: 1 }}>
        <Result
          status="404"
          title={t.common.notFoundTitle}
          subTitle={t.common.notFoundText}
          extra={
            <Button type="primary" onClick={() => navigate('/', { replace: true })}>
              {t.common.backHome}
            </Button>
          }
        />
      </div>
    </div>
  );
}
