class ConfigError extends Error { name = "ConfigError"; }
await Promise.reject(new ConfigError("no config"));
export const handler = async () => 1;
