// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
//
// The stock setup is `framework: 'react'`, which makes babel-preset-taro require
// @babel/preset-react. That optional peer is not installed in this workspace, so when it is
// missing JSX is compiled by config/swc-jsx-loader.js (wired in config/index.ts) and the preset
// runs without its React part; everything else (preset-env, TypeScript, transform-runtime,
// Taro's definePageConfig removal, dynamic imports in mini-programs) is unchanged.
const hasPresetReact = (() => {
  try {
    require.resolve('@babel/preset-react');
    return true;
  } catch {
    return false;
  }
})();

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: hasPresetReact ? 'react' : 'react-via-swc',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
};
