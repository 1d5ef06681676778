import type { Me, Role } from '@opendmv/contracts';
import { createContext, type ReactNode, useContext } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpin, QueryError } from '../components/query-state.tsx';
import { NoWorkspace } from '../shells/no-workspace.tsx';
import { homeFor, useMe } from './session.ts';

const MeContext = createContext<Me | null>(null);

/** The signed-in user inside a guarded shell. */
export function useCurrentUser(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser outside RequireRole');
  return me;
}

/** Renders its children only for the given roles; sends others to /login or to their own home. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!roles.includes(me.data.role)) {
    const home = homeFor(me.data.role);
    return home ? <Navigate to={home} replace /> : <NoWorkspace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
