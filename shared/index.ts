export * from './errors';
export * from './models';
export * from './contract';
export * from './schemas';
export * from './bucket-name';
export * from './keys';
export * from './transfers';
