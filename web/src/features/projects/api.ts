import type { Project, TransitionBody } from '@groundbreak/contract';
import {
  auditListResponse,
  enterpriseListResponse,
  okResponse,
  peopleResponse,
  projectListResponse,
  projectResponse,
  revealPhoneResponse,
  savedViewResponse,
  savedViewsResponse,
  stateHistoryResponse,
} from '@groundbreak/contract';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

// Every query of the project registry lives under ['projects'], so that one invalidation after a change
// refreshes the list, the open project, its tabs, the library queue, the plans and the targets alike.
export const projectKeys = {
  all: ['projects'] as const,
  list: (query: ListQuery) => [...projectKeys.all, 'list', query] as const,
  detail: (id: string) => [...projectKeys.all, 'detail', id] as const,
  child: (id: string, part: string) => [...projectKeys.all, 'detail', id, part] as const,
  people: (role: PersonRole) => [...projectKeys.all, 'people', role] as const,
  savedViews: ['projects', 'saved-views'] as const,
  enterpriseByUscc: (uscc: string) => [...projectKeys.all, 'enterprise-by-uscc', uscc] as const,
};

export function useInvalidateProjects() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: projectKeys.all });
}

/** GET /api/projects: the registry within the user's data scope, paged, sorted and filtered on the server. */
export function useProjectList(query: ListQuery) {
  return useQuery({
    queryKey: projectKeys.list(query),
    queryFn: ({ signal }) => http.get('/api/projects', { signal, query, schema: projectListResponse }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/projects/:id, with what the caller may do on it (`abilities`, `nextStates`). */
export function useProject(id: string) {
  return useQuery({
    queryKey: projectKeys.detail(id),
    queryFn: ({ signal }) => http.get(`/api/projects/${id}`, { signal, schema: projectResponse }),
    select: (data) => data.project,
  });
}

/** Loads the project as now saved (after a 409), bypassing the cache. */
export function useFetchProject() {
  const queryClient = useQueryClient();
  return async (id: string): Promise<Project> => {
    const result = await queryClient.fetchQuery({
      queryKey: projectKeys.detail(id),
      queryFn: ({ signal }) => http.get(`/api/projects/${id}`, { signal, schema: projectResponse }),
      staleTime: 0,
    });
    return result.project;
  };
}

/** Puts a project the server just answered into the cache and refreshes everything that shows it. */
function useStoreProject() {
  const queryClient = useQueryClient();
  return (project: Project) => {
    queryClient.setQueryData(projectKeys.detail(project.id), { project });
    return queryClient.invalidateQueries({ queryKey: projectKeys.all });
  };
}

export type CreateProjectInput = Record<string, unknown> & { name: string; regionId: string; state: string };

/** POST /api/projects (registry.write). */
export function useCreateProject() {
  const store = useStoreProject();
  return useMutation({
    mutationFn: (body: CreateProjectInput) => http.post('/api/projects', { body, schema: projectResponse }),
    onSuccess: (result) => store(result.project),
  });
}

/** PATCH /api/projects/:id: only the changed fields, with the version the form was loaded at. */
export function useUpdateProject(id: string) {
  const store = useStoreProject();
  return useMutation({
    mutationFn: (body: Record<string, unknown> & { version: number }) =>
      http.patch(`/api/projects/${id}`, { body, schema: projectResponse }),
    onSuccess: (result) => store(result.project),
  });
}

/** POST /api/projects/:id/transitions: advance, suspend, resume or terminate (422 GATE_UNMET lists why not). */
export function useTransitionProject(id: string) {
  const store = useStoreProject();
  return useMutation({
    mutationFn: (body: TransitionBody) =>
      http.post(`/api/projects/${id}/transitions`, { body, schema: projectResponse }),
    onSuccess: (result) => store(result.project),
  });
}

/** POST /api/projects/:id/delete (soft delete with a reason). */
export function useDeleteProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; reason: string }) =>
      http.post(`/api/projects/${id}/delete`, { body, schema: okResponse }),
    // Marked stale, not refetched: the page of the deleted project is left at once, without a 404 flashing.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.all, refetchType: 'none' }),
  });
}

/** POST /api/projects/:id/contact-phone: the full phone number, given a reason (audited). */
export function useRevealPhone(id: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      http.post(`/api/projects/${id}/contact-phone`, { body: { reason }, schema: revealPhoneResponse }),
  });
}

/** GET /api/projects/:id/state-changes: the lifecycle timeline, oldest first. */
export function useStateChanges(id: string) {
  return useQuery({
    queryKey: projectKeys.child(id, 'state-changes'),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${id}/state-changes`, { signal, schema: stateHistoryResponse }),
    select: (data) => data.items,
  });
}

const HISTORY_PAGE_SIZE = 20;

/** GET /api/projects/:id/history: the project's audit entries, newest first, 20 at a time. */
export function useProjectHistory(id: string) {
  return useInfiniteQuery({
    queryKey: projectKeys.child(id, 'history'),
    queryFn: ({ signal, pageParam }) =>
      http.get(`/api/projects/${id}/history`, {
        signal,
        query: { page: pageParam, pageSize: HISTORY_PAGE_SIZE, sort: '-at' },
        schema: auditListResponse,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export type PersonRole = 'leader' | 'subarea_operator' | 'drc';

/** GET /api/projects/people: who may be named 责任领导 (leader) or 项目专员 (subarea_operator, drc). */
export function usePeople(role: PersonRole) {
  return useQuery({
    queryKey: projectKeys.people(role),
    queryFn: ({ signal }) =>
      http.get('/api/projects/people', { signal, query: { role }, schema: peopleResponse }),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}

/** The enterprise already registered under a 统一社会信用代码 (the project will be linked to it). */
export function useEnterpriseByUscc(uscc: string | undefined) {
  return useQuery({
    queryKey: projectKeys.enterpriseByUscc(uscc ?? ''),
    queryFn: ({ signal }) =>
      http.get('/api/enterprises', {
        signal,
        query: { q: uscc, pageSize: 20 },
        schema: enterpriseListResponse,
      }),
    enabled: Boolean(uscc),
    select: (data) => data.items.find((enterprise) => enterprise.uscc === uscc),
    staleTime: 60_000,
  });
}

/** GET /api/saved-views: the user's saved views of the project list. */
export function useSavedViews() {
  return useQuery({
    queryKey: projectKeys.savedViews,
    queryFn: ({ signal }) => http.get('/api/saved-views', { signal, schema: savedViewsResponse }),
    select: (data) => data.items,
  });
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: string }) =>
      http.post('/api/saved-views', { body, schema: savedViewResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.savedViews }),
  });
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.post(`/api/saved-views/${id}/delete`, { schema: okResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.savedViews }),
  });
}
