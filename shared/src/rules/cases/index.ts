export * from './working-days';
export * from './calendar';
export * from './clock';
export * from './transitions';
export * from './model';
export * from './dictionary';
