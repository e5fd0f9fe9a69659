// pino and winston: loggers write to stdout; no socket, no timer at init.
import pino from 'pino';
import winston from 'winston';

export const logger = pino({ level: 'info', timestamp: pino.stdTimeFunctions.isoTime }); // expect: none (pino/lib/tools.js: the default destination is a synchronous SonicBoom on fd 1; timestamps are taken per log line)
export const wlogger = winston.createLogger({ format: winston.format.combine(winston.format.timestamp(), winston.format.json()), transports: [new winston.transports.Console()] }); // expect: none (the timestamp format runs per log entry; the Console transport writes to the process streams)
logger.info('cold start'); // expect: none (a log line at init is written and gone)

export const handler = async () => logger.info('invoke'); // expect: none (in the handler)
