import type { TargetMetric } from '@groundbreak/contract';
import {
  annualPlanItemsResponse,
  annualPlanVersionResponse,
  annualPlanVersionsResponse,
  targetResponse,
  targetsResponse,
  yearPlansResponse,
} from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';
import { projectKeys, useInvalidateProjects } from './api';

/** GET /api/annual-plans/:year: approved versions, newest first, and the live (draft) figures. */
export function useAnnualPlans(year: number) {
  return useQuery({
    queryKey: [...projectKeys.all, 'annual-plans', year],
    queryFn: ({ signal }) =>
      http.get(`/api/annual-plans/${year}`, { signal, schema: annualPlanVersionsResponse }),
  });
}

/** GET /api/annual-plans/:year/items: the projects of one approved version. */
export function useAnnualPlanItems(year: number, query: ListQuery, isEnabled: boolean) {
  return useQuery({
    queryKey: [...projectKeys.all, 'annual-plans', year, 'items', query],
    queryFn: ({ signal }) =>
      http.get(`/api/annual-plans/${year}/items`, { signal, query, schema: annualPlanItemsResponse }),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

/** POST /api/annual-plans/:year/approve (区发改): freezes the year's plan as a new version. */
export function useApproveAnnualPlan(year: number) {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (note: string | undefined) =>
      http.post(`/api/annual-plans/${year}/approve`, {
        body: note ? { note } : {},
        schema: annualPlanVersionResponse,
      }),
    onSuccess: invalidate,
  });
}

/** GET /api/targets?year: targets and what has been achieved, per region. */
export function useTargets(year: number) {
  return useQuery({
    queryKey: [...projectKeys.all, 'targets', year],
    queryFn: ({ signal }) => http.get('/api/targets', { signal, query: { year }, schema: targetsResponse }),
    select: (data) => data.items,
  });
}

/** PUT /api/targets (区发改). */
export function usePutTarget() {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (body: {
      year: number;
      regionId: string;
      metric: TargetMetric;
      value: number;
      version?: number;
    }) => http.put('/api/targets', { body, schema: targetResponse }),
    onSuccess: invalidate,
  });
}

/** GET /api/projects/:id/year-plans: 年度计划投资, one row a year. */
export function useYearPlans(projectId: string) {
  return useQuery({
    queryKey: projectKeys.child(projectId, 'year-plans'),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/year-plans`, { signal, schema: yearPlansResponse }),
    select: (data) => data.items,
  });
}

/** PUT /api/projects/:id/year-plans/:year (version 0 creates the year). */
export function usePutYearPlan(projectId: string) {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: ({ year, ...body }: { year: number; plannedInvestment: number; version: number }) =>
      http.put(`/api/projects/${projectId}/year-plans/${year}`, { body, schema: yearPlansResponse }),
    onSuccess: invalidate,
  });
}
