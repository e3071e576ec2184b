// Taro's preset for React + TypeScript. Under NODE_ENV=test it emits CommonJS for Jest.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: false }]],
};
