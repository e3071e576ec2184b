export * from './limits';
export * from './eligibility';
