export * from './credit-code';
export * from './phone';
export * from './password';
export * from './subscribe-message';
export * from './cursor';
export * from './cases';
export * from './text';
export * from './policies';
