import type { SaveMonthlyReportBody } from '@groundbreak/contract';
import {
  missingReportsResponse,
  monthlyReportHistoryResponse,
  monthlyReportResponse,
  monthlyReportsResponse,
  projectLightResponse,
} from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

const reportKeys = {
  all: ['reports'] as const,
  one: (projectId: string, month: string) => ['reports', 'project', projectId, month] as const,
  history: (projectId: string) => ['reports', 'history', projectId] as const,
  list: (query: ListQuery) => ['reports', 'list', query] as const,
  missing: (month: string) => ['reports', 'missing', month] as const,
};

/** GET /api/projects/:id/monthly-reports/:month: the report (a blank draft before the first save). */
export function useMonthlyReport(projectId: string, month: string) {
  return useQuery({
    queryKey: reportKeys.one(projectId, month),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/monthly-reports/${month}`, {
        signal,
        schema: monthlyReportResponse,
      }),
  });
}

export function useReportHistory(projectId: string) {
  return useQuery({
    queryKey: reportKeys.history(projectId),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/monthly-reports`, {
        signal,
        schema: monthlyReportHistoryResponse,
      }),
  });
}

/** Refetches every report query: after a save, a step, or to load the latest version after a 409. */
export function useRefreshReports() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: reportKeys.all });
}

export function useSaveMonthlyReport(projectId: string, month: string) {
  const refresh = useRefreshReports();
  return useMutation({
    mutationFn: (body: SaveMonthlyReportBody) =>
      http.put(`/api/projects/${projectId}/monthly-reports/${month}`, {
        body,
        schema: monthlyReportResponse,
      }),
    onSuccess: refresh,
  });
}

export function useReportStep(projectId: string, month: string) {
  const refresh = useRefreshReports();
  return useMutation({
    mutationFn: (body: {
      step: 'submit' | 'review' | 'confirm' | 'return';
      reason?: string | null;
      version: number;
    }) =>
      http.post(`/api/projects/${projectId}/monthly-reports/${month}/steps`, {
        body,
        schema: monthlyReportResponse,
      }),
    onSuccess: refresh,
  });
}

/** GET /api/monthly-reports: a month's reports in scope, paged on the server. */
export function useMonthlyReports(query: ListQuery) {
  return useQuery({
    queryKey: reportKeys.list(query),
    queryFn: ({ signal }) =>
      http.get('/api/monthly-reports', { signal, query, schema: monthlyReportsResponse }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/monthly-reports/missing: per 板块, who owes the month's report and has not submitted it. */
export function useMissingReports(month: string) {
  return useQuery({
    queryKey: reportKeys.missing(month),
    queryFn: ({ signal }) =>
      http.get('/api/monthly-reports/missing', { signal, query: { month }, schema: missingReportsResponse }),
  });
}

/** GET /api/projects/:id/lights: the light with each rule's explanation, as of a day (today by default). */
export function useProjectLight(projectId: string, asOf: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'light', projectId, asOf ?? 'today'] as const,
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/lights`, {
        signal,
        query: asOf ? { asOf } : {},
        schema: projectLightResponse,
      }),
    placeholderData: keepPreviousData,
  });
}
