import { z } from 'zod';
import { rowVersion } from './list';

// OC4IDS open data over HTTP: the publisher settings 区发改 keeps, what the package will hold, and the
// project package itself (validated in the tests against the official schema; here only its outline).

const uri = (label: string) =>
  z
    .string()
    .trim()
    .max(300, { message: `${label}不超过 300 字` })
    .regex(/^https?:\/\/[^\s]+$/, { message: `${label}应为 http:// 或 https:// 开头的网址` });
const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: `请填写${label}` })
    .max(max, { message: `${label}不超过 ${max} 字` });
const scheme = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Z]{2}(-[A-Z0-9]+)+$/, { message: `${label}应为 org-id 式的代码，如 CN-USCC` });

/** The publisher and the codes of the export, configurable [A]. */
export const oc4idsSettingsFields = z.strictObject({
  publisher: z.strictObject({
    name: text('发布机构名称', 100),
    scheme: z.union([scheme('发布机构标识方案'), z.literal('')]),
    uid: z.string().trim().max(50, { message: '发布机构标识不超过 50 字' }),
    uri: z.union([uri('发布机构网址'), z.literal('')]),
  }),
  /** The prefix registered with the OC4IDS helpdesk ("oc4ids-xxxxxx" until then). */
  idPrefix: z
    .string()
    .trim()
    .regex(/^oc4ids-[a-z0-9]{6}$/, { message: '项目编号前缀应为 oc4ids- 加 6 位小写字母或数字' }),
  license: uri('数据许可协议网址'),
  publicationPolicy: uri('发布政策网址'),
  projectCodeScheme: scheme('项目代码标识方案'),
  usccScheme: scheme('统一社会信用代码标识方案'),
  packageUriBase: uri('数据包网址'),
});
export type Oc4idsSettingsFields = z.infer<typeof oc4idsSettingsFields>;

export const oc4idsSettingsBody = oc4idsSettingsFields.extend({ version: rowVersion });

export const oc4idsSettingsResponse = z.object({
  settings: oc4idsSettingsFields,
  /** 1 while the defaults were never saved. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  /** Public projects in the caller's scope that the package would hold now. */
  projectCount: z.number().int(),
});
export type Oc4idsSettingsResponse = z.infer<typeof oc4idsSettingsResponse>;

/** The OC4IDS package (its outline: the official schema is checked in the tests). */
export const oc4idsPackage = z
  .object({
    uri: z.string(),
    publishedDate: z.string(),
    version: z.string(),
    publisher: z.object({ name: z.string() }).passthrough(),
    license: z.string().optional(),
    publicationPolicy: z.string().optional(),
    projects: z.array(z.object({ id: z.string() }).passthrough()),
  })
  .passthrough();
export type Oc4idsPackage = z.infer<typeof oc4idsPackage>;
