import type {
  ActivityBody,
  ContactBody,
  CreateLeadBody,
  FunnelQuery,
  PoolRule,
  ReviewBody,
  ScoreBody,
  ScorecardConfig,
  SignBody,
  TransitionBody,
  UpdateLeadBody,
} from '@groundbreak/contract';
import {
  activitiesResponse,
  activityResponse,
  assignResultResponse,
  contactResponse,
  contactsResponse,
  duplicateCandidatesResponse,
  duplicateHintResponse,
  funnelResponse,
  leadCreatedResponse,
  leadListResponse,
  leadResponse,
  okResponse,
  poolRulesResponse,
  projectResponse,
  reviewResponse,
  reviewsResponse,
  scorecardConfigResponse,
} from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';
import { projectKeys } from '../projects/api';

// 招商 over HTTP: the lead list and the pool, one lead with its activities, contacts, score, reviews and
// signing, the funnel, and the scorecard and pool-rule settings. Every write refreshes everything under
// ['attraction'] and the project registry's queries (a lead is a project).

export const attractionKeys = {
  all: ['attraction'] as const,
  leads: (query: ListQuery) => ['attraction', 'leads', query] as const,
  pool: (query: ListQuery) => ['attraction', 'pool', query] as const,
  lead: (id: string) => ['attraction', 'lead', id] as const,
  part: (id: string, part: string) => ['attraction', 'lead', id, part] as const,
  duplicateCheck: (companyName: string, uscc: string, excludeId: string) =>
    ['attraction', 'duplicate-check', companyName, uscc, excludeId] as const,
  funnel: (query: FunnelQuery) => ['attraction', 'funnel', query] as const,
  scorecard: ['attraction', 'scorecard'] as const,
  poolRules: ['attraction', 'pool-rules'] as const,
};

function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: attractionKeys.all }),
      queryClient.invalidateQueries({ queryKey: projectKeys.all }),
    ]);
}

/** GET /api/leads: leads in scope, filtered, paged and sorted on the server. */
export function useLeads(query: ListQuery) {
  return useQuery({
    queryKey: attractionKeys.leads(query),
    queryFn: ({ signal }) => http.get('/api/leads', { signal, query, schema: leadListResponse }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/leads/pool: the shared pool (公海). */
export function usePoolLeads(query: ListQuery) {
  return useQuery({
    queryKey: attractionKeys.pool(query),
    queryFn: ({ signal }) => http.get('/api/leads/pool', { signal, query, schema: leadListResponse }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/leads/:id (any project in scope; its profile is null until someone profiles it). */
export function useLead(id: string, enabled = true) {
  return useQuery({
    queryKey: attractionKeys.lead(id),
    queryFn: ({ signal }) => http.get(`/api/leads/${id}`, { signal, schema: leadResponse }),
    select: (data) => data.lead,
    enabled: enabled && id !== '',
  });
}

/**
 * GET /api/leads/duplicate-check: where else the same investor is worked — only the 板块 name and the day
 * it was registered (the sanctioned view across scope).
 */
export function useDuplicateCheck(companyName: string, uscc: string, excludeId = '') {
  const hasInput = companyName.trim().length >= 2 || uscc.trim().length === 18;
  return useQuery({
    queryKey: attractionKeys.duplicateCheck(companyName.trim(), uscc.trim(), excludeId),
    queryFn: ({ signal }) =>
      http.get('/api/leads/duplicate-check', {
        signal,
        query: {
          companyName: companyName.trim() || undefined,
          uscc: uscc.trim().length === 18 ? uscc.trim().toUpperCase() : undefined,
          excludeId: excludeId || undefined,
        },
        schema: duplicateHintResponse,
      }),
    select: (data) => data.duplicates,
    enabled: hasInput,
    staleTime: 30_000,
  });
}

export function useCreateLead() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateLeadBody) => http.post('/api/leads', { body, schema: leadCreatedResponse }),
    onSuccess: refresh,
  });
}

export function useUpdateLead(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: UpdateLeadBody) => http.put(`/api/leads/${id}`, { body, schema: leadResponse }),
    onSuccess: refresh,
  });
}

/** POST /api/leads/:id/claim (409 when another 板块 claimed it first). */
export function useClaimLead() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version, regionId }: { id: string; version: number; regionId?: string }) =>
      http.post(`/api/leads/${id}/claim`, { body: { version, regionId }, schema: leadResponse }),
    onSuccess: refresh,
  });
}

/** POST /api/leads/:id/release: back into the pool. */
export function useReleaseLead(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { version: number; reason?: string }) =>
      http.post(`/api/leads/${id}/release`, { body, schema: leadResponse }),
    onSuccess: refresh,
  });
}

/** POST /api/leads/assign: the pool by the assignment rules. */
export function useAssignPool() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => http.post('/api/leads/assign', { schema: assignResultResponse }),
    onSuccess: refresh,
  });
}

/** GET /api/leads/:id/duplicates: the leads of the same investor (attraction.admin). */
export function useDuplicateCandidates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: attractionKeys.part(id, 'duplicates'),
    queryFn: ({ signal }) =>
      http.get(`/api/leads/${id}/duplicates`, { signal, schema: duplicateCandidatesResponse }),
    select: (data) => data.items,
    enabled,
  });
}

/** POST /api/leads/:id/merge: this lead goes into `intoId` (which is kept). */
export function useMergeLead(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { intoId: string; version: number }) =>
      http.post(`/api/leads/${id}/merge`, { body, schema: leadResponse }),
    onSuccess: refresh,
  });
}

export function useActivities(id: string) {
  return useQuery({
    queryKey: attractionKeys.part(id, 'activities'),
    queryFn: ({ signal }) => http.get(`/api/leads/${id}/activities`, { signal, schema: activitiesResponse }),
    select: (data) => data.items,
  });
}

export function useAddActivity(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ActivityBody) =>
      http.post(`/api/leads/${id}/activities`, { body, schema: activityResponse }),
    onSuccess: refresh,
  });
}

/** POST /api/lead-activities/:id/done: the next step is done. */
export function useActivityDone() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      http.post(`/api/lead-activities/${id}/done`, { body: { version }, schema: activityResponse }),
    onSuccess: refresh,
  });
}

export function useContacts(id: string) {
  return useQuery({
    queryKey: attractionKeys.part(id, 'contacts'),
    queryFn: ({ signal }) => http.get(`/api/leads/${id}/contacts`, { signal, schema: contactsResponse }),
    select: (data) => data.items,
  });
}

/** POST /api/leads/:id/contacts, or PUT /api/lead-contacts/:contactId with its version. */
export function useSaveContact(leadId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ contactId, version, ...body }: ContactBody & { contactId?: string; version?: number }) =>
      contactId
        ? http.put(`/api/lead-contacts/${contactId}`, { body: { ...body, version }, schema: contactResponse })
        : http.post(`/api/leads/${leadId}/contacts`, { body, schema: contactResponse }),
    onSuccess: refresh,
  });
}

export function useDeleteContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      http.post(`/api/lead-contacts/${id}/delete`, { body: { version }, schema: okResponse }),
    onSuccess: refresh,
  });
}

/** POST /api/leads/:id/score: the scorecard's inputs → the total, grade and each criterion's calculation. */
export function useScoreLead(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ScoreBody) => http.post(`/api/leads/${id}/score`, { body, schema: leadResponse }),
    onSuccess: refresh,
  });
}

export function useReviews(id: string) {
  return useQuery({
    queryKey: attractionKeys.part(id, 'reviews'),
    queryFn: ({ signal }) => http.get(`/api/leads/${id}/reviews`, { signal, schema: reviewsResponse }),
    select: (data) => data.items,
  });
}

export function useAddReview(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ReviewBody) => http.post(`/api/leads/${id}/reviews`, { body, schema: reviewResponse }),
    onSuccess: refresh,
  });
}

/** POST /api/leads/:id/sign: the commitments, and the project to 已签约 through its gate (422 GATE_UNMET). */
export function useSignLead(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: SignBody) => http.post(`/api/leads/${id}/sign`, { body, schema: leadResponse }),
    onSuccess: refresh,
  });
}

/** POST /api/projects/:id/transitions: 推进到在谈 and the other registry moves. */
export function useLeadTransition(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: TransitionBody) =>
      http.post(`/api/projects/${id}/transitions`, { body, schema: projectResponse }),
    onSuccess: refresh,
  });
}

export function useFunnel(query: FunnelQuery) {
  return useQuery({
    queryKey: attractionKeys.funnel(query),
    queryFn: ({ signal }) =>
      http.get('/api/attraction/funnel', {
        signal,
        query: { from: query.from, to: query.to, groupBy: query.groupBy },
        schema: funnelResponse,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useScorecard() {
  return useQuery({
    queryKey: attractionKeys.scorecard,
    queryFn: ({ signal }) =>
      http.get('/api/attraction/scorecard', { signal, schema: scorecardConfigResponse }),
    staleTime: 5 * 60_000,
  });
}

export function useSaveScorecard() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { config: ScorecardConfig; version: number }) =>
      http.put('/api/attraction/scorecard', { body, schema: scorecardConfigResponse }),
    onSuccess: refresh,
  });
}

export function usePoolRules() {
  return useQuery({
    queryKey: attractionKeys.poolRules,
    queryFn: ({ signal }) => http.get('/api/attraction/pool-rules', { signal, schema: poolRulesResponse }),
    staleTime: 5 * 60_000,
  });
}

export function useSavePoolRules() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { rules: PoolRule[]; version: number }) =>
      http.put('/api/attraction/pool-rules', { body, schema: poolRulesResponse }),
    onSuccess: refresh,
  });
}
