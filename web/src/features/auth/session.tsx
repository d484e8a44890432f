/**
 * The signed-in user. Until there is a session the page shows the sign-in form; an account that
 * must change its password sees only that form. The CSRF token of the session goes with every
 * request that changes something.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { createContext, lazy, Suspense, useContext, useEffect, type ReactNode } from 'react';
import type { Me } from '@shared/api';
import { api, ApiError, setCsrfToken, setSignedOutHandler } from '../../api/client';
// the forms are loaded only when they are shown: a signed-in page does not carry them
const LoginPage = lazy(() => import('./LoginPage').then((m) => ({ default: m.LoginPage })));
export const ChangePasswordForm = lazy(() =>
  import('./LoginPage').then((m) => ({ default: m.ChangePasswordForm })),
);
const waiting = <Spin style={{ display: 'block', marginTop: 120 }} />;

interface SessionValue {
  me: Me;
  signOut: () => Promise<void>;
}

const Context = createContext<SessionValue | null>(null);

/**
 * Nothing of the last account stays for the next one on a shared computer. The session query itself
 * stays: the gate watches it.
 */
function forgetAccountData(qc: QueryClient): void {
  qc.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
}

async function currentUser(): Promise<Me | null> {
  try {
    return await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The session's query: the gate's, and the shell's when it asks ahead (App.tsx). */
export const meQuery = { queryKey: ['me'], queryFn: currentUser, retry: false, staleTime: Infinity };

export function SessionGate({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery(meQuery);
  useEffect(() => {
    setSignedOutHandler(() => {
      // only a session that ended while in use: the first look-up of a signed-out page answers 401 too
      if (!qc.getQueryData(['me'])) return;
      setCsrfToken(null);
      forgetAccountData(qc);
      qc.setQueryData(['me'], null);
    });
  }, [qc]);
  const signedIn = (user: Me) => {
    setCsrfToken(user.csrfToken);
    forgetAccountData(qc);
    qc.setQueryData(['me'], user);
  };
  if (me.isLoading) return waiting;
  if (!me.data) {
    return (
      <Suspense fallback={waiting}>
        <LoginPage onSignedIn={signedIn} />
      </Suspense>
    );
  }
  setCsrfToken(me.data.csrfToken);
  const signOut = async () => {
    await api.logout().catch(() => undefined);
    setCsrfToken(null);
    forgetAccountData(qc);
    qc.setQueryData(['me'], null);
  };
  if (me.data.user.mustChangePassword) {
    return (
      <Suspense fallback={waiting}>
        <ChangePasswordForm
          forced
          onChanged={() => void qc.invalidateQueries({ queryKey: ['me'] })}
          onSignOut={() => void signOut()}
        />
      </Suspense>
    );
  }
  const value: SessionValue = { me: me.data, signOut };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionGate');
  return value;
}
