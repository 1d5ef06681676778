import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from './i18n-provider.tsx';

/** Toggles zh-CN ⇄ en; shown on every page, including the login page. */
export function LangSwitch({ light = false }: { light?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      data-testid="lang-switch"
      type={light ? 'text' : 'default'}
      size="small"
      icon={<GlobalOutlined />}
      aria-label={t.common.switchLanguage}
      title={t.common.switchLanguage}
      lang={locale === 'en' ? 'zh-CN' : 'en'}
      style={light ? { color: '#fff' } : undefined}
      onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
    >
      {t.common.switchTo}
    </Button>
  );
}
