import type { Me, Role } from '@opendmv/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiGet, apiPost, isApiError, setCsrfToken } from '../api/client.ts';

export const ME_KEY = ['auth', 'me'] as const;

/** Set when a live session was lost (a 401 mid-use), so the login page can say why the user is there. */
let sessionExpired = false;
export const markSessionExpired = () => {
  sessionExpired = true;
};
export const wasSessionExpired = () => sessionExpired;
export const clearSessionExpired = () => {
  sessionExpired = false;
};

/** The signed-in principal, or `null` when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await apiGet<Me>('/api/v1/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (e) {
        if (isApiError(e) && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The workspace each role lands on after signing in; null when the role has no web workspace. */
export function homeFor(role: Role): string | null {
  switch (role) {
    case 'citizen':
      return '/citizen';
    case 'officer':
      return '/officer';
    case 'supervisor':
      return '/supervisor';
    case 'admin':
      return '/admin';
    default:
      return null;
  }
}

export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => apiPost<void>('/api/v1/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    },
  });
}
