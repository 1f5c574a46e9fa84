import { attachmentResponse, attachmentsResponse, okResponse } from '@groundbreak/contract';
import type { AttachmentKind } from '@groundbreak/domain';
import { useMutation, useQuery } from '@tanstack/react-query';
import { http } from '../../lib/http';
import { projectKeys, useInvalidateProjects } from './api';

/** GET /api/projects/:id/attachments. */
export function useAttachments(projectId: string) {
  return useQuery({
    queryKey: projectKeys.child(projectId, 'attachments'),
    queryFn: ({ signal }) =>
      http.get(`/api/projects/${projectId}/attachments`, { signal, schema: attachmentsResponse }),
    select: (data) => data.items,
  });
}

/** Where the browser downloads an attachment (the server names the file in Chinese). */
export function attachmentUrl(projectId: string, attachmentId: string): string {
  return `/api/projects/${projectId}/attachments/${attachmentId}`;
}

/** POST /api/projects/:id/attachments?kind=… as multipart/form-data (413 too large, 415 type not allowed). */
export function useUploadAttachment(projectId: string) {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: AttachmentKind; file: File }) =>
      http.upload(`/api/projects/${projectId}/attachments`, file, {
        query: { kind },
        schema: attachmentResponse,
      }),
    onSuccess: invalidate,
  });
}

/** POST /api/projects/:id/attachments/:attachmentId/delete (soft delete, audited). */
export function useDeleteAttachment(projectId: string) {
  const invalidate = useInvalidateProjects();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      http.post(`/api/projects/${projectId}/attachments/${attachmentId}/delete`, { schema: okResponse }),
    onSuccess: invalidate,
  });
}
