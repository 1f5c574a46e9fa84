import type {
  CreateMeetingBody,
  CreateTicketBody,
  MeetingDecisionBody,
  ProblemStepBody,
  RaiseProblemBody,
  SaveMonthlyReportBody,
  TicketStepBody,
  UpdateMeetingBody,
} from '@groundbreak/contract';
import {
  attachmentResponse,
  lightListResponse,
  meetingDecisionResponse,
  meetingListResponse,
  meetingResponse,
  missingReportsResponse,
  monthlyReportHistoryResponse,
  monthlyReportResponse,
  monthlyReportsResponse,
  problemKpiResponse,
  problemListResponse,
  problemResponse,
  problemUnitsResponse,
  projectLightResponse,
  ticketKpiResponse,
  ticketListResponse,
  ticketResponse,
  trackingMonthsCloseResponse,
  trackingMonthsResponse,
} from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export const reportKeys = {
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

// ---- lights: the red list and the closed months ----

/** GET /api/lights: the red and yellow list of the scope (live, or a closed month's official lights). */
export function useLightList(query: ListQuery) {
  return useQuery({
    queryKey: ['lights', 'list', query] as const,
    queryFn: ({ signal }) => http.get('/api/lights', { signal, query, schema: lightListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useTrackingMonths() {
  return useQuery({
    queryKey: ['lights', 'months'] as const,
    queryFn: ({ signal }) => http.get('/api/tracking/months', { signal, schema: trackingMonthsResponse }),
  });
}

/** POST /api/tracking/months/:month/close (区发改): locks the month and freezes its lights. */
export function useCloseMonth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (month: string) =>
      http.post(`/api/tracking/months/${month}/close`, { schema: trackingMonthsCloseResponse }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['lights'] }),
        queryClient.invalidateQueries({ queryKey: reportKeys.all }),
      ]),
  });
}

// ---- problems ----

const problemKeys = {
  all: ['problems'] as const,
  list: (query: ListQuery) => ['problems', 'list', query] as const,
  one: (id: string) => ['problems', 'one', id] as const,
};

/** GET /api/problems: the problems of the scope and of the caller's unit, paged on the server. */
export function useProblems(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: problemKeys.list(query),
    queryFn: ({ signal }) => http.get('/api/problems', { signal, query, schema: problemListResponse }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProblem(id: string) {
  return useQuery({
    queryKey: problemKeys.one(id),
    queryFn: ({ signal }) => http.get(`/api/problems/${id}`, { signal, schema: problemResponse }),
  });
}

export function useProblemKpi(by: 'unit' | 'region') {
  return useQuery({
    queryKey: ['problems', 'kpi', by] as const,
    queryFn: ({ signal }) =>
      http.get('/api/problems/kpi', { signal, query: { by }, schema: problemKpiResponse }),
  });
}

export function useProblemUnits() {
  return useQuery({
    queryKey: ['problems', 'units'] as const,
    queryFn: ({ signal }) => http.get('/api/problems/units', { signal, schema: problemUnitsResponse }),
    staleTime: 5 * 60_000,
  });
}

function useRefreshProblems() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: problemKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['lights'] }),
      queryClient.invalidateQueries({ queryKey: reportKeys.all }),
    ]);
}

export function useRaiseProblem() {
  const refresh = useRefreshProblems();
  return useMutation({
    mutationFn: (body: RaiseProblemBody) => http.post('/api/problems', { body, schema: problemResponse }),
    onSuccess: refresh,
  });
}

export function useProblemStep(id: string) {
  const refresh = useRefreshProblems();
  return useMutation({
    mutationFn: (body: ProblemStepBody) =>
      http.post(`/api/problems/${id}/steps`, { body, schema: problemResponse }),
    onSuccess: refresh,
  });
}

/** POST /api/problems/:id/evidence: a 销号依据 file, kept as an attachment of the problem's project. */
export function useUploadEvidence(id: string) {
  return useMutation({
    mutationFn: (file: File) =>
      http.upload(`/api/problems/${id}/evidence`, file, { schema: attachmentResponse }),
  });
}

// ---- dispatch meetings ----

export function useMeetings(query: ListQuery) {
  return useQuery({
    queryKey: ['meetings', 'list', query] as const,
    queryFn: ({ signal }) => http.get('/api/meetings', { signal, query, schema: meetingListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: ['meetings', 'one', id] as const,
    queryFn: ({ signal }) => http.get(`/api/meetings/${id}`, { signal, schema: meetingResponse }),
  });
}

function useRefreshMeetings() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['meetings'] }),
      queryClient.invalidateQueries({ queryKey: problemKeys.all }),
    ]);
}

export function useCreateMeeting() {
  const refresh = useRefreshMeetings();
  return useMutation({
    mutationFn: (body: CreateMeetingBody) => http.post('/api/meetings', { body, schema: meetingResponse }),
    onSuccess: refresh,
  });
}

export function useUpdateMeeting(id: string) {
  const refresh = useRefreshMeetings();
  return useMutation({
    mutationFn: (body: UpdateMeetingBody) =>
      http.put(`/api/meetings/${id}`, { body, schema: meetingResponse }),
    onSuccess: refresh,
  });
}

export function useMeetingDecision(id: string) {
  const refresh = useRefreshMeetings();
  return useMutation({
    mutationFn: (body: MeetingDecisionBody) =>
      http.post(`/api/meetings/${id}/decisions`, { body, schema: meetingDecisionResponse }),
    onSuccess: refresh,
  });
}

// ---- 帮办代办 tickets ----

export function useTickets(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: ['tickets', 'list', query] as const,
    queryFn: ({ signal }) => http.get('/api/tickets', { signal, query, schema: ticketListResponse }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: ['tickets', 'one', id] as const,
    queryFn: ({ signal }) => http.get(`/api/tickets/${id}`, { signal, schema: ticketResponse }),
  });
}

export function useTicketKpi(by: 'helper' | 'region') {
  return useQuery({
    queryKey: ['tickets', 'kpi', by] as const,
    queryFn: ({ signal }) =>
      http.get('/api/tickets/kpi', { signal, query: { by }, schema: ticketKpiResponse }),
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicketBody) => http.post('/api/tickets', { body, schema: ticketResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}

export function useTicketStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketStepBody) =>
      http.post(`/api/tickets/${id}/steps`, { body, schema: ticketResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}
