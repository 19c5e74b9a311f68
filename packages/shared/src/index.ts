export * from "./roles.js";
export * from "./permissions.js";
export * from "./programme/index.js";
export * from "./api/errors.js";
export * from "./api/common.js";
export * from "./api/auth.js";
export * from "./api/spaces.js";
export * from "./api/admin.js";
