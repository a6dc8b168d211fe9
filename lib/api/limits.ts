// Request limits of the API, in a module with no server dependencies, so the OpenAPI document can state them.

/** JSON bodies are at most 1 MB (uploads have their own limits in lib/import/read.ts and lib/uploads). */
export const MAX_JSON_BYTES = 1024 * 1024;
