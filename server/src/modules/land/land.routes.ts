import {
  advanceIdleCaseBody,
  auditListResponse,
  createParcelBody,
  errorBody,
  geojsonImportQuery,
  geojsonImportResponse,
  idleCaseListResponse,
  idleCaseQuery,
  idleCaseResponse,
  landBalanceResponse,
  landDemandResponse,
  landListResponse,
  landMapQuery,
  landMapResponse,
  landProgrammeBody,
  landProgrammeListResponse,
  landProgrammeQuery,
  landProgrammeResponse,
  landRules,
  landRulesResponse,
  listItemParams,
  listQuery,
  moveParcelBody,
  openIdleCaseBody,
  PARCEL_STATUS_LABELS,
  PARCEL_USE_LABELS,
  parcelIdParams,
  parcelListQuery,
  parcelListResponse,
  parcelMatchesResponse,
  parcelResponse,
  pickParcelBody,
  projectMatchesResponse,
  putLandDemandBody,
  putListItemBody,
  putSupplyBody,
  regionalAssessmentBody,
  regionalAssessmentListResponse,
  regionalAssessmentQuery,
  regionalAssessmentResponse,
  supplyResponse,
  updateLandProgrammeBody,
  updateParcelBody,
  updateRegionalAssessmentBody,
} from '@groundbreak/contract';
import {
  type CellValue,
  LAND_SOURCE_LABELS,
  type LandListItemCode,
  type LandListStatus,
} from '@groundbreak/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiDate } from '../../clock';
import { LIST_EXPORT_LIMIT } from '../../lib/excel/list-export';
import { DEFAULT_READ_LIMITS } from '../../lib/excel/read-workbook';
import { primed, streamWorkbook, XLSX_TYPE, xlsxDisposition } from '../../lib/excel/write-workbook';
import { createImportJobs } from '../../lib/imports/import-jobs';
import { importRoutes } from '../../lib/imports/import-routes';
import { sendJsonText } from '../../lib/json-text';
import { withUploadedFile } from '../../lib/upload-error';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { createAttachmentsService } from '../projects/attachments.service';
import { projectsServiceOf } from '../projects/projects.context';
import { createReferenceRepository } from '../reference/reference.repository';
import type { ModuleContext } from '../registry';
import { createGeojsonImport } from './land.geojson';
import { createIdleCases, presentIdleCase } from './land.idle';
import { createParcelImporter } from './land.import';
import { createLandMatching } from './land.matching';
import { createLandProgrammes } from './land.programmes';
import { createLandRepository } from './land.repository';
import { mayEditLandRules, readLandRules, saveLandRules } from './land.rules';
import { createLandService } from './land.service';
import { PARCEL_SHEET_COLUMNS } from './land.sheet';
import { landMapAndBalance } from './land.views';

/** A district's parcel layer with detailed boundaries fits well within this. */
const GEOJSON_MAX_BYTES = 30 * 1024 * 1024;
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const projectIdParams = z.strictObject({ id: z.string().uuid() });
const historyQuery = listQuery(['at']);
const PARCEL_HISTORY_ACTIONS = [
  'parcel.create',
  'parcel.update',
  'parcel.transition',
  'parcel.list_item',
  'parcel.earmark',
  'parcel.import',
  'land.supply',
  'land.supply_update',
  'idle_case.open',
  'idle_case.advance',
];

export async function landRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  const { database, clock } = ctx;
  const db = database.db;
  const audit = createAuditRepository(db);
  const land = createLandRepository(db);
  const reference = createReferenceRepository(db);
  const projects = projectsServiceOf(ctx);
  const attachments = createAttachmentsService({
    database,
    audit,
    clock,
    projects,
    dataDir: ctx.config.dataDir,
    maxBytes: ctx.config.attachmentMaxBytes,
  });
  const service = createLandService({ database, land, projects, reference, audit, clock, attachments });
  const matching = createLandMatching({ land, projects, clock });
  const idle = createIdleCases({ database, land, audit, clock });
  const views = landMapAndBalance({ land, clock });
  const geojson = createGeojsonImport({ database, land, audit, clock });
  const programmes = createLandProgrammes({ database, audit, clock });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['土地资源'];

  r.get(
    '/api/parcels',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '地块台账（数据范围内；筛选、排序、分页）',
        querystring: parcelListQuery,
        response: { 200: parcelListResponse, ...errors },
      },
    },
    async (request) => land.list(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/parcels/export',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '导出当前筛选的地块（Excel，与导入模板同列，可改后导回）',
        querystring: parcelListQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const rows = await primed(
        (async function* () {
          for (let page = 1; (page - 1) * 500 < LIST_EXPORT_LIMIT; page++) {
            const result = await land.page(principal, { ...request.query, page, pageSize: 500 });
            for (const r of result.rows) {
              const sheet = {
                ...r.p,
                regionName: r.regionName,
                projectName: r.projectName,
                approvedUnsupplied: r.approvedUnsupplied,
              };
              yield PARCEL_SHEET_COLUMNS.map((c) => c.read(sheet));
            }
            if (result.rows.length < 500) return;
          }
        })(),
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition(`地块台账-${shanghaiDate(clock.now())}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(streamWorkbook({ sheetName: '地块台账', columns: PARCEL_SHEET_COLUMNS, rows }));
    },
  );

  r.get(
    '/api/parcels/import-template',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '地块导入模板（中文表头、下拉选项、示例行、填表说明）',
        response: { 200: z.any(), ...errors },
      },
    },
    async (_request, reply) => {
      const columns = PARCEL_SHEET_COLUMNS.filter((c) => !c.exportOnly);
      const example: Record<string, CellValue> = {
        parcelNo: 'WJ2025-101',
        name: '长汀路东侧地块',
        regionName: '武进国家高新区',
        location: '武进国家高新区长汀路与凤林路交叉口东北侧',
        areaM2: 40_000,
        use: PARCEL_USE_LABELS.industrial,
        source: LAND_SOURCE_LABELS.new,
        status: PARCEL_STATUS_LABELS.approved_unsupplied,
        plotRatioMin: 1.2,
        plotRatioMax: 2.5,
        buildingCoverageMin: 40,
        greenRatioMax: 15,
        intensityMinWanPerMu: 400,
        conversionApprovalNo: '苏政地〔2024〕1234号',
        conversionApprovedOn: new Date('2024-06-18T00:00:00Z'),
        conversionAuthority: '江苏省人民政府',
      };
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition('地块导入模板.xlsx'))
        .send(
          streamWorkbook({
            sheetName: '地块',
            columns,
            rows: [columns.map((c) => example[c.key] ?? null)],
            notes: {
              title: '说明',
              rows: [
                ['【匹配】', '按地块编号匹配已有地块；编号不存在的行登记为新地块'],
                ['【空白单元格】', '表示不修改原值'],
                ['【面积】', '平方米；只填亩数时按 1 亩 = 666.67 平方米换算'],
                ['【状态】', '新地块可为 规划预留、批而未供、储备(净地)；已有地块的状态须在地块页变更'],
                ['【边界】', '地块红线请另以 GeoJSON 导入（地块台账 → 导入边界）'],
                ...columns.filter((c) => c.note).map((c): [string, string] => [c.header, c.note ?? '']),
              ],
            },
            dropdowns: true,
          }),
        );
    },
  );

  importRoutes(app, {
    base: '/api/parcels/imports',
    tag: '土地资源',
    action: 'land.write',
    maxBytes: DEFAULT_READ_LIMITS.maxBytes,
    jobs: createImportJobs({
      database,
      clock,
      audit,
      dataDir: ctx.config.dataDir,
      importer: createParcelImporter({ db, clock, audit }),
    }),
  });

  r.post(
    '/api/parcels',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '新建地块',
        body: createParcelBody,
        response: { 200: parcelResponse, ...errors },
      },
    },
    async (request) => ({
      parcel: await service.create(requirePrincipal(request), actorOf(request), {
        ...request.body,
        industries: request.body.industries ?? [],
      }),
    }),
  );

  r.post(
    '/api/parcels/import-geojson',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary:
          '从 GeoJSON 导入地块边界（multipart，字段 file；commit=false 只预览，commit=true 全部写入或全不写入）',
        consumes: ['multipart/form-data'],
        querystring: geojsonImportQuery,
        response: { 200: geojsonImportResponse, 413: errorBody, 415: errorBody, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return withUploadedFile(request, GEOJSON_MAX_BYTES, async (file) =>
        geojson.run(principal, actorOf(request), {
          text: (await file.toBuffer()).toString('utf8'),
          fileName: file.fileName,
          regionId: request.query.regionId,
          commit: request.query.commit === 'true',
        }),
      );
    },
  );

  r.get(
    '/api/parcels/:id',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '地块详情',
        params: parcelIdParams,
        response: { 200: parcelResponse, ...errors },
      },
    },
    async (request) => ({ parcel: await service.get(requirePrincipal(request), request.params.id) }),
  );

  r.patch(
    '/api/parcels/:id',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '修改地块（带版本号）',
        params: parcelIdParams,
        body: updateParcelBody,
        response: { 200: parcelResponse, ...errors },
      },
    },
    async (request) => ({
      parcel: await service.update(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  r.post(
    '/api/parcels/:id/transitions',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '变更地块状态（供地须登记出让记录）',
        params: parcelIdParams,
        body: moveParcelBody,
        response: { 200: parcelResponse, ...errors },
      },
    },
    async (request) => ({
      parcel: await service.move(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  r.get(
    '/api/parcels/:id/history',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '地块变更记录',
        params: parcelIdParams,
        querystring: historyQuery,
        response: { 200: auditListResponse, ...errors },
      },
    },
    async (request) => {
      const parcel = await service.load(requirePrincipal(request), request.params.id);
      const page = await audit.list({
        ...request.query,
        objectType: 'parcel',
        objectId: parcel.p.id,
        actions: PARCEL_HISTORY_ACTIONS,
      });
      return { ...page, items: page.items.map((e) => ({ ...e, ip: null, requestId: null, roles: [] })) };
    },
  );

  r.get(
    '/api/parcels/:id/list',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '用地清单（本地块事项与覆盖它的区域评估）',
        params: parcelIdParams,
        response: { 200: landListResponse, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const row = await service.load(principal, request.params.id);
      return service.listRows(row.p, row.regionPath, principal);
    },
  );

  r.put(
    '/api/parcels/:id/list/:code',
    {
      config: { action: 'land.list' },
      schema: {
        tags,
        summary: '填写用地清单事项（主管部门或自然资源和规划）',
        params: listItemParams,
        body: putListItemBody,
        response: { 200: landListResponse, ...errors },
      },
    },
    async (request) =>
      service.putListItem(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.code as LandListItemCode,
        { ...request.body, status: request.body.status as LandListStatus },
      ),
  );

  r.get(
    '/api/parcels/:id/supply',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '出让（划拨）记录，及项目进入“已供地”还缺什么',
        params: parcelIdParams,
        response: { 200: supplyResponse, ...errors },
      },
    },
    async (request) => service.supply(requirePrincipal(request), request.params.id),
  );

  r.put(
    '/api/parcels/:id/supply',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '登记出让（划拨）：条件齐备时项目自动进入“已供地”',
        params: parcelIdParams,
        body: putSupplyBody,
        response: { 200: supplyResponse, ...errors },
      },
    },
    async (request) =>
      service.putSupply(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/parcels/:id/supply/contract',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '上传出让合同（存入项目附件；条件齐备时项目进入“已供地”）',
        consumes: ['multipart/form-data'],
        params: parcelIdParams,
        response: { 200: supplyResponse, 413: errorBody, 415: errorBody, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      // Scope first: a foreign parcel answers 404 before a byte is read.
      await service.load(principal, request.params.id);
      return withUploadedFile(request, attachments.maxBytes, (file) =>
        service.uploadContract(principal, actorOf(request), request.params.id, file),
      );
    },
  );

  r.get(
    '/api/parcels/:id/project-matches',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '等待用地的项目，按与本地块的匹配度排序',
        params: parcelIdParams,
        response: { 200: projectMatchesResponse, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { p } = await service.load(principal, request.params.id);
      return matching.projectsFor(principal, p);
    },
  );

  r.post(
    '/api/parcels/:id/idle-cases',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '启动闲置土地调查（处置案件）',
        params: parcelIdParams,
        body: openIdleCaseBody,
        response: { 200: idleCaseResponse, ...errors },
      },
    },
    async (request) => ({
      case: await idle.open(requirePrincipal(request), actorOf(request), request.params.id, request.body),
    }),
  );

  r.get(
    '/api/idle-cases',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '闲置土地处置案件',
        querystring: idleCaseQuery,
        response: { 200: idleCaseListResponse, ...errors },
      },
    },
    async (request) => {
      const page = await land.idleCaseList(requirePrincipal(request), request.query);
      return {
        items: page.rows.map(presentIdleCase),
        total: page.total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  r.get(
    '/api/idle-cases/:id',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '处置案件详情',
        params: parcelIdParams,
        response: { 200: idleCaseResponse, ...errors },
      },
    },
    async (request) => ({ case: await idle.get(requirePrincipal(request), request.params.id) }),
  );

  r.post(
    '/api/idle-cases/:id/advance',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '处置案件进入下一环节（认定、处置方案、决定、执行、结案）',
        params: parcelIdParams,
        body: advanceIdleCaseBody,
        response: { 200: idleCaseResponse, ...errors },
      },
    },
    async (request) => ({
      case: await idle.advance(requirePrincipal(request), actorOf(request), request.params.id, request.body),
    }),
  );

  r.get(
    '/api/regional-assessments',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '区域评估（一次评估，区域内地块共享）',
        querystring: regionalAssessmentQuery,
        response: { 200: regionalAssessmentListResponse, ...errors },
      },
    },
    async (request) => service.assessments(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/regional-assessments',
    {
      config: { action: 'land.list' },
      schema: {
        tags,
        summary: '登记区域评估（主管部门或自然资源和规划）',
        body: regionalAssessmentBody,
        response: { 200: regionalAssessmentResponse, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const id = await service.putAssessment(principal, actorOf(request), null, {
        ...request.body,
        code: request.body.code as LandListItemCode,
        status: request.body.status as LandListStatus,
      });
      return { assessment: await service.assessment(principal, id) };
    },
  );

  r.put(
    '/api/regional-assessments/:id',
    {
      config: { action: 'land.list' },
      schema: {
        tags,
        summary: '修改区域评估（带版本号）',
        params: parcelIdParams,
        body: updateRegionalAssessmentBody,
        response: { 200: regionalAssessmentResponse, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await service.putAssessment(principal, actorOf(request), request.params.id, {
        ...request.body,
        status: request.body.status as LandListStatus,
      });
      return { assessment: await service.assessment(principal, request.params.id) };
    },
  );

  r.get(
    '/api/projects/:id/land-demand',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '项目用地需求与已选地块',
        params: projectIdParams,
        response: { 200: landDemandResponse, ...errors },
      },
    },
    async (request) => service.demand(requirePrincipal(request), request.params.id),
  );

  r.put(
    '/api/projects/:id/land-demand',
    {
      config: { action: 'project.write' },
      schema: {
        tags,
        summary: '填写项目用地需求（带版本号，新建为 0）',
        params: projectIdParams,
        body: putLandDemandBody,
        response: { 200: landDemandResponse, ...errors },
      },
    },
    async (request) =>
      service.putDemand(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/projects/:id/parcel-matches',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '可供地块，按与项目用地需求的匹配度排序（各项得分与说明）',
        params: projectIdParams,
        response: { 200: parcelMatchesResponse, ...errors },
      },
    },
    async (request) => matching.parcelsFor(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/parcel',
    {
      config: { action: 'registry.write' },
      schema: {
        tags,
        summary: '为项目选定地块（已立项项目随即进入“供地准备”）',
        params: projectIdParams,
        body: pickParcelBody,
        response: { 200: landDemandResponse, ...errors },
      },
    },
    async (request) =>
      service.pick(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/land/map',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '地图数据：地块（GeoJSON）与项目位置',
        querystring: landMapQuery,
        response: { 200: landMapResponse, ...errors },
      },
    },
    async (request, reply) => sendJsonText(reply, await views.map(requirePrincipal(request), request.query)),
  );

  r.get(
    '/api/land/programmes',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '成片开发方案与全域土地综合整治（及其地块）',
        querystring: landProgrammeQuery,
        response: { 200: landProgrammeListResponse, ...errors },
      },
    },
    async (request) => programmes.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/land/programmes',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '登记方案（成片开发方案、全域土地综合整治）',
        body: landProgrammeBody,
        response: { 200: landProgrammeResponse, ...errors },
      },
    },
    async (request) => ({
      programme: await programmes.create(requirePrincipal(request), actorOf(request), request.body),
    }),
  );

  r.put(
    '/api/land/programmes/:id',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '修改方案及其地块（带版本号）',
        params: parcelIdParams,
        body: updateLandProgrammeBody,
        response: { 200: landProgrammeResponse, ...errors },
      },
    },
    async (request) => ({
      programme: await programmes.update(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  r.get(
    '/api/land/rules',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '闲置预警规则（约定动工日期后多少天黄灯、疑似闲置）',
        response: { 200: landRulesResponse, ...errors },
      },
    },
    async (request) => ({
      rules: await readLandRules(db),
      canEdit: await mayEditLandRules(db, requirePrincipal(request)),
    }),
  );

  r.put(
    '/api/land/rules',
    {
      config: { action: 'land.write' },
      schema: {
        tags,
        summary: '设定闲置预警规则（区自然资源和规划）',
        body: landRules,
        response: { 200: landRulesResponse, ...errors },
      },
    },
    async (request) => ({
      rules: await saveLandRules(
        db,
        audit,
        requirePrincipal(request),
        actorOf(request),
        request.body,
        clock.now(),
      ),
      canEdit: true,
    }),
  );

  r.get(
    '/api/land/balance',
    {
      config: { action: 'land.read' },
      schema: {
        tags,
        summary: '各板块土地供需与批而未供消化',
        response: { 200: landBalanceResponse, ...errors },
      },
    },
    async (request) => views.balance(requirePrincipal(request)),
  );
}
