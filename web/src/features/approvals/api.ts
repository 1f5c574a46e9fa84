import type { UpdateApprovalItemBody } from '@groundbreak/contract';
import {
  approvalItem,
  approvalQueueResponse,
  convertSimulatedResponse,
  generateApprovalsResponse,
  projectApprovalsResponse,
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
