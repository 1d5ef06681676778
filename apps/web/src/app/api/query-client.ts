import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client.ts';

let onUnauthenticated: () => void = () => {};
/** The app registers how to leave for /login when the session is gone. */
export const setUnauthenticatedHandler = (fn: () => void) => {
  onUnauthenticated = fn;
};

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (isApiError(error) && error.status === 401) onUnauthenticated();
    },
  }),
  mutationCache: new MutationCache({
    onError: (error) => {
      // A login's own 401s (wrong password, TOTP) are not a lost session.
      if (isApiError(error) && error.code === 'UNAUTHENTICATED') onUnauthenticated();
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return count < 2;
      },
    },
    mutations: { retry: false },
  },
});
