// sequelize 6: the constructor makes a lazy pool; authenticate() runs a query through it.
import { Sequelize } from 'sequelize';

export const sequelize = new Sequelize(process.env.DATABASE_URL!); // expect: none (sequelize/lib/sequelize.js: the dialect's connection manager creates a sequelize-pool whose resources are made on acquire)
await sequelize.authenticate(); // expect: SR107 (authenticate() runs SELECT 1+1 AS result: the connection returns to the pool, idle and open at the snapshot)

export const handler = async () => sequelize.query('select 1'); // expect: none (in the handler)
