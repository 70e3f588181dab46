import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console-app';
import './console.css';
import './features/screen/screen.css';

dayjs.locale('zh-cn');

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c7000b' } }}>
      <AntApp>
        <ConsoleApp />
      </AntApp>
    </ConfigProvider>,
  );
}
