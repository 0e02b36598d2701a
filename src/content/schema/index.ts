export * from './common';
export * from './procedure';
export * from './center';
export * from './faq';
export * from './aliases';
export * from './fields';
export * from './messages';
