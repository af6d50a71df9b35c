import { pino, type Logger } from 'pino';
import { config } from './config';

/** The process logger (pino, JSON lines). Child loggers name their component. */
export const logger: Logger = pino({ level: config().LOG_LEVEL, base: { pid: process.pid } });

export function componentLogger(component: string): Logger {
  return logger.child({ component });
}
