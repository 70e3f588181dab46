import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * Taro build config, written by hand (`taro init` cannot download its templates here).
 *
 * - Output goes to dist/<platform> (dist/weapp, dist/h5).
 * - The shared workspace packages are compiled from source: webpack aliases point at their
 *   src/index.ts and `compile.include` lets babel-loader transpile them (Taro only compiles
 *   sourceRoot and taro packages by default).
 * - WECHAT_APP_ID (env) becomes the appid written into dist/weapp/project.config.json
 *   (Taro reads TARO_APP_ID for that); default is the dev tools' tourist appid.
 * - API_BASE_URL (env) is the API origin used by the weapp build; H5 is served by the API at its
 *   own origin and always calls relative `/api/...` URLs.
 */
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const packagesDir = path.join(repoRoot, 'packages');
const taroEnv = process.env.TARO_ENV ?? 'weapp';
const isH5 = taroEnv === 'h5';

const wechatAppId = process.env.WECHAT_APP_ID || process.env.TARO_APP_ID || 'touristappid';
process.env.TARO_APP_ID = wechatAppId;

const apiBaseUrl = isH5 ? '' : (process.env.API_BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

const alias = {
  '@sbd/contracts': path.join(packagesDir, 'contracts/src/index.ts'),
  '@sbd/domain': path.join(packagesDir, 'domain/src/index.ts'),
  // `@/…` is the app's src (tsconfig paths and jest moduleNameMapper say the same).
  '@': path.resolve(__dirname, '..', 'src'),
};

function hasPresetReact(): boolean {
  try {
    require.resolve('@babel/preset-react');
    return true;
  } catch {
    return false;
  }
}

/** The part of Taro's webpack-chain these helpers use. */
interface RuleLike {
  test(re: RegExp): RuleLike;
  enforce(when: 'pre' | 'post'): RuleLike;
  exclude: { add(re: RegExp): { end(): RuleLike } };
  use(name: string): { loader(path: string): { end(): unknown } };
}

interface ChainLike {
  module: { rule(name: string): RuleLike };
  optimization: { get(key: string): unknown; splitChunks(value: unknown): unknown };
  performance: { hints(value: false | 'warning' | 'error'): unknown };
}

/** See config/swc-jsx-loader.js: compiles JSX with @swc/core when @babel/preset-react is absent. */
function useSwcForJsx(chain: ChainLike): void {
  if (hasPresetReact()) return;
  // A 'pre' rule: runs before babel-loader (Taro's 'script' rule) on our own TSX/JSX only.
  chain.module
    .rule('swc-jsx')
    .test(/\.[jt]sx$/)
    .enforce('pre')
    .exclude.add(/node_modules/)
    .end()
    .use('swcJsx')
    .loader(path.join(__dirname, 'swc-jsx-loader.js'))
    .end();
}

/**
 * Taro splits H5 chunks for the initial entry only, so every lazily loaded page chunk carried its
 * own copy of the request layer, components and Taro APIs. Pull code used by two or more pages
 * into one shared async chunk (loaded with the first page, cached afterwards).
 */
function shareAsyncPageCode(chain: ChainLike): void {
  const split = chain.optimization.get('splitChunks') as { cacheGroups?: Record<string, unknown> } | undefined;
  if (!split || typeof split !== 'object') return;
  chain.optimization.splitChunks({
    ...split,
    cacheGroups: {
      ...(split.cacheGroups ?? {}),
      pageCommon: {
        name: 'page-common',
        chunks: 'async',
        minChunks: 2,
        priority: 5,
        reuseExistingChunk: true,
        enforce: true,
      },
    },
  });
}

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'shuangbaodao',
    date: '2025-11-22',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    plugins: [path.join(__dirname, 'plugin-weapp-a11y.js')],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl),
      WECHAT_APP_ID: JSON.stringify(wechatAppId),
    },
    alias,
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [packagesDir] },
      optimizeMainPackage: { enable: true },
      webpackChain(chain) {
        useSwcForJsx(chain);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      // Plain HTML implementations of View/Text/Input/Button/Image/Picker (lighter than the
      // default web components); the rest still come from @tarojs/components.
      useHtmlComponents: true,
      webpackChain(chain) {
        useSwcForJsx(chain);
        shareAsyncPageCode(chain);
        // Budgets are checked by scripts/size-report.mjs (gzip), not webpack's raw-size hint.
        chain.performance.hints(false);
      },
      compile: { include: [packagesDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
