/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** Injected by config/index.ts through defineConstants. */
declare const API_BASE_URL: string;
declare const WECHAT_APP_ID: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
    TARO_APP_ID?: string;
  }
}
