import type { Oc4idsSettingsFields } from '@groundbreak/contract';
import { muListResponse, oc4idsSettingsResponse, projectMuResponse } from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

// OC4IDS open data and the 亩均 classes over HTTP.

export const openDataKeys = {
  settings: ['oc4ids-settings'] as const,
  mu: ['mu-evaluations'] as const,
  muList: (query: ListQuery) => ['mu-evaluations', 'list', query] as const,
  projectMu: (projectId: string) => ['mu-evaluations', 'project', projectId] as const,
};

export const OC4IDS_PACKAGE_HREF = '/api/oc4ids/package';
export const MU_IMPORT_BASE = '/api/mu-evaluations/imports';
export const MU_TEMPLATE_HREF = '/api/mu-evaluations/import-template';

export function projectOc4idsHref(projectId: string): string {
  return `/api/projects/${projectId}/oc4ids`;
}

export function useOc4idsSettings() {
  return useQuery({
    queryKey: openDataKeys.settings,
    queryFn: ({ signal }) => http.get('/api/oc4ids/settings', { signal, schema: oc4idsSettingsResponse }),
  });
}

export function useSaveOc4idsSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Oc4idsSettingsFields & { version: number }) =>
      http.put('/api/oc4ids/settings', { body, schema: oc4idsSettingsResponse }),
    onSuccess: (saved) => client.setQueryData(openDataKeys.settings, saved),
  });
}

export function useMuEvaluations(query: ListQuery) {
  return useQuery({
    queryKey: openDataKeys.muList(query),
    queryFn: ({ signal }) => http.get('/api/mu-evaluations', { signal, query, schema: muListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useProjectMu(projectId: string) {
  return useQuery({
    queryKey: openDataKeys.projectMu(projectId),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/mu-evaluations`, { signal, schema: projectMuResponse }),
  });
}
