import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onSessionEnded, setToken } from './api/client';
import type { Me, MemberRole } from './api/types';

interface Session {
  token: string;
  me: Me;
}

interface SessionApi {
  session: Session | null;
  /** Why the sign-in screen is showing again, if it was not the person's own choice. */
  notice: string | null;
  signIn(email: string, password: string): Promise<void>;
  /** Go on with a token the API handed over (an accepted invitation, a reset or changed password). */
  adopt(accessToken: string): Promise<void>;
  signOut(): void;
  refresh(): Promise<void>;
}

const KEY = 'r2c.session';
const SessionContext = createContext<SessionApi | null>(null);

function stored(): Session | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return value?.token && value?.me?.id ? value : null;
  } catch {
    return null;
  }
}

/** Keeps the token in localStorage so a reload stays signed in; a 401 from the API ends the session. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const found = stored();
    setToken(found?.token ?? null);
    return found;
  });
  const [notice, setNotice] = useState<string | null>(null);

  const keep = useCallback((next: Session | null) => {
    setToken(next?.token ?? null);
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
    setSession(next);
  }, []);

  useEffect(() => {
    onSessionEnded(() => {
      keep(null);
      setNotice('Your session has ended. Sign in again to carry on where you were.');
    });
  }, [keep]);

  const refresh = useCallback(async () => {
    const current = stored();
    if (!current) return;
    const me = await api.me();
    // Only if no sign-in or sign-out happened meanwhile (in this tab or another).
    if (stored()?.token === current.token) keep({ token: current.token, me });
  }, [keep]);

  // Check the stored token once at start: it may have expired while the tab was closed.
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  const adopt = useCallback(
    async (accessToken: string) => {
      setToken(accessToken);
      const me = await api.me();
      setNotice(null);
      keep({ token: accessToken, me });
    },
    [keep],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const { accessToken } = await api.login(email, password);
      await adopt(accessToken);
    },
    [adopt],
  );

  const signOut = useCallback(() => {
    keep(null);
    setNotice('You have signed out.');
  }, [keep]);

  const value = useMemo(() => ({ session, notice, signIn, adopt, signOut, refresh }), [session, notice, signIn, adopt, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person; only screens behind the sign-in use it. */
export function useMe(): Me {
  const { session } = useSession();
  if (!session) throw new Error('useMe without a session');
  return session.me;
}

export type Standing = MemberRole | 'admin' | null;

/** How the signed-in person stands in an initiative: admins stand in every one. */
export function standingIn(me: Me, initiativeId: string): Standing {
  if (me.role === 'admin') return 'admin';
  return me.memberships.find((m) => m.initiativeId === initiativeId)?.role ?? null;
}
