// Who may record a plan node's actual dates: the unit the node names as responsible (domain.md §7.1). A
// template names its units in words, as the offices write them ("企业、自然资源分局"); the words are read
// into organisation kinds here, so that the text stays what 区发改 edits and the rule stays checkable.

/** Each organisation kind with the words that name it in a 责任单位, most specific first. */
const UNIT_WORDS: ReadonlyArray<readonly [kind: string, words: readonly string[]]> = [
  ['drc', ['区发改', '发改']],
  ['natural_resources', ['自然资源', '规划分局', '国土']],
  ['housing', ['住建', '建设局', '图审']],
  ['admin_approval', ['行政审批', '审批局', '政务服务']],
  ['commerce', ['商务', '招商局']],
  ['industry', ['工信', '经信']],
  ['ecology', ['生态环境', '环保']],
  ['water', ['水利', '水务']],
  ['transport', ['交通']],
  ['emergency', ['应急', '地震']],
  ['urban_management', ['城管']],
  ['real_estate_registry', ['不动产']],
  ['public_resources', ['公共资源']],
  ['civil_defense', ['人防']],
  ['meteorology', ['气象']],
  ['culture_tourism', ['文旅', '文物']],
  ['landscape', ['园林', '绿化']],
  ['utilities', ['公用事业', '供电', '供水', '燃气']],
  ['subarea_committee', ['板块', '管委会', '镇政府', '街道']],
  ['enterprise', ['企业', '建设单位', '项目单位']],
];

/** The organisation kinds a 责任单位 text names, in the order of the table; none when it names no unit. */
export function responsibleKinds(responsible: string): string[] {
  return UNIT_WORDS.filter(([, words]) => words.some((w) => responsible.includes(w))).map(([kind]) => kind);
}

/**
 * Whether a user may record a node's actual dates: 区发改 (who approves the plan) always; anyone else only
 * when their organisation is of a kind the node names as responsible — the 住建 office for 施工图审查, the
 * enterprise for 开工, the 板块 for 签约. Scope (whose project) is checked where the project is loaded.
 */
export function mayRecordActual(
  user: { roles: readonly string[]; orgKind: string },
  responsible: string,
): boolean {
  if (user.roles.includes('drc')) return true;
  // An enterprise's staff act for the enterprise, whatever organisation record their account hangs from.
  const kind = user.roles.includes('enterprise') ? 'enterprise' : user.orgKind;
  return responsibleKinds(responsible).includes(kind);
}
