import { z } from 'zod';
import { ORG_KINDS, REGION_KINDS, REGION_LEVELS } from './labels';
import { listQuery, listResponse, rowVersion } from './list';

export const region = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  kind: z.enum(REGION_KINDS),
  parentId: z.string().uuid().nullable(),
  aliases: z.array(z.string()),
  sortOrder: z.number().int(),
});
export type Region = z.infer<typeof region>;
export const regionListResponse = z.object({ items: z.array(region) });

export const org = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(ORG_KINDS),
  regionId: z.string().uuid(),
  regionName: z.string(),
  version: z.number().int(),
});
export type Org = z.infer<typeof org>;
export const orgListQuery = listQuery(['name', 'kind', 'code']).extend({
  kind: z.enum(ORG_KINDS).optional(),
  regionId: z.string().uuid().optional(),
  q: z.string().trim().max(50).optional(),
});
export const orgListResponse = listResponse(org);

export const enterprise = z.object({
  id: z.string().uuid(),
  uscc: z.string(),
  name: z.string(),
  regionId: z.string().uuid(),
  regionName: z.string(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type Enterprise = z.infer<typeof enterprise>;
export const enterpriseListQuery = listQuery(['name', 'uscc', 'createdAt']).extend({
  q: z.string().trim().max(50).optional(),
});
export const enterpriseListResponse = listResponse(enterprise);

export const usccCheckQuery = z.strictObject({ code: z.string().max(40) });
export const usccCheckResponse = z.object({
  valid: z.boolean(),
  normalized: z.string(),
  reason: z.enum(['USCC_FORMAT', 'USCC_CHECKSUM']).nullable(),
  message: z.string(),
});

export const enterpriseIdParams = z.strictObject({ id: z.string().uuid() });
export const createEnterpriseBody = z.strictObject({
  uscc: z.string().trim().min(1).max(40),
  name: z.string().trim().min(2).max(100),
  regionId: z.string().uuid(),
});
export const updateEnterpriseBody = z.strictObject({
  name: z.string().trim().min(2).max(100),
  regionId: z.string().uuid(),
  version: rowVersion,
});
export const enterpriseResponse = z.object({ enterprise: enterprise });

export const orgIdParams = z.strictObject({ id: z.string().uuid() });
export const updateOrgBody = z.strictObject({
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().min(1).max(30),
  version: rowVersion,
});
export const orgResponse = z.object({ org: org });
