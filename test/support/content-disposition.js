// @fastify/static requires content-disposition 3, which is an ES module: Node 20 loads it, jest's module
// loader cannot. Under jest, the CommonJS release (1.x, the same header) stands in for it, in both shapes.
const contentDisposition = require('../../node_modules/content-disposition/index.js');

module.exports = Object.assign((...args) => contentDisposition(...args), { create: contentDisposition, parse: contentDisposition.parse });
