export const cfg = { region: process.env.AWS_REGION };
