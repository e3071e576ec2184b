export * from './auth';
export * from './me';
export * from './admin';
export * from './validation';
export * from './notifications';
export * from './paging';
export * from './cases';
export * from './stats';
