import {
  errorBody,
  inspectionBody,
  inspectionPhotoResponse,
  maintenancePointListQuery,
  maintenancePointListResponse,
  maintenancePointResponse,
  updatePointBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withUploadedFile } from '../../lib/upload-error';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { contentDisposition } from '../projects/attachments.service';
import type { MaintenanceService } from './maintenance.service';

// 长效管护 over HTTP: the maintenance ledger, a point with its inspections and 整改单, recording an inspection
// (on a phone) with its photos.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const idParams = z.strictObject({ id: z.string().uuid() });
const photoParams = z.strictObject({ id: z.string().uuid(), photoId: z.string().uuid() });

export function maintenanceRoutes(
  app: FastifyInstance,
  maintenance: MaintenanceService,
  maxBytes: number,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['城中村专项行动'];

  r.get(
    '/api/maintenance-points',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary: '长效管护台账（本范围；按行动、板块、状态：正常/整改中/待巡查）',
        querystring: maintenancePointListQuery,
        response: { 200: maintenancePointListResponse, ...errors },
      },
    },
    async (request) => maintenance.list(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/maintenance-points/:id',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary: '管护点位：检查标准、巡查记录、整改单',
        params: idParams,
        response: { 200: maintenancePointResponse, ...errors },
      },
    },
    async (request) => maintenance.detail(requirePrincipal(request), request.params.id),
  );

  r.put(
    '/api/maintenance-points/:id',
    {
      config: { action: 'campaign.write' },
      schema: {
        tags,
        summary: '修改管护责任村（社区）、责任人、巡查周期',
        params: idParams,
        body: updatePointBody,
        response: { 200: maintenancePointResponse, ...errors },
      },
    },
    async (request) =>
      maintenance.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/maintenance-points/:id/inspections',
    {
      config: { action: 'campaign.write' },
      schema: {
        tags,
        summary: '填写巡查记录：逐项检查、得分、照片；不合格即反弹并生成整改单，有整改单时为复查',
        params: idParams,
        body: inspectionBody,
        response: { 200: maintenancePointResponse, ...errors },
      },
    },
    async (request) =>
      maintenance.inspect(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/maintenance-points/:id/photos',
    {
      config: { action: 'campaign.write' },
      schema: {
        tags,
        summary: '上传巡查照片（multipart，字段 file；JPG 或 PNG），填写巡查记录时引用',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: inspectionPhotoResponse, 413: errorBody, 415: errorBody, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await maintenance.detail(principal, request.params.id);
      return withUploadedFile(request, maxBytes, (file) =>
        maintenance.uploadPhoto(principal, actorOf(request), request.params.id, file),
      );
    },
  );

  r.get(
    '/api/maintenance-points/:id/photos/:photoId',
    {
      config: { action: 'campaign.read' },
      schema: { tags, summary: '查看巡查照片', params: photoParams, response: { 200: z.any(), ...errors } },
    },
    async (request, reply) => {
      const { photo, stream } = await maintenance.openPhoto(
        requirePrincipal(request),
        request.params.id,
        request.params.photoId,
      );
      return reply
        .header('content-type', photo.contentType)
        .header('content-length', photo.sizeBytes)
        .header('content-disposition', contentDisposition(photo.fileName).replace(/^attachment/, 'inline'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(stream);
    },
  );
}
