export * from './errors';
export * from './enums';
export * from './rules';
export * from './contracts';
export * from './pages';
