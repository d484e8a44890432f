/** VI / EN: the same switch in the header, the menu drawer and the sign-in page. */
import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      aria-label={t('language')}
      data-testid="language-switch"
      value={lang}
      onChange={(v) => setLang(v)}
      options={[
        { label: 'VI', value: 'vi' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
