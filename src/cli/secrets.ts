/**
 * The secrets a CLI run was given, for the last line of defence: every message printed on
 * stderr (and every internal error) goes through a redactor that knows them, whichever
 * module made the message.
 */
import { createRedactor, type Redactor, type Secrets } from '../io/redact.js';

/** Options whose values are URLs that may carry a password or secret parameters. */
const URL_OPTIONS = ['--store', '--prometheus', '--url', '--jenkins-build'];
/** Options whose values are secrets themselves. */
const SECRET_OPTIONS = ['--prometheus-token'];
/** Environment variables behind those options. */
const URL_ENV = ['PHASEGATE_STORE', 'JENKINS_URL'];
const SECRET_ENV = ['PHASEGATE_PROMETHEUS_TOKEN', 'JENKINS_TOKEN'];

/** The value of `--name V` or `--name=V` for each occurrence of `name` in `argv`. */
function valuesOf(argv: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    for (const n of names) {
      if (a === n && i + 1 < argv.length) out.push(argv[i + 1]!);
      else if (a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
    }
  });
  return out;
}

/** The secrets in a command line and its environment: store and Prometheus URLs, tokens. */
export function cliSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): Secrets {
  return {
    urls: [...valuesOf(argv, URL_OPTIONS), ...URL_ENV.map((k) => env[k])],
    values: [...valuesOf(argv, SECRET_OPTIONS), ...SECRET_ENV.map((k) => env[k])],
    basic: env.JENKINS_USER && env.JENKINS_TOKEN ? [{ username: env.JENKINS_USER, password: env.JENKINS_TOKEN }] : [],
  };
}

/** The redactor for a command line and its environment. */
export function cliRedactor(argv: readonly string[], env: NodeJS.ProcessEnv): Redactor {
  return createRedactor(cliSecrets(argv, env));
}
