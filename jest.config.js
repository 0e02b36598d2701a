/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // fastify's inject() pulls in cookie@2, which ships ES modules only; Node 20 requires it natively but
    // jest's module loader does not, so jest compiles that one package to CommonJS.
    '/node_modules/cookie/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  // The import of 1,251 national records and the CLI tests spawn processes: give them room.
  testTimeout: 60000,
};
