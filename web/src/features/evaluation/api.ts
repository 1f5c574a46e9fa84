import type { EvaluationFigures, EvaluationSettingsValue } from '@groundbreak/contract';
import {
  completionDetail,
  completionListResponse,
  completionMetrics,
  evaluationDetail,
  evaluationListResponse,
  evaluationSettingsResponse,
  evaluationSummary,
  generateEvaluationsResponse,
  optimisationAction,
  optimisationActionListResponse,
} from '@groundbreak/contract';
import type { DispositionMeasure, OptimisationCategory } from '@groundbreak/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

// 竣工即发证 and the post-evaluation loop over HTTP (contract/src/evaluation.ts). Every write refreshes the
// project (its state may move), the completion lists, the evaluations and the optimisation actions.

export const evaluationKeys = {
  completion: ['completion'] as const,
  completionOf: (projectId: string) => ['completion', 'project', projectId] as const,
  completionList: (query: ListQuery) => ['completion', 'list', query] as const,
  completionMetrics: (year: number | undefined) => ['completion', 'metrics', year ?? 'all'] as const,
  evaluations: ['evaluations'] as const,
  evaluationList: (query: ListQuery) => ['evaluations', 'list', query] as const,
  evaluation: (id: string) => ['evaluations', 'one', id] as const,
  summary: (year: number | undefined) => ['evaluations', 'summary', year ?? 'all'] as const,
  settings: ['evaluation-settings'] as const,
  actions: ['optimisation-actions'] as const,
  actionList: (query: ListQuery) => ['optimisation-actions', 'list', query] as const,
};

function useRefreshAll() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: evaluationKeys.completion }),
      queryClient.invalidateQueries({ queryKey: evaluationKeys.evaluations }),
      queryClient.invalidateQueries({ queryKey: evaluationKeys.actions }),
      // The project moves STARTED → COMPLETED when the title is issued.
      queryClient.invalidateQueries({ queryKey: ['projects'] }),
    ]);
}

// ---------------------------------------------------------------------------------------------------
// 竣工即发证

export function useCompletion(projectId: string) {
  return useQuery({
    queryKey: evaluationKeys.completionOf(projectId),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/completion`, { signal, schema: completionDetail }),
  });
}

export type SaveCompletionInput = {
  version?: number;
  surveyReportNo: string | null;
  surveyApprovedOn: string | null;
  premiumPaid: boolean;
  noIllegalConstruction: boolean;
  surveyApproved: boolean;
  jointAcceptancePassed: boolean;
  noSeizure: boolean;
  note?: string | null;
};

export function useSaveCompletion(projectId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: SaveCompletionInput) =>
      http.put(`/api/projects/${projectId}/completion`, { body, schema: completionDetail }),
    onSuccess: refresh,
  });
}

export function useApplyCompletion(projectId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: { version: number; appliedOn?: string }) =>
      http.post(`/api/projects/${projectId}/completion/apply`, { body, schema: completionDetail }),
    onSuccess: refresh,
  });
}

export type IssueCompletionInput = {
  version: number;
  jointAcceptanceNo: string;
  jointAcceptanceOn: string;
  filingNo: string;
  filingOn: string;
  titleNo: string;
  titleOn: string;
  actualCompletionOn?: string;
};

export function useIssueCompletion(projectId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: IssueCompletionInput) =>
      http.post(`/api/projects/${projectId}/completion/issue`, { body, schema: completionDetail }),
    onSuccess: refresh,
  });
}

export function useCompletionList(query: ListQuery) {
  return useQuery({
    queryKey: evaluationKeys.completionList(query),
    queryFn: ({ signal }) => http.get('/api/completion', { signal, query, schema: completionListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useCompletionMetrics(year: number | undefined) {
  return useQuery({
    queryKey: evaluationKeys.completionMetrics(year),
    queryFn: ({ signal }) =>
      http.get('/api/completion/metrics', { signal, query: { year }, schema: completionMetrics }),
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------------------------------------------
// 后评价

export function useEvaluationList(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.evaluationList(query),
    queryFn: ({ signal }) => http.get('/api/evaluations', { signal, query, schema: evaluationListResponse }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEvaluationSummary(year: number | undefined) {
  return useQuery({
    queryKey: evaluationKeys.summary(year),
    queryFn: ({ signal }) =>
      http.get('/api/evaluations/summary', { signal, query: { year }, schema: evaluationSummary }),
    placeholderData: keepPreviousData,
  });
}

export function useEvaluation(id: string) {
  return useQuery({
    queryKey: evaluationKeys.evaluation(id),
    queryFn: ({ signal }) => http.get(`/api/evaluations/${id}`, { signal, schema: evaluationDetail }),
  });
}

export function useGenerateEvaluations() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: () =>
      http.post('/api/evaluations/generate', { body: {}, schema: generateEvaluationsResponse }),
    onSuccess: refresh,
  });
}

export function useEvaluationSettings() {
  return useQuery({
    queryKey: evaluationKeys.settings,
    queryFn: ({ signal }) =>
      http.get('/api/evaluations/settings', { signal, schema: evaluationSettingsResponse }),
    staleTime: 60_000,
  });
}

export function useSaveEvaluationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; settings: EvaluationSettingsValue }) =>
      http.put('/api/evaluations/settings', { body, schema: evaluationSettingsResponse }),
    onSuccess: (saved) => queryClient.setQueryData(evaluationKeys.settings, saved),
  });
}

/** The steps of one evaluation; each answers the evaluation as it now stands (recheck: the new re-check). */
export type EvaluationStepInput =
  | { step: 'fill'; version: number; actual: EvaluationFigures }
  | { step: 'verify'; version: number; approve: boolean; note?: string | null }
  | { step: 'score'; version: number }
  | { step: 'notify'; version: number; feedback: string }
  | { step: 'rectifications'; requirements: string; issuedOn?: string; noticeNo?: string }
  | {
      step: 'dispositions';
      measure: DispositionMeasure;
      description: string;
      decisionNo?: string | null;
      decidedOn: string;
      amountYuan?: number | null;
    };

export function useEvaluationStep(id: string) {
  const refresh = useRefreshAll();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ step, ...body }: EvaluationStepInput) =>
      http.post(`/api/evaluations/${id}/${step}`, { body, schema: evaluationDetail }),
    onSuccess: (detail) => {
      queryClient.setQueryData(evaluationKeys.evaluation(id), detail);
      return refresh();
    },
  });
}

/** 发起复核: creates the re-check evaluation of a 整改 and answers it. */
export function useRecheck() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (rectificationId: string) =>
      http.post(`/api/evaluation-rectifications/${rectificationId}/recheck`, {
        body: {},
        schema: evaluationDetail,
      }),
    onSuccess: refresh,
  });
}

// ---------------------------------------------------------------------------------------------------
// 优化措施

export function useOptimisationActions(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.actionList(query),
    queryFn: ({ signal }) =>
      http.get('/api/optimisation-actions', { signal, query, schema: optimisationActionListResponse }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type ActionInput = {
  category: OptimisationCategory;
  title: string;
  description?: string | null;
  ownerOrgId?: string | null;
  ownerName?: string | null;
  dueOn: string;
  industryChain?: string | null;
};

export function useCreateAction() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: ActionInput & { evaluationId?: string; regionId?: string }) =>
      http.post('/api/optimisation-actions', { body, schema: optimisationAction }),
    onSuccess: refresh,
  });
}

export function useCloseAction() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; closingNote: string; closedOn?: string }) =>
      http.post(`/api/optimisation-actions/${id}/close`, { body, schema: optimisationAction }),
    onSuccess: refresh,
  });
}

export function useUpdateAction() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: ActionInput & { id: string; version: number; status: 'open' | 'in_progress' }) =>
      http.put(`/api/optimisation-actions/${id}`, { body, schema: optimisationAction }),
    onSuccess: refresh,
  });
}
