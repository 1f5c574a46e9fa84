// Duplicate leads (domain.md §2.1, issue 12): the same investor registered by two 板块 is found by its 统一社会信用代码
// or by its company name reduced to what distinguishes it — without the legal form (有限公司 …), the
// "(中国)" of a foreign group's Chinese arm, a leading province or city (江苏、常州 …), full-width characters,
// spaces and punctuation. "常州燕龙汽车零部件有限公司" and "燕龙汽车零部件(常州)有限公司" are then one name.

/** Legal-form endings, longest first so that 有限责任公司 is not read as 有限公司 + a stray 责任. */
const LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '集团股份有限公司',
  '有限公司',
  '集团公司',
  '股份公司',
  '总公司',
  '分公司',
  '公司',
  '集团',
  '合伙企业',
  '有限合伙',
  '厂',
].sort((a, b) => b.length - a.length);

/** Province-level names and Changzhou's own names, dropped from the front and from brackets. */
const PLACES = [
  '中国',
  '江苏省',
  '江苏',
  '浙江省',
  '浙江',
  '上海市',
  '上海',
  '北京市',
  '北京',
  '广东省',
  '广东',
  '深圳市',
  '深圳',
  '安徽省',
  '安徽',
  '山东省',
  '山东',
  '苏州市',
  '苏州',
  '无锡市',
  '无锡',
  '南京市',
  '南京',
  '常州市',
  '常州',
  '武进区',
  '武进',
].sort((a, b) => b.length - a.length);

const ENGLISH_FORMS = /\b(co|company|ltd|limited|inc|corp|corporation|group|gmbh|ag|sa|llc|plc)\b/g;

/** Full-width ASCII (ＡＢＣ１２３（）) to half-width, ideographic space to space. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/**
 * The duplicate key of a company name: half-width, lower case, bracketed places removed (常州) / (中国),
 * leading places removed repeatedly (江苏常州…), the legal form at the end removed, then every space and
 * punctuation mark dropped. Returns '' for a name that is nothing but those parts.
 */
export function normaliseCompanyName(name: string): string {
  let s = toHalfWidth(name).toLowerCase().trim();
  s = s.replace(/[【〔［]/g, '(').replace(/[】〕］]/g, ')');
  // Bracketed parts that only name a place: (中国), (常州), (江苏常州).
  s = s.replace(/\(([^()]*)\)/g, (whole, inner: string) => {
    let rest = inner.replace(/\s/g, '');
    let changed = true;
    while (changed && rest) {
      changed = false;
      for (const p of PLACES) {
        if (rest.startsWith(p)) {
          rest = rest.slice(p.length);
          changed = true;
          break;
        }
      }
    }
    return rest === '' ? '' : whole;
  });
  s = s.replace(/[\p{P}\p{S}]/gu, ' ').replace(ENGLISH_FORMS, ' ');
  s = s.replace(/\s/g, '');
  // Legal forms at the end (…有限公司, …集团有限公司), then places at the front (江苏常州燕龙 → 燕龙), each as
  // long as something is left.
  const strip = (list: readonly string[], atEnd: boolean) => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const w of list) {
        if ((atEnd ? s.endsWith(w) : s.startsWith(w)) && s.length > w.length) {
          s = atEnd ? s.slice(0, -w.length) : s.slice(w.length);
          changed = true;
          break;
        }
      }
    }
  };
  strip(LEGAL_FORMS, true);
  strip(PLACES, false);
  strip(LEGAL_FORMS, true);
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The USCC as compared: half-width, upper case, no spaces; null when empty. */
export function normaliseUscc(uscc: string | null | undefined): string | null {
  if (!uscc) return null;
  const s = toHalfWidth(uscc).replace(/\s/g, '').toUpperCase();
  return s === '' ? null : s;
}
