import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './http';

// Retry only what a retry can fix: lost connections and 5xx, never a 4xx answer.
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const isTransient = error.isNetworkError || error.status >= 500;
  return isTransient && failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
