import type {
  ApprovalRules,
  PlanTemplateView,
  UpdateApprovalItemBody,
  UpdateCatalogueEntryBody,
} from '@groundbreak/contract';
import {
  approvalItem,
  approvalQueueResponse,
  approvalRulesResponse,
  catalogueResponse,
  convertSimulatedResponse,
  generateApprovalsResponse,
  landReadyListResponse,
  planTemplatesResponse,
  projectApprovalsResponse,
  projectLandReadyResponse,
  projectPlanResponse,
} from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

const approvalKeys = {
  all: ['approvals'] as const,
  project: (projectId: string) => ['approvals', 'project', projectId] as const,
  queue: (query: ListQuery) => ['approvals', 'queue', query] as const,
};

/** GET /api/projects/:id/approvals: the items by stage, their limits, the whole-process days. */
export function useProjectApprovals(projectId: string) {
  return useQuery({
    queryKey: approvalKeys.project(projectId),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/approvals`, { signal, schema: projectApprovalsResponse }),
  });
}

function useInvalidateApprovals() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: approvalKeys.all });
}

/** Refetches every approvals query (a project's items, the queue): the latest versions after a 409. */
export const useRefreshApprovals = useInvalidateApprovals;

/** Refetches a project's plan: the latest version after a 409. */
export function useRefreshPlan(projectId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.project(projectId) });
}

/** POST …/approvals/generate: adds the catalogue items that apply and are missing. */
export function useGenerateApprovals(projectId: string) {
  const invalidate = useInvalidateApprovals();
  return useMutation({
    mutationFn: () =>
      http.post(`/api/projects/${projectId}/approvals/generate`, { schema: generateApprovalsResponse }),
    onSuccess: () => invalidate(),
  });
}

/** PUT …/approvals/:itemId (the item's department or 区发改). */
export function useUpdateApproval(projectId: string) {
  const invalidate = useInvalidateApprovals();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: UpdateApprovalItemBody }) =>
      http.put(`/api/projects/${projectId}/approvals/${itemId}`, { body, schema: approvalItem }),
    onSuccess: () => invalidate(),
  });
}

/** POST …/approvals/convert-simulated: 模拟审批 → formal, once the land is supplied. */
export function useConvertSimulated(projectId: string) {
  const invalidate = useInvalidateApprovals();
  return useMutation({
    mutationFn: () =>
      http.post(`/api/projects/${projectId}/approvals/convert-simulated`, {
        schema: convertSimulatedResponse,
      }),
    onSuccess: () => invalidate(),
  });
}

/** GET /api/approvals/queue: the caller's department's running items in scope. */
export function useApprovalQueue(query: ListQuery) {
  return useQuery({
    queryKey: approvalKeys.queue(query),
    queryFn: ({ signal }) =>
      http.get('/api/approvals/queue', { signal, query, schema: approvalQueueResponse }),
    placeholderData: keepPreviousData,
  });
}

const planKeys = {
  templates: ['plans', 'templates'] as const,
  project: (projectId: string) => ['plans', 'project', projectId] as const,
};

/** GET /api/plan-templates. */
export function usePlanTemplates() {
  return useQuery({
    queryKey: planKeys.templates,
    queryFn: ({ signal }) => http.get('/api/plan-templates', { signal, schema: planTemplatesResponse }),
    staleTime: 60_000,
  });
}

/** GET /api/projects/:id/plan: the plan scheduled as of today, with the caller's abilities. */
export function useProjectPlan(projectId: string) {
  return useQuery({
    queryKey: planKeys.project(projectId),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/plan`, { signal, schema: projectPlanResponse }),
  });
}

function usePlanMutation<TVars>(projectId: string, request: (vars: TVars) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (data) => queryClient.setQueryData(planKeys.project(projectId), data),
  });
}

export function useCreatePlan(projectId: string) {
  return usePlanMutation(projectId, (body: { templateCode: 'A' | 'B' | 'C'; targetOn: string }) =>
    http.post(`/api/projects/${projectId}/plan`, { body, schema: projectPlanResponse }),
  );
}

export function useRecordPlanActual(projectId: string) {
  return usePlanMutation(
    projectId,
    ({
      key,
      ...body
    }: {
      key: string;
      actualStart: string | null;
      actualFinish: string | null;
      version: number;
    }) => http.put(`/api/projects/${projectId}/plan/nodes/${key}`, { body, schema: projectPlanResponse }),
  );
}

export function useRevisePlan(projectId: string) {
  return usePlanMutation(
    projectId,
    (body: {
      targetOn: string;
      durations: { key: string; duration: number }[];
      reason: string | null;
      version: number;
    }) => http.put(`/api/projects/${projectId}/plan`, { body, schema: projectPlanResponse }),
  );
}

export function useApprovePlan(projectId: string) {
  return usePlanMutation(projectId, (body: { version: number }) =>
    http.post(`/api/projects/${projectId}/plan/approve`, { body, schema: projectPlanResponse }),
  );
}

/** GET /api/projects/:id/land-ready: 拿地即开工 readiness and outcome. */
export function useProjectLandReady(projectId: string) {
  return useQuery({
    queryKey: ['approvals', 'land-ready', projectId] as const,
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/land-ready`, { signal, schema: projectLandReadyResponse }),
  });
}

/** GET /api/approvals/land-ready: every project in the mode in scope. */
export function useLandReadyList(query: ListQuery) {
  return useQuery({
    queryKey: ['approvals', 'land-ready-list', query] as const,
    queryFn: ({ signal }) =>
      http.get('/api/approvals/land-ready', { signal, query, schema: landReadyListResponse }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/approval-catalogue. */
export function useApprovalCatalogue() {
  return useQuery({
    queryKey: ['approvals', 'catalogue'] as const,
    queryFn: ({ signal }) => http.get('/api/approval-catalogue', { signal, schema: catalogueResponse }),
  });
}

/** PUT /api/approval-catalogue/:id (区发改): applies to items generated afterwards. */
export function useUpdateCatalogueEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCatalogueEntryBody }) =>
      http.put(`/api/approval-catalogue/${id}`, { body, schema: catalogueResponse }),
    onSuccess: (data) => queryClient.setQueryData(['approvals', 'catalogue'], data),
  });
}

/** PUT /api/plan-templates/:id (区发改): a bad network is refused naming its nodes. */
export function useUpdatePlanTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: string;
      body: Pick<PlanTemplateView, 'name' | 'anchor' | 'nodes' | 'links' | 'version'>;
    }) => http.put(`/api/plan-templates/${id}`, { body, schema: planTemplatesResponse }),
    onSuccess: (data) => queryClient.setQueryData(planKeys.templates, data),
  });
}

/** GET /api/approvals/rules: 临期, the whole-process target, 拿地即开工's days; whether the caller sets them. */
export function useApprovalRules() {
  return useQuery({
    queryKey: ['approvals', 'rules'] as const,
    queryFn: ({ signal }) => http.get('/api/approvals/rules', { signal, schema: approvalRulesResponse }),
  });
}

/** PUT /api/approvals/rules (区发改); every SLA and outcome is read against them, so all approvals refresh. */
export function useSaveApprovalRules() {
  const invalidate = useInvalidateApprovals();
  return useMutation({
    mutationFn: (body: ApprovalRules) =>
      http.put('/api/approvals/rules', { body, schema: approvalRulesResponse }),
    onSuccess: invalidate,
  });
}
