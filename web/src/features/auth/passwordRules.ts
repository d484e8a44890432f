/**
 * The password policy as the forms check it before sending: at least 10 characters, not digits only,
 * not the user name. The list of common passwords is the server's (src/modules/common-passwords.txt):
 * its answer names the reason.
 */
import type { FormRule } from 'antd';
import type { Translate } from '../../i18n/i18n';

export const MIN_PASSWORD_LENGTH = 10;

export function passwordRules(t: Translate, username?: () => string | undefined): FormRule[] {
  return [
    { min: MIN_PASSWORD_LENGTH, message: t('passwordRule') },
    { pattern: /^(?!\p{Nd}+$)/u, message: t('passwordDigits') },
    {
      validator: (_rule, value?: string) =>
        value && username && value.trim().toLowerCase() === username()?.trim().toLowerCase()
          ? Promise.reject(new Error(t('passwordIsUsername')))
          : Promise.resolve(),
    },
  ];
}
