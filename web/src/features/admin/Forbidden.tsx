/** Said at once, instead of after a refused request, when the account lacks the right for a page. */
import { Button } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { Result } from '../../ui/States';

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('forbiddenPage')}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
