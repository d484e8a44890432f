/**
 * A list's filters and page kept in its address (the plans list, the frameworks): what each takes,
 * the same bounds as the server's list query (shared/limits.ts, shared/api). A value the list does
 * not take (?year=abc, ?page=0) is dropped from the address rather than sent to the server, which
 * would refuse the whole list for it (useListParams.ts).
 */
import { FILTER_YEAR_MAX, FILTER_YEAR_MIN, SEARCH_TEXT_MAX } from '@shared/limits';
import { routeIdOf } from './routeId';

/** Whether a param's text from the address is one the list takes. */
export type ParamRule = (text: string) => boolean;
export type ParamRules = Readonly<Record<string, ParamRule>>;

/** A row's id (?unit=12): as in a route's address. */
export const isId: ParamRule = (text) => routeIdOf(text) !== null;
/** A page number: 1, 2, … (a page past the end is moved to the last one once the total is known). */
export const isPage: ParamRule = isId;
export const isYear: ParamRule = (text) =>
  /^\d{4}$/.test(text) && Number(text) >= FILTER_YEAR_MIN && Number(text) <= FILTER_YEAR_MAX;
export const isSearch: ParamRule = (text) => text.length <= SEARCH_TEXT_MAX;
export const oneOf =
  (values: readonly (string | number)[]): ParamRule =>
  (text) =>
    values.some((v) => String(v) === text);

/**
 * The address's query without the params their rule refuses (an empty one counts as absent and is
 * dropped too); null when nothing is dropped. Params without a rule are left as they are.
 */
export function dropInvalid(params: URLSearchParams, rules: ParamRules): URLSearchParams | null {
  const next = new URLSearchParams();
  let dropped = false;
  for (const [name, text] of params) {
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (rule && (text === '' || !rule(text))) dropped = true;
    else next.append(name, text);
  }
  return dropped ? next : null;
}

/** The last page of a list of `total` rows (1 when it is empty). */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
