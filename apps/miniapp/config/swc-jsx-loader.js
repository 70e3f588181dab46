/**
 * Webpack pre-loader: turns TSX/JSX into plain ES2022 JavaScript with @swc/core
 * (React automatic runtime, `react/jsx-runtime`), before babel-loader runs babel-preset-taro.
 *
 * Why: babel-preset-taro with framework 'react' requires @babel/preset-react, which is not
 * installed in this workspace (it is only an optional peer). @swc/core is, so JSX is handled
 * here and babel.config.js runs babel-preset-taro without its React part. If @babel/preset-react
 * is ever added, babel.config.js switches back to the stock preset and this loader is not used.
 */
const { transform } = require('@swc/core');

module.exports = function swcJsxLoader(source, inputSourceMap) {
  const callback = this.async();
  const filename = this.resourcePath;
  const isTs = /\.tsx?$/.test(filename);
  transform(source, {
    filename,
    sourceMaps: this.sourceMap,
    inputSourceMap: inputSourceMap ? JSON.stringify(inputSourceMap) : undefined,
    swcrc: false,
    configFile: false,
    jsc: {
      parser: isTs ? { syntax: 'typescript', tsx: true } : { syntax: 'ecmascript', jsx: true },
      transform: { react: { runtime: 'automatic', development: false, useBuiltins: false } },
      target: 'es2022',
      preserveAllComments: false,
    },
    module: undefined,
    isModule: true,
  }).then(
    (out) => callback(null, out.code, out.map ? JSON.parse(out.map) : undefined),
    (err) => callback(err),
  );
};
