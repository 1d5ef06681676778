import type { Locale } from '@opendmv/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useCallback } from 'react';
import { queryClient } from './api/query-client.ts';
import { I18nProvider, useI18n } from './i18n/i18n-provider.tsx';
import { theme } from './theme.ts';

function AntdConfig({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  // Server messages and some labels are localized by Accept-Language: refetch on a language switch.
  const onLocaleChange = useCallback((_l: Locale) => {
    void queryClient.invalidateQueries();
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider onChange={onLocaleChange}>
        <AntdConfig>{children}</AntdConfig>
      </I18nProvider>
    </QueryClientProvider>
  );
}
