import { z } from 'zod';
import { listQuery, listResponse } from './list';

export const notification = z.object({
  id: z.string().uuid(),
  module: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationListQuery = listQuery(['createdAt']).extend({
  unread: z.enum(['true', 'false']).optional(),
});
export const notificationListResponse = listResponse(notification);
export const unreadCountResponse = z.object({ unread: z.number().int().min(0) });
export const markReadBody = z.strictObject({ ids: z.array(z.string().uuid()).min(1).max(100) });
export const markReadResponse = z.object({ updated: z.number().int() });
