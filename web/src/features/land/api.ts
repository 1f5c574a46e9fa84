import {
  auditListResponse,
  geojsonImportResponse,
  idleCaseListResponse,
  idleCaseResponse,
  landBalanceResponse,
  landDemandResponse,
  landListResponse,
  landMapResponse,
  landProgrammeListResponse,
  landRulesResponse,
  parcelListResponse,
  parcelMatchesResponse,
  parcelResponse,
  projectMatchesResponse,
  regionalAssessmentListResponse,
  regionalAssessmentResponse,
  supplyResponse,
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
import { projectKeys } from '../projects/api';

// The land module's server state: the parcel ledger and a parcel's parts (list, supply, cases, history),
// regional assessments, idle-land cases, the map, the balance, rules and programmes, and a project's land
// demand and matches. Every write invalidates the whole module (and the project it may have moved).

export const landKeys = {
  all: ['land'] as const,
  parcels: (query: ListQuery) => [...landKeys.all, 'parcels', query] as const,
  parcel: (id: string) => [...landKeys.all, 'parcel', id] as const,
  parcelPart: (id: string, part: string) => [...landKeys.all, 'parcel', id, part] as const,
  cases: (query: ListQuery) => [...landKeys.all, 'idle-cases', query] as const,
  assessments: (query: ListQuery) => [...landKeys.all, 'assessments', query] as const,
  map: (query: ListQuery) => [...landKeys.all, 'map', query] as const,
  balance: ['land', 'balance'] as const,
  rules: ['land', 'rules'] as const,
  programmes: (query: ListQuery) => [...landKeys.all, 'programmes', query] as const,
  demand: (projectId: string) => [...landKeys.all, 'demand', projectId] as const,
  matches: (projectId: string) => [...landKeys.all, 'matches', projectId] as const,
};

/** After any land write: the module's views, and the projects a supply or a pick may have moved. */
function useInvalidateLand() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: landKeys.all }),
      queryClient.invalidateQueries({ queryKey: projectKeys.all }),
    ]);
}

export function useParcelList(query: ListQuery) {
  return useQuery({
    queryKey: landKeys.parcels(query),
    queryFn: ({ signal }) => http.get('/api/parcels', { signal, query, schema: parcelListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useParcel(id: string) {
  return useQuery({
    queryKey: landKeys.parcel(id),
    queryFn: ({ signal }) => http.get(`/api/parcels/${id}`, { signal, schema: parcelResponse }),
    select: (data) => data.parcel,
  });
}

export function useParcelListItems(id: string) {
  return useQuery({
    queryKey: landKeys.parcelPart(id, 'list'),
    queryFn: ({ signal }) => http.get(`/api/parcels/${id}/list`, { signal, schema: landListResponse }),
  });
}

export function useSupply(id: string) {
  return useQuery({
    queryKey: landKeys.parcelPart(id, 'supply'),
    queryFn: ({ signal }) => http.get(`/api/parcels/${id}/supply`, { signal, schema: supplyResponse }),
  });
}

export function useWaitingProjects(id: string, enabled: boolean) {
  return useQuery({
    queryKey: landKeys.parcelPart(id, 'project-matches'),
    queryFn: ({ signal }) =>
      http.get(`/api/parcels/${id}/project-matches`, { signal, schema: projectMatchesResponse }),
    enabled,
  });
}

export function useParcelHistory(id: string) {
  return useInfiniteQuery({
    queryKey: landKeys.parcelPart(id, 'history'),
    queryFn: ({ signal, pageParam }) =>
      http.get(`/api/parcels/${id}/history`, {
        signal,
        query: { page: pageParam, pageSize: 20 },
        schema: auditListResponse,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export type ParcelInput = Record<string, unknown>;

export function useCreateParcel() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: (body: ParcelInput) => http.post('/api/parcels', { body, schema: parcelResponse }),
    onSuccess: invalidate,
  });
}

export function useUpdateParcel() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ id, ...body }: ParcelInput & { id: string; version: number }) =>
      http.patch(`/api/parcels/${id}`, { body, schema: parcelResponse }),
    onSuccess: invalidate,
  });
}

export function useMoveParcel() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; to: string; version: number; reason?: string }) =>
      http.post(`/api/parcels/${id}/transitions`, { body, schema: parcelResponse }),
    onSuccess: invalidate,
  });
}

export function usePutListItem() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ id, code, ...body }: { id: string; code: string } & Record<string, unknown>) =>
      http.put(`/api/parcels/${id}/list/${code}`, { body, schema: landListResponse }),
    onSuccess: invalidate,
  });
}

export function usePutSupply() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & Record<string, unknown>) =>
      http.put(`/api/parcels/${id}/supply`, { body, schema: supplyResponse }),
    onSuccess: invalidate,
  });
}

export function useImportGeojson() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ file, regionId, commit }: { file: File; regionId?: string; commit: boolean }) =>
      http.upload('/api/parcels/import-geojson', file, {
        query: { commit: commit ? 'true' : 'false', regionId },
        schema: geojsonImportResponse,
      }),
    onSuccess: (_data, input) => (input.commit ? invalidate() : undefined),
  });
}

export function useIdleCases(query: ListQuery) {
  return useQuery({
    queryKey: landKeys.cases(query),
    queryFn: ({ signal }) => http.get('/api/idle-cases', { signal, query, schema: idleCaseListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useOpenIdleCase() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ parcelId, ...body }: { parcelId: string; noticeOn: string; note?: string }) =>
      http.post(`/api/parcels/${parcelId}/idle-cases`, { body, schema: idleCaseResponse }),
    onSuccess: invalidate,
  });
}

export function useAdvanceIdleCase() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number } & Record<string, unknown>) =>
      http.post(`/api/idle-cases/${id}/advance`, { body, schema: idleCaseResponse }),
    onSuccess: invalidate,
  });
}

export function useAssessments(query: ListQuery) {
  return useQuery({
    queryKey: landKeys.assessments(query),
    queryFn: ({ signal }) =>
      http.get('/api/regional-assessments', { signal, query, schema: regionalAssessmentListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveAssessment() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: string } & Record<string, unknown>) =>
      id
        ? http.put(`/api/regional-assessments/${id}`, { body, schema: regionalAssessmentResponse })
        : http.post('/api/regional-assessments', { body, schema: regionalAssessmentResponse }),
    onSuccess: invalidate,
  });
}

export function useLandMap(query: ListQuery) {
  return useQuery({
    queryKey: landKeys.map(query),
    queryFn: ({ signal }) => http.get('/api/land/map', { signal, query, schema: landMapResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useLandBalance() {
  return useQuery({
    queryKey: landKeys.balance,
    queryFn: ({ signal }) => http.get('/api/land/balance', { signal, schema: landBalanceResponse }),
  });
}

export function useLandRules() {
  return useQuery({
    queryKey: landKeys.rules,
    queryFn: ({ signal }) => http.get('/api/land/rules', { signal, schema: landRulesResponse }),
  });
}

export function useSaveLandRules() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: (body: { idleWarnDays: number; idleDays: number }) =>
      http.put('/api/land/rules', { body, schema: landRulesResponse }),
    onSuccess: invalidate,
  });
}

export function useProgrammes(query: ListQuery) {
  return useQuery({
    queryKey: landKeys.programmes(query),
    queryFn: ({ signal }) =>
      http.get('/api/land/programmes', { signal, query, schema: landProgrammeListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useLandDemand(projectId: string) {
  return useQuery({
    queryKey: landKeys.demand(projectId),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/land-demand`, { signal, schema: landDemandResponse }),
  });
}

export function usePutLandDemand() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ projectId, ...body }: { projectId: string } & Record<string, unknown>) =>
      http.put(`/api/projects/${projectId}/land-demand`, { body, schema: landDemandResponse }),
    onSuccess: invalidate,
  });
}

export function useParcelMatches(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: landKeys.matches(projectId),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/parcel-matches`, { signal, schema: parcelMatchesResponse }),
    enabled,
  });
}

export function usePickParcel() {
  const invalidate = useInvalidateLand();
  return useMutation({
    mutationFn: ({ projectId, ...body }: { projectId: string; parcelId: string; version: number }) =>
      http.post(`/api/projects/${projectId}/parcel`, { body, schema: landDemandResponse }),
    onSuccess: invalidate,
  });
}
