/** Said at once, instead of after a refused request, when the account lacks the right for a page. */
import { Button } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';

// the 403 picture is a large drawing: loaded when a page first shows it (as ui/States.tsx's)
const Result = lazy(() => import('antd/es/result'));

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Suspense fallback={null}>
      <Result
        status="403"
        title={t('forbiddenPage')}
        extra={
          <Link to="/">
            <Button type="primary">{t('backHome')}</Button>
          </Link>
        }
      />
    </Suspense>
  );
}
