/** The language of the page: Vietnamese by default, English on request, remembered in the browser. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { fillTemplate } from '@shared/template';
import { MESSAGES, type Lang, type MessageKey } from './messages';

export type { Lang, MessageKey };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const Context = createContext<I18n | null>(null);
const STORAGE_KEY = 'parindex.lang';

/** The language the page starts in: the one chosen last time in this browser. */
export function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** A text's `{name}` places filled (the server's first screen fills the same texts alike). */
export const format = fillTemplate;

/** A count of one takes the key's `_one` form when the catalog has one: "1 error", "2 errors". */
export function pick(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const messages = MESSAGES[lang];
  const one = params?.n === 1 ? messages[`${key}_one`] : undefined;
  // a feature's texts are registered by its page's module before it renders (messages.ts); the key
  // itself only if that was missed, which test/web-i18n-catalogs.test.ts guards against
  return one ?? messages[key] ?? key;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    document.documentElement.lang = next;
  }, []);
  const t = useCallback<Translate>((key, params) => format(pick(lang, key, params), params), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
