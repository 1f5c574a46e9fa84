import type { ThemeConfig } from 'antd';

/** The traffic-light colours of ui.md; every light, tag and section colour reads them from here. */
export const LIGHT_COLORS = {
  red: '#f5222d',
  yellow: '#faad14',
  green: '#52c41a',
  grey: '#bfbfbf',
} as const;
export type LightColor = keyof typeof LIGHT_COLORS;

/** CJK fonts first, so Chinese never falls back to a Latin font's missing glyphs. */
export const FONT_FAMILY = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

export const HEADER_BACKGROUND = '#0b2a55';
export const PAGE_BACKGROUND = '#f5f7fa';

export const appTheme: ThemeConfig = {
  token: {
    fontFamily: FONT_FAMILY,
    colorPrimary: '#1677ff',
    colorError: LIGHT_COLORS.red,
    colorWarning: LIGHT_COLORS.yellow,
    colorSuccess: LIGHT_COLORS.green,
    borderRadius: 6,
  },
  components: {
    Layout: {
      headerBg: HEADER_BACKGROUND,
      headerHeight: 56,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      bodyBg: PAGE_BACKGROUND,
      triggerBg: '#ffffff',
      triggerColor: 'rgba(0, 0, 0, 0.65)',
    },
    Menu: {
      itemBorderRadius: 4,
      subMenuItemBg: '#ffffff',
    },
  },
};
