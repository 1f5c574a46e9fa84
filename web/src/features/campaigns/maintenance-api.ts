import type { InspectionBody, MaintenancePointResponse } from '@groundbreak/contract';
import {
  inspectionPhotoResponse,
  maintenancePointListResponse,
  maintenancePointResponse,
} from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';
import { campaignKeys } from './api';

// 长效管护 over HTTP: the ledger of maintained points, one point with its inspections and 整改单, the keeper's
// edit, inspection photos and recording an inspection. An inspection changes the point, the ledger and — a
// rebound costs the 板块 points — the campaign ranking, so it refreshes all three.

export const maintenanceKeys = {
  all: ['maintenance-points'] as const,
  list: (query: ListQuery) => ['maintenance-points', 'list', query] as const,
  point: (id: string) => ['maintenance-points', 'one', id] as const,
};

/** The address of an inspection photo's bytes (an <img> source; the session cookie goes along). */
export function inspectionPhotoUrl(pointId: string, photoId: string): string {
  return `/api/maintenance-points/${pointId}/photos/${photoId}`;
}

/** GET /api/maintenance-points: the 管护台账 of the scope, filtered, paged and sorted on the server. */
export function useMaintenancePoints(query: ListQuery) {
  return useQuery({
    queryKey: maintenanceKeys.list(query),
    queryFn: ({ signal }) =>
      http.get('/api/maintenance-points', { signal, query, schema: maintenancePointListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useMaintenancePoint(id: string) {
  return useQuery({
    queryKey: maintenanceKeys.point(id),
    queryFn: ({ signal }) =>
      http.get(`/api/maintenance-points/${id}`, { signal, schema: maintenancePointResponse }),
  });
}

/** Puts the point as the server now has it in the cache and refreshes the ledger and the ranking. */
function useApplyPoint(id: string) {
  const queryClient = useQueryClient();
  return (detail: MaintenancePointResponse) => {
    queryClient.setQueryData(maintenanceKeys.point(id), detail);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: [...maintenanceKeys.all, 'list'] }),
      queryClient.invalidateQueries({ queryKey: campaignKeys.progress }),
    ]);
  };
}

export type KeeperInput = { version: number; keeper: string; keeperPerson: string | null; everyDays: number };

/** PUT /api/maintenance-points/:id with the version the form was opened on (409 when someone saved first). */
export function useUpdatePoint(id: string) {
  const apply = useApplyPoint(id);
  return useMutation({
    mutationFn: (body: KeeperInput) =>
      http.put(`/api/maintenance-points/${id}`, { body, schema: maintenancePointResponse }),
    onSuccess: apply,
  });
}

/** POST /api/maintenance-points/:id/photos: one JPG or PNG, referenced by the inspection that follows. */
export function useUploadInspectionPhoto(id: string) {
  return useMutation({
    mutationFn: (file: File) =>
      http.upload(`/api/maintenance-points/${id}/photos`, file, { schema: inspectionPhotoResponse }),
  });
}

/** POST /api/maintenance-points/:id/inspections: answers with the point as it now stands. */
export function useRecordInspection(id: string) {
  const apply = useApplyPoint(id);
  return useMutation({
    mutationFn: (body: InspectionBody) =>
      http.post(`/api/maintenance-points/${id}/inspections`, { body, schema: maintenancePointResponse }),
    onSuccess: apply,
  });
}
