// What the Taro build injects (config/index.ts defineConstants / TARO_ENV), for code under test.
process.env.TARO_ENV = process.env.TARO_ENV || 'h5';
(globalThis as unknown as { API_BASE_URL: string }).API_BASE_URL = '';
(globalThis as unknown as { WECHAT_APP_ID: string }).WECHAT_APP_ID = 'touristappid';
