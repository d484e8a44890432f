/**
 * Two queries a results page shows together (the ranking's page and its charts; a unit's explanation
 * and its pool's figures): the first error, whose retry asks both again, else the spinner until both
 * have answered, else their data.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { LoadError, Loading } from '../../ui/States';

export function bothAnswered<A, B>(
  a: UseQueryResult<A>,
  b: UseQueryResult<B>,
): { shown: ReactElement } | { data: [A, B] } {
  const error = a.error ?? b.error;
  if (error) {
    const retry = () => {
      void a.refetch();
      void b.refetch();
    };
    return { shown: <LoadError error={error} onRetry={retry} /> };
  }
  if (a.data === undefined || b.data === undefined) return { shown: <Loading /> };
  return { data: [a.data, b.data] };
}
