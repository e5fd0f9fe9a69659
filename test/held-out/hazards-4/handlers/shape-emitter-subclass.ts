// Shape: EventEmitter subclasses whose constructors arm timers, read the clock and connect, plus a listener that an
// 'ready' event emitted at init runs. Constructor and listener bodies run at init when instantiated/emitted at init.
// influx: getWriteApi() arms nothing; writePoint() arms the flush timer (dist/index.js scheduleSend); tedis: connects
// in the constructor.
import { EventEmitter, once } from 'node:events';
import { InfluxDB, Point } from '@influxdata/influxdb-client';
import { Tedis } from 'tedis';
import { registerBeforeSnapshot } from 'snapshot-restore';

class Heartbeat extends EventEmitter {
  readonly startedAt = performance.now(); // expect: SR105 (a field initialiser of an instance made at init: init's clock kept)
  private readonly timer: NodeJS.Timeout;
  constructor(everyMs: number) {
    super();
    this.timer = setInterval(() => this.emit('beat', performance.now() - this.startedAt), everyMs); // expect: SR106 (armed in the constructor of an instance made at init)
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

class MetricsBus extends EventEmitter {
  private readonly writer = new InfluxDB({ url: process.env.INFLUX_URL ?? 'http://influx.internal:8086', token: 'dev' }).getWriteApi('acme', 'bus', 'ms'); // expect: none (a write API: no timer yet)
  redis?: Tedis;
  constructor() {
    super();
    this.on('ready', () => {
      this.redis = new Tedis({ host: process.env.REDIS_HOST ?? 'bus.internal', port: 6379 }); // expect: SR107 (the listener runs when 'ready' is emitted at init)
      this.redis.on('error', () => {});
    });
    this.on('sample', (v: number) => {
      this.writer.writePoint(new Point('sample').floatField('v', v)); // expect: none (no 'sample' is emitted at init; the handler emits them)
    });
  }
}

class Drainer extends EventEmitter {
  private readonly timer = setInterval(() => this.emit('drain'), 5_000); // expect: none (the instance made at init is stopped before the snapshot)
  stop(): void {
    clearInterval(this.timer);
  }
}

const beat = new Heartbeat(30_000);
const bus = new MetricsBus();
bus.emit('ready');
const drainer = new Drainer();
registerBeforeSnapshot(() => drainer.stop());

const started = once(bus, 'ready'); // expect: none (waits for a later event: no value kept from init)

export const handler = async (event: { v: number }) => {
  bus.emit('sample', event.v);
  const up = await Promise.race([started, Promise.resolve('up')]);
  return { up, redis: !!bus.redis, b: beat.listenerCount('beat') };
};
