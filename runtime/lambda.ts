// placeholder until the lifecycle lands
export async function snapStart(): Promise<void> {}
