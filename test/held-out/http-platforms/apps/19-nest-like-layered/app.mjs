// A NestJS-shaped layered Express 5 app without Nest: a tiny container, services with
// onModuleInit / onApplicationShutdown-like methods, a lifecycle service bridging them to hooks.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { registerAfterRestore, registerBeforeSnapshot } from 'snapshot-restore';
import { expressHooks } from 'snapshot-restore/http';

const trace = [];
class ConfigService { constructor() { this.region = process.env.AWS_REGION ?? 'local'; } }
class PrismaService {
  constructor(config) { this.config = config; this.connected = false; this.clientId = null; }
  async onModuleInit() { this.connected = true; this.clientId = randomUUID(); }
  async beforeSnapshot() { this.connected = false; trace.push('PrismaService.beforeSnapshot'); }
  async afterRestore() { this.connected = true; this.clientId = randomUUID(); trace.push('PrismaService.afterRestore'); }
}
class UsersService {
  constructor(prisma) { this.prisma = prisma; this.cache = new Map(); }
  beforeSnapshot() { this.cache.clear(); trace.push('UsersService.beforeSnapshot'); }
  afterRestore() { trace.push('UsersService.afterRestore'); }
  find(id) { return { id, via: this.prisma.clientId }; }
}
class UsersController {
  constructor(users) { this.users = users; }
  mount(router) { router.get('/users/:id', (req, res) => res.json(this.users.find(req.params.id))); }
}
class AppModule {
  static async create() {
    const config = new ConfigService();
    const prisma = new PrismaService(config);
    const users = new UsersService(prisma);
    const providers = [prisma, users];
    for (const p of providers) await p.onModuleInit?.();
    for (const p of providers) {
      registerBeforeSnapshot(p.beforeSnapshot.bind(p));
      registerAfterRestore(p.afterRestore.bind(p));
    }
    return { prisma, users, controllers: [new UsersController(users)] };
  }
}
const mod = await AppModule.create();
const initId = mod.prisma.clientId;
const app = express();
app.use(expressHooks());
const router = express.Router();
mod.controllers.forEach((c) => c.mount(router));
app.use('/api', router);
app.get('/health', (_req, res) => res.json({ db: mod.prisma.connected }));
app.get('/', (_req, res) => res.json({ id: mod.prisma.clientId, initId, trace }));
app.get('/id', (_req, res) => res.json({ id: mod.prisma.clientId, initId, trace }));
app.listen(Number(process.env.PORT ?? 3000));
