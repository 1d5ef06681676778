import type { ThemeConfig } from 'antd';

/** Police blue, calm greys: the look of a government service app. */
export const POLICE_BLUE = '#1d4ed8';
export const NAVY = '#0b1f47';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: POLICE_BLUE,
    colorInfo: POLICE_BLUE,
    colorLink: POLICE_BLUE,
    colorSuccess: '#16a34a',
    colorWarning: '#d97706',
    colorError: '#dc2626',
    colorBgLayout: '#f3f5f9',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      siderBg: NAVY,
      headerHeight: 56,
      headerPadding: '0 20px',
      triggerBg: '#071636',
    },
    Menu: { darkItemBg: NAVY, darkSubMenuItemBg: NAVY, darkItemSelectedBg: POLICE_BLUE },
    Card: { headerFontSize: 16 },
    Table: { headerBg: '#f5f7fb' },
  },
};
