import type { ImportJob, ImportRowAction } from '@groundbreak/contract';
import { importJobListResponse, importJobResponse, importRowsResponse } from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../lib/http';

// A sheet import under a module's base path (/api/projects/imports): upload → preview → commit. A job
// that is still reading or writing is polled each second; the user may leave and come back to it.

const POLL_MS = 1000;
const isRunning = (job: ImportJob | undefined) => job?.status === 'reading' || job?.status === 'committing';

export const importKeys = {
  all: (base: string) => ['imports', base] as const,
  job: (base: string, id: string) => ['imports', base, 'job', id] as const,
  rows: (base: string, id: string, action: ImportRowAction | undefined, page: number) =>
    ['imports', base, 'job', id, 'rows', action ?? 'all', page] as const,
  list: (base: string, page: number) => ['imports', base, 'list', page] as const,
};

export function useImportJob(base: string, id: string | undefined) {
  return useQuery({
    queryKey: importKeys.job(base, id ?? ''),
    queryFn: ({ signal }) => http.get(`${base}/${id}`, { signal, schema: importJobResponse }),
    select: (data) => data.job,
    enabled: Boolean(id),
    refetchInterval: (query) => (isRunning(query.state.data?.job) ? POLL_MS : false),
  });
}

export function useImportRows(
  base: string,
  job: ImportJob | undefined,
  action: ImportRowAction | undefined,
  page: number,
  pageSize = 20,
) {
  const id = job?.id ?? '';
  return useQuery({
    queryKey: importKeys.rows(base, id, action, page),
    queryFn: ({ signal }) =>
      http.get(`${base}/${id}/rows`, {
        signal,
        query: { page, pageSize, ...(action ? { action } : {}) },
        schema: importRowsResponse,
      }),
    enabled: Boolean(job) && !isRunning(job) && job?.status !== 'cancelled',
    placeholderData: keepPreviousData,
  });
}

export function useImportList(base: string, page: number) {
  return useQuery({
    queryKey: importKeys.list(base, page),
    queryFn: ({ signal }) =>
      http.get(base, { signal, query: { page, pageSize: 20 }, schema: importJobListResponse }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(isRunning) ? POLL_MS * 3 : false),
  });
}

function useInvalidate(base: string, also: readonly unknown[]) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: importKeys.all(base) });
    await queryClient.invalidateQueries({ queryKey: also });
  };
}

/** POST base (multipart): stores the file and starts the preview. */
export function useUploadSheet(base: string, invalidates: readonly unknown[]) {
  const invalidate = useInvalidate(base, invalidates);
  return useMutation({
    mutationFn: (file: File) => http.upload(base, file, { schema: importJobResponse }),
    onSuccess: invalidate,
  });
}

/** POST base/:id/commit, base/:id/cancel. */
export function useImportAction(base: string, action: 'commit' | 'cancel', invalidates: readonly unknown[]) {
  const invalidate = useInvalidate(base, invalidates);
  return useMutation({
    mutationFn: (id: string) => http.post(`${base}/${id}/${action}`, { schema: importJobResponse }),
    onSuccess: invalidate,
  });
}
