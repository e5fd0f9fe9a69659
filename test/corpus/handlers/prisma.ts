// @prisma/client 7: the engine starts in $connect() or on the first query. Bundled with
// @prisma/client external: `prisma generate` needs the prisma CLI, whose engines download from
// outside the npm registry, so the generated client is not installed.
import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient(); // expect: none (@prisma/client/runtime/client.js: the constructor sets up the engine object; $connect() calls this._engine.start())
await prisma.$connect(); // expect: SR107 ($connect(){ return this._engine.start() }: connections open at init)

export const handler = async () => prisma.$queryRaw`select 1`; // expect: none (in the handler)
