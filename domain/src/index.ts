export * from './access/lockout';
export * from './access/mfa';
export * from './access/password-policy';
export * from './access/permissions';
export * from './access/roles';
export * from './approvals/items';
export * from './approvals/land-ready';
export * from './approvals/plan-templates';
export * from './approvals/responsible';
export * from './approvals/schedule';
export * from './approvals/working-days';
export * from './attraction/index';
export * from './campaigns/categories';
export * from './campaigns/maintenance';
export * from './campaigns/tasks';
export { checkUscc, computeUsccCheckChar, isValidUscc, type UsccCheck, usccRegionCode } from './codes/uscc';
export * from './completion/completion';
export { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from './errors';
export * from './evaluation';
export * from './files/file-name';
export * from './files/sniff';
export * from './files/zip';
export * from './land/dates';
export * from './land/geometry';
export * from './land/idle';
export * from './land/land-list';
export * from './land/matching';
export * from './land/parcels';
export {
  formatWan,
  formatYi,
  textToYuan,
  wanToYuan,
  YUAN_PER_WAN,
  YUAN_PER_YI,
  type Yuan,
  yiToYuan,
} from './money';
export * from './notifications/channels';
export * from './opendata/mu';
export * from './opendata/oc4ids';
export {
  maskIdNumber,
  maskPersonalFields,
  maskPhone,
  maskPhonesInText,
  phoneIndexKey,
  phoneSearchKey,
} from './privacy';
export * from './projects/attachments';
export * from './projects/fields';
export * from './projects/gate-requirements';
export * from './projects/gates';
export * from './projects/library';
export * from './projects/states';
export * from './projects/validators';
export * from './projects/year-category';
export * from './sheets/table';
export * from './sheets/values';
export * from './statistics/briefing';
export * from './statistics/metrics';
export * from './statistics/numbers';
export * from './tracking/escalation';
export * from './tracking/lights';
export * from './tracking/meetings';
export * from './tracking/periods';
export * from './tracking/problems';
export * from './tracking/reports';
export * from './tracking/tickets';
