export * from './access/lockout';
export * from './access/password-policy';
export * from './access/permissions';
export * from './access/roles';
export { checkUscc, computeUsccCheckChar, isValidUscc, type UsccCheck, usccRegionCode } from './codes/uscc';
export { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode } from './errors';
export { formatWan, formatYi, wanToYuan, YUAN_PER_WAN, YUAN_PER_YI, type Yuan, yiToYuan } from './money';
export { maskPersonalFields, maskPhone } from './privacy';
