#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm install` through the `prepare` script, or `npm run build`).
let main;
try {
  main = require('../dist/cli/main.js').main;
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    console.error('motcua: chưa biên dịch (not built). Chạy `npm run build` rồi thử lại.');
    process.exit(2);
  }
  throw e;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error('motcua: lỗi không mong đợi (unexpected error):', e && e.message ? e.message : e);
    process.exit(1);
  },
);
