// placeholder, filled in by the lifecycle work
export {};
