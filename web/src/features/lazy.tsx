/**
 * What a page shows when it is used rather than when it opens: a tab, a wizard's later step, a
 * dialog, a drawer. Their code is a React.lazy component (`lazy(() => import('./X'))`), so a page's
 * first load carries what it shows first (issue 13: every page's first load within 350 KB gzip) and
 * the editors, pickers and uploads arrive when first shown. These two say what shows meanwhile.
 */
import { Spin } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../ui/States';

/**
 * A piece in the page (a tab's pane, a wizard's step): the spinner in its place while it loads, or
 * `fallback` where the piece's own size should hold its place (a row of filters).
 */
export function InPlace({ fallback, children }: { fallback?: ReactNode; children: ReactNode }) {
  return <Suspense fallback={fallback ?? <Loading />}>{children}</Suspense>;
}

/**
 * A dialog or drawer: nothing until first opened, then a spinner over the page while its code loads.
 * Once opened it stays mounted, so it closes with its own animation; a dialog mounted only while
 * open (`{editing && …}`) leaves `open` out.
 */
export function WhenOpened({ open = true, children }: { open?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  if (!opened && !open) return null;
  return <Suspense fallback={open ? <Spin fullscreen tip={t('loading')} /> : null}>{children}</Suspense>;
}
