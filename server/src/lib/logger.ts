// A small stderr logger for the process lifecycle and the CLI (the HTTP layer logs through Fastify's pino).

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

export type Logger = {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
};

export function createLogger(level: LogLevel): Logger {
  const threshold = LEVELS[level];
  const write = (name: Exclude<LogLevel, 'silent'>, msg: string) => {
    if (LEVELS[name] < threshold) return;
    process.stderr.write(`${new Date().toISOString()} ${name.toUpperCase().padEnd(5)} ${msg}\n`);
  };
  return {
    debug: (msg) => write('debug', msg),
    info: (msg) => write('info', msg),
    warn: (msg) => write('warn', msg),
    error: (msg) => write('error', msg),
  };
}
