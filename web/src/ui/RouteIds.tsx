/**
 * The layout route of the pages with ids in their address (/plans/:id, /rounds/:id/units/:unitId…,
 * App.tsx): an id that names no row ("abc", "0", past the largest id) shows "not found" saying which
 * part of the address is wrong, and the page, which would ask the server for it, is not drawn.
 */
import { Outlet, useParams } from 'react-router';
import { MAX_ID } from '@shared/limits';
import { useI18n } from '../i18n/i18n';
import { invalidRouteParam } from './routeId';
import { NotFound } from './States';

/** what of a long address the message repeats */
const SHOWN = 40;

export function RouteIds() {
  const { t, lang } = useI18n();
  // a layout route's params are its page's (react-router gives every route of a match all of them)
  const invalid = invalidRouteParam(useParams());
  if (!invalid) return <Outlet />;
  const id = invalid.text.length > SHOWN ? `${invalid.text.slice(0, SHOWN)}…` : invalid.text;
  const max = MAX_ID.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <NotFound
      message={
        invalid.reason === 'not-number' ? t('routeIdNotNumber', { id }) : t('routeIdOutOfRange', { id, max })
      }
    />
  );
}
