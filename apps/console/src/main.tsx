import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console-app';
import './console.css';
import './features/screen/screen.css';

dayjs.locale('zh-cn');

/**
 * The 适老化 floor for every page: secondary text at ≥ 4.5:1 on white (antd's default greys are
 * about 3:1) and no text under 14 px.
 */
const THEME = {
  token: {
    colorPrimary: '#c7000b',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b',
    fontSizeSM: 14,
  },
};

/**
 * `virtual={false}`: with antd's virtual list, a Select's visible options carry aria-selected
 * without role="option" (rc-select keeps the roles on a hidden 0×0 copy of three options around
 * the active one), which axe reports as aria-allowed-attr. Without it the visible list is the
 * listbox and each item a role="option" with aria-selected; the console's lists are short.
 */
const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <ConfigProvider locale={zhCN} theme={THEME} virtual={false}>
      <AntApp>
        <ConsoleApp />
      </AntApp>
    </ConfigProvider>,
  );
}
