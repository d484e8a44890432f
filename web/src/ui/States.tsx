/** Loading, error and not-found states shared by the pages. */
import { Button, Result, Spin } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

export function Loading() {
  const { t } = useI18n();
  return <Spin tip={t('loading')} style={{ display: 'block', marginTop: 80 }} />;
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 404) return <NotFound message={error.message} />;
  const message = error instanceof Error ? error.message : t('networkError');
  return (
    <Result
      status="warning"
      title={t('errorTitle')}
      subTitle={message}
      extra={onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : undefined}
    />
  );
}

export function NotFound({ message }: { message?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFoundTitle')}
      subTitle={message}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
