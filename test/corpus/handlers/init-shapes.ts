// Code that runs at init behind shapes (issue 21): class fields, constructors and static blocks of
// classes made at load, instance and object methods called at init, memoised getters, promise
// callbacks, helpers that return clients, kept promises, and wrappers whose factory runs at init;
// each beside the same shape where it runs only in the handler or a hook closes it.
import mqtt from 'mqtt';
import { registerBeforeSnapshot } from 'snapshot-restore';
import { DataSource } from 'typeorm';

class Telemetry {
  readonly client = mqtt.connect(process.env.MQTT_URL ?? 'mqtt://broker.internal'); // expect: SR107 (a field of a class constructed at load below: mqtt client.js constructor connects)
}
export const telemetry = new Telemetry();

class PerRequest {
  readonly client = mqtt.connect(process.env.MQTT_URL ?? 'mqtt://broker.internal'); // expect: none (only the handler constructs this class)
}

class Catalog {
  static source = new DataSource({ type: 'postgres', host: process.env.CATALOG_HOST, database: 'catalog' }); // expect: none (typeorm: the constructor opens nothing)
  static ready: Promise<DataSource>;
  static {
    Catalog.ready = Catalog.source.initialize(); // expect: SR107 (a static block runs at load: initialize() → PostgresDriver connect() leaves a pooled connection open)
  }
}

class Orders {
  private source = new DataSource({ type: 'postgres', host: process.env.ORDERS_HOST, database: 'orders' }); // expect: none (constructor only)
  async open() {
    await this.source.initialize(); // expect: SR107 (open() is called at init below on the instance kept at load)
    return this;
  }
  close() {
    return this.source.destroy();
  }
}
const orders = new Orders();
await orders.open();

const reports = {
  source: new DataSource({ type: 'postgres', url: process.env.REPORTS_URL }), // expect: none (constructor only)
  async warm() {
    await reports.source.initialize(); // expect: none (closed before the snapshot by the hook below)
  },
};
await reports.warm();
registerBeforeSnapshot(() => reports.source.destroy());

let broker: mqtt.MqttClient | undefined;
function getBroker() {
  broker ??= mqtt.connect(process.env.BROKER_URL ?? 'mqtt://events.internal'); // expect: SR107 (getBroker() is called at init below: a memoised client made then)
  return broker;
}
getBroker();

function makeSource(url: string | undefined) {
  return new DataSource({ type: 'postgres', url }); // expect: none (constructor only)
}
export const audit = makeSource(process.env.AUDIT_URL);
const auditReady = audit.initialize(); // expect: SR107 (the promise is kept and awaited in the handler: initialize() runs at init)

Promise.resolve().then(async () => {
  const metrics = new DataSource({ type: 'postgres', host: process.env.METRICS_HOST }); // expect: none (constructor only)
  await metrics.initialize(); // expect: SR107 (a .then() callback of a promise made at init runs before the snapshot)
});

function withTracing<E, R>(fn: (event: E) => Promise<R>) {
  const exporter = mqtt.connect(process.env.TRACES_URL ?? 'mqtt://traces.internal'); // expect: SR107 (withTracing() runs at init, where the handler is exported)
  return async (event: E) => {
    const perCall = mqtt.connect(process.env.TRACES_URL ?? 'mqtt://traces.internal'); // expect: none (in the function withTracing returns: the handler)
    perCall.end();
    exporter.publish('t', 'invoke');
    return fn(event);
  };
}

export const handler = withTracing(async () => {
  await auditReady;
  const r = new PerRequest();
  r.client.end();
  return { t: telemetry.client.connected, b: getBroker().connected, c: await Catalog.ready, o: await orders.close() };
});
