import type { Locale } from '@opendmv/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLocale } from '../api/client.ts';
import { en } from './en.ts';
import type { Messages } from './messages.ts';
import { zhCN } from './zh-CN.ts';

export const LANG_STORAGE_KEY = 'odmv.lang';
const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage blocked (private mode): fall back to the default
  }
  return 'zh-CN';
}

function applyLocale(locale: Locale) {
  setApiLocale(locale);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
}

interface I18nValue {
  locale: Locale;
  t: Messages;
  setLocale: (l: Locale) => void;
  /** Picks the matching half of a `{ zh, en }` label, as the contracts package ships them. */
  pick: (label: { zh: string; en: string }) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({
  children,
  onChange,
}: {
  children: ReactNode;
  onChange?: (l: Locale) => void;
}) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    applyLocale(l);
    return l;
  });

  const setLocale = useCallback(
    (l: Locale) => {
      applyLocale(l);
      try {
        localStorage.setItem(LANG_STORAGE_KEY, l);
      } catch {
        // ignore: the choice then lasts for this page only
      }
      setLocaleState(l);
      onChange?.(l);
    },
    [onChange],
  );

  useEffect(() => {
    document.title = `${dictionaries[locale].common.appName} · OpenDMV`;
  }, [locale]);

  const value = useMemo<I18nValue>(
    () => ({
      locale,
      t: dictionaries[locale],
      setLocale,
      pick: (label) => (locale === 'en' ? label.en : label.zh),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The current dictionary. */
export const useT = (): Messages => useI18n().t;
