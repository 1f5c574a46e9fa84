import type { CampaignCategory, CreateTaskBody, UpdateTaskBody } from '@groundbreak/contract';
import {
  campaignCategoryListResponse,
  campaignItem,
  campaignListResponse,
  campaignPhotoResponse,
  landMapResponse,
  maintenanceRules,
  progressResponse,
  taskLightRules,
  taskListResponse,
  taskResponse,
} from '@groundbreak/contract';
import type { TaskStep } from '@groundbreak/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

// The 城中村专项行动 over HTTP: campaigns and batches, the task categories, the tasks with their steps and
// photos, and a campaign's progress. Every write refreshes the tasks, the campaigns' counts and the progress.

export const campaignKeys = {
  categories: ['campaign-categories'] as const,
  campaigns: ['campaigns'] as const,
  campaignList: ['campaigns', 'list'] as const,
  tasks: ['campaign-tasks'] as const,
  taskList: (query: ListQuery) => ['campaign-tasks', 'list', query] as const,
  task: (id: string) => ['campaign-tasks', 'one', id] as const,
  progress: ['campaign-progress'] as const,
  progressOf: (query: ProgressParams) => ['campaign-progress', query] as const,
};

/** The address of a task photo's bytes (an <img> source; the session cookie goes along). */
export function photoUrl(taskId: string, photoId: string): string {
  return `/api/campaign-tasks/${taskId}/photos/${photoId}`;
}

export function useCampaignCategories() {
  return useQuery({
    queryKey: campaignKeys.categories,
    queryFn: ({ signal }) =>
      http.get('/api/campaign-categories', { signal, schema: campaignCategoryListResponse }),
    staleTime: 10 * 60_000,
  });
}

/**
 * Every campaign in scope with its batches and task counts, newest first. A district runs a handful of
 * campaigns a year: one page of 100 is all of them (the page that lists them says when it is not).
 */
export function useCampaigns() {
  return useQuery({
    queryKey: campaignKeys.campaignList,
    queryFn: ({ signal }) =>
      http.get('/api/campaigns', {
        signal,
        query: { page: 1, pageSize: 100, sort: '-startOn' },
        schema: campaignListResponse,
      }),
    staleTime: 60_000,
  });
}

/** GET /api/campaigns as a paged list (行动与批次). */
export function useCampaignList(query: ListQuery) {
  return useQuery({
    queryKey: [...campaignKeys.campaigns, 'page', query] as const,
    queryFn: ({ signal }) => http.get('/api/campaigns', { signal, query, schema: campaignListResponse }),
    placeholderData: keepPreviousData,
  });
}

function useRefreshCampaigns() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: campaignKeys.campaigns }),
      queryClient.invalidateQueries({ queryKey: campaignKeys.tasks }),
      queryClient.invalidateQueries({ queryKey: campaignKeys.progress }),
    ]);
}

export type CampaignInput = {
  name: string;
  leadOrgId: string | null;
  areaTag: string | null;
  startOn: string;
  endOn: string;
  description: string | null;
};

/** POST /api/campaigns, or PUT /api/campaigns/:id with the version the form was opened on. */
export function useSaveCampaign() {
  const refresh = useRefreshCampaigns();
  return useMutation({
    mutationFn: ({ id, version, ...body }: CampaignInput & { id?: string; version?: number }) =>
      id
        ? http.put(`/api/campaigns/${id}`, { body: { ...body, version }, schema: campaignItem })
        : http.post('/api/campaigns', { body, schema: campaignItem }),
    onSuccess: refresh,
  });
}

export type BatchInput = { name: string; startOn: string; endOn: string };

/** POST /api/campaigns/:campaignId/batches, or PUT /api/campaign-batches/:id. */
export function useSaveBatch() {
  const refresh = useRefreshCampaigns();
  return useMutation({
    mutationFn: ({
      campaignId,
      id,
      version,
      ...body
    }: BatchInput & { campaignId: string; id?: string; version?: number }) =>
      id
        ? http.put(`/api/campaign-batches/${id}`, { body: { ...body, version }, schema: campaignItem })
        : http.post(`/api/campaigns/${campaignId}/batches`, { body, schema: campaignItem }),
    onSuccess: refresh,
  });
}

/** GET /api/campaign-tasks: the tasks of the scope, filtered, paged and sorted on the server. */
export function useTasks(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: campaignKeys.taskList(query),
    queryFn: ({ signal }) => http.get('/api/campaign-tasks', { signal, query, schema: taskListResponse }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: campaignKeys.task(id),
    queryFn: ({ signal }) => http.get(`/api/campaign-tasks/${id}`, { signal, schema: taskResponse }),
  });
}

export function useCreateTask() {
  const refresh = useRefreshCampaigns();
  return useMutation({
    mutationFn: (body: CreateTaskBody) => http.post('/api/campaign-tasks', { body, schema: taskResponse }),
    onSuccess: refresh,
  });
}

export function useUpdateTask(id: string) {
  const refresh = useRefreshCampaigns();
  return useMutation({
    mutationFn: (body: UpdateTaskBody) =>
      http.put(`/api/campaign-tasks/${id}`, { body, schema: taskResponse }),
    onSuccess: refresh,
  });
}

export type TaskStepInput = { step: TaskStep; version: number; note?: string | null; completedOn?: string };

export function useTaskStep(id: string) {
  const refresh = useRefreshCampaigns();
  return useMutation({
    mutationFn: (body: TaskStepInput) =>
      http.post(`/api/campaign-tasks/${id}/steps`, { body, schema: taskResponse }),
    onSuccess: refresh,
  });
}

export type PhotoKind = 'before' | 'after';

/** POST /api/campaign-tasks/:id/photos?kind=…: one image as multipart/form-data. */
export function useUploadPhoto(taskId: string) {
  const refresh = useRefreshCampaigns();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: PhotoKind; file: File }) =>
      http.upload(`/api/campaign-tasks/${taskId}/photos`, file, {
        query: { kind },
        schema: campaignPhotoResponse,
      }),
    onSuccess: refresh,
  });
}

export function useDeletePhoto(taskId: string) {
  const refresh = useRefreshCampaigns();
  return useMutation({
    mutationFn: (photoId: string) => http.post(`/api/campaign-tasks/${taskId}/photos/${photoId}/delete`),
    onSuccess: refresh,
  });
}

export type ProgressParams = { campaignId: string; batchId?: string | undefined; asOf?: string | undefined };

export function useCampaignProgress(params: ProgressParams | undefined) {
  return useQuery({
    queryKey: campaignKeys.progressOf(params ?? { campaignId: '' }),
    queryFn: ({ signal }) =>
      http.get('/api/campaign-progress', {
        signal,
        query: params,
        schema: progressResponse,
      }),
    enabled: params !== undefined,
    placeholderData: keepPreviousData,
  });
}

/**
 * The district and 板块 outlines the offline map is drawn on. They come with the land map's answer (every
 * role that reads campaigns reads land); only the outlines are kept, and for long: they ship with the app.
 */
export function useMapOutlines() {
  return useQuery({
    queryKey: ['land', 'outlines'] as const,
    queryFn: async ({ signal }) =>
      (await http.get('/api/land/map', { signal, schema: landMapResponse })).outlines,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The overdue thresholds of task lights (configured by 区城管局). */
export function useTaskLightRules() {
  return useQuery({
    queryKey: ['campaigns', 'light-rules'] as const,
    queryFn: ({ signal }) =>
      http.get('/api/campaign-settings/light-rules', { signal, schema: taskLightRules }),
    staleTime: 5 * 60_000,
  });
}

export type CategoryInput = Omit<CampaignCategory, 'version'>;

/** POST /api/campaign-categories, or PUT /api/campaign-categories/:code with the version it was opened on. */
export function useSaveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, code, ...body }: CategoryInput & { version?: number }) =>
      version
        ? http.put(`/api/campaign-categories/${code}`, {
            body: { ...body, version },
            schema: campaignCategoryListResponse,
          })
        : http.post('/api/campaign-categories', {
            body: { code, ...body },
            schema: campaignCategoryListResponse,
          }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.categories }),
  });
}

/** The inspection pass mark (configured by 区城管局). */
export function useMaintenanceRules() {
  return useQuery({
    queryKey: ['campaigns', 'maintenance-rules'] as const,
    queryFn: ({ signal }) =>
      http.get('/api/campaign-settings/maintenance-rules', { signal, schema: maintenanceRules }),
  });
}

/** Saves the light threshold and the pass mark. */
export function useSaveCampaignRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (rules: { yellowMaxDaysLate: number; passScore: number }) => {
      await http.put('/api/campaign-settings/light-rules', {
        body: { yellowMaxDaysLate: rules.yellowMaxDaysLate },
        schema: taskLightRules,
      });
      await http.put('/api/campaign-settings/maintenance-rules', {
        body: { passScore: rules.passScore },
        schema: maintenanceRules,
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
}
