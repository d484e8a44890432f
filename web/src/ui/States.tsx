/** Loading, error and not-found states shared by the pages. */
import { Button, Spin } from 'antd';
import { lazy, Suspense, type ComponentProps } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

// the result pictures (403, 404) are large drawings: loaded when a page first shows one, not with
// every page
const LazyResult = lazy(() => import('antd/es/result'));

/** antd's Result, its picture loaded when first shown (nothing in its place meanwhile). */
export function Result(props: ComponentProps<typeof LazyResult>) {
  return (
    <Suspense fallback={null}>
      <LazyResult {...props} />
    </Suspense>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <Spin tip={t('loading')} style={{ display: 'block', marginTop: 80 }} />;
}

/**
 * A page that could not load. A refusal (403) or something missing (404) will not change by
 * trying again: the page says why, in the server's words, and offers the way back instead.
 */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 404) return <NotFound message={error.message} />;
  if (error instanceof ApiError && error.status === 403) {
    return (
      <Result
        status="403"
        title={t('forbiddenPage')}
        subTitle={error.message}
        extra={
          <Link to="/">
            <Button type="primary">{t('backHome')}</Button>
          </Link>
        }
      />
    );
  }
  const message = error instanceof Error ? error.message : t('networkError');
  return (
    <Result
      status="warning"
      title={t('errorTitle')}
      subTitle={message}
      extra={
        <>
          {onRetry && <Button onClick={onRetry}>{t('retry')}</Button>}
          <Link to="/">
            <Button type="link">{t('backHome')}</Button>
          </Link>
        </>
      }
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
