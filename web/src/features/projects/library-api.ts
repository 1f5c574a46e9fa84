import { libraryEntriesResponse, libraryEntryResponse, libraryQueueResponse } from '@groundbreak/contract';
import type { LibraryLevel } from '@groundbreak/domain';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';
import { projectKeys, useInvalidateProjects } from './api';

// 申报入库: a 板块 applies a project for a level and year; 区发改 approves, returns or withdraws it.

/** GET /api/projects/:id/libraries: the project's entries, newest year first. */
export function useProjectLibraries(projectId: string) {
  return useQuery({
    queryKey: projectKeys.child(projectId, 'libraries'),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/libraries`, { signal, schema: libraryEntriesResponse }),
    select: (data) => data.items,
  });
}

/** GET /api/library-entries: the queue of applications and entries within the user's scope. */
export function useLibraryQueue(query: ListQuery) {
  return useQuery({
    queryKey: [...projectKeys.all, 'library-queue', query],
    queryFn: ({ signal }) =>
      http.get('/api/library-entries', { signal, query, schema: libraryQueueResponse }),
    placeholderData: keepPreviousData,
  });
}

export interface ApplyLibraryInput {
  level: LibraryLevel;
  year: number;
  category: 'implementation' | 'reserve';
  sourceDoc?: string;
}

/** POST /api/projects/:id/libraries (registry.write). */
export function useApplyLibrary(projectId: string) {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (body: ApplyLibraryInput) =>
      http.post(`/api/projects/${projectId}/libraries`, { body, schema: libraryEntryResponse }),
    onSuccess: invalidate,
  });
}

export type LibraryDecision =
  | { decision: 'approve'; version: number; enteredOn?: string }
  | { decision: 'return'; version: number; reason: string }
  | { decision: 'withdraw'; version: number; reason: string };

/** POST /api/projects/:id/libraries/:entryId/decision (区发改, registry.admin). */
export function useDecideLibrary() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: ({ projectId, entryId, ...body }: LibraryDecision & { projectId: string; entryId: string }) =>
      http.post(`/api/projects/${projectId}/libraries/${entryId}/decision`, {
        body,
        schema: libraryEntryResponse,
      }),
    onSuccess: invalidate,
  });
}
