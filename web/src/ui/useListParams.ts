/** A list's filters and page in its address, kept valid (listQuery.ts). */
import { useEffect, useMemo } from 'react';
import { useSearchParams, type SetURLSearchParams } from 'react-router';
import { dropInvalid, lastPage, type ParamRules } from './listQuery';

/**
 * The address's query with what the list does not take dropped: from the first render (nothing
 * invalid is asked of the server), and then from the address itself, in place of the entry (no new
 * history entry: Back leads where it led before). `rules` is a module constant.
 */
export function useListParams(rules: ParamRules): [URLSearchParams, SetURLSearchParams] {
  const [params, setParams] = useSearchParams();
  const valid = useMemo(() => dropInvalid(params, rules), [params, rules]);
  useEffect(() => {
    if (valid) setParams(valid, { replace: true });
  }, [valid, setParams]);
  return [valid ?? params, setParams];
}

/**
 * A page past the end of the list (?page=99 of 3 pages, or the rows went away) moves to the last
 * page there is, in place of the entry. `total` is undefined until the list's answer for this page
 * is in.
 */
export function usePageWithinList(
  page: number,
  pageSize: number,
  total: number | undefined,
  setParams: SetURLSearchParams,
): void {
  useEffect(() => {
    if (total === undefined) return;
    const last = lastPage(total, pageSize);
    if (page <= last) return;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (last > 1) next.set('page', String(last));
        else next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [page, pageSize, total, setParams]);
}
