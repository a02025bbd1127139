package io.phasegate.jenkins

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * Runs the phasegate CLI that ships inside this library (resources/io/phasegate/phasegate.mjs)
 * with the agent's Node.js: written into the workspace once per step, run with sh. The Node is
 * the option node (a path), else the Node.js tool named by the option nodejs, else node on the
 * PATH; it must be version 20 or later.
 */
class PhasegateCli implements Serializable {
  private static final long serialVersionUID = 1L

  /** Where the CLI is written, relative to the workspace. */
  static final String CLI_PATH = '.phasegate/cli/phasegate.mjs'
  /** The library resource holding the bundled CLI. */
  static final String RESOURCE = 'io/phasegate/phasegate.mjs'
  /** The least Node.js major version the CLI runs on. */
  static final int MIN_NODE_MAJOR = 20
  /** The report option asking for a CSP-safe page with its stylesheet in a file beside it. */
  static final String HTML_ASSETS_OPTION = '--html-assets'
  /** Its value: the stylesheet as a file. */
  static final String HTML_ASSETS_EXTERNAL = 'external'
  /** The stylesheet's name, beside the page. */
  static final String HTML_STYLESHEET = 'phasegate-report.css'

  private final def steps
  private final String stepName
  private String nodePath

  PhasegateCli(def steps, String stepName) {
    this.steps = steps
    this.stepName = stepName
  }

  /** Single-quotes s for sh: every ' becomes '\''. */
  @NonCPS
  static String quote(Object s) {
    return "'" + String.valueOf(s).replace("'", "'\\''") + "'"
  }

  /** The command line running the CLI with args, each quoted. */
  @NonCPS
  String command(List args) {
    StringBuilder b = new StringBuilder()
    b.append(quote(nodePath)).append(' ').append(quote(CLI_PATH))
    for (Object a : args) {
      b.append(' ').append(quote(a))
    }
    return b.toString()
  }

  /**
   * Refuses Windows agents, finds Node.js (checking its version) and writes the CLI into the
   * workspace. Calls error with one line when something is missing.
   */
  void prepare(Map options) {
    if (!steps.isUnix()) {
      steps.error("${stepName}: Windows agents are not supported yet; run this step on a Linux or macOS agent (sh)")
    }
    String candidate
    String origin
    if (options.node) {
      candidate = options.node
      origin = "option node: '${options.node}'"
    } else if (options.nodejs) {
      String home = steps.tool(name: options.nodejs, type: 'nodejs')
      candidate = home + '/bin/node'
      origin = "Node.js tool '${options.nodejs}' (${home})"
    } else {
      candidate = 'node'
      origin = 'the PATH'
    }
    String probe = "n=\$(command -v ${quote(candidate)} 2>/dev/null) || { echo none; exit 0; }; " +
      "printf '%s\\n' \"\$n\"; \"\$n\" -e 'process.stdout.write(process.versions.node)' || echo"
    String out = steps.sh(script: probe, returnStdout: true)
    Map found = parseProbe(out)
    if (found.path == null) {
      steps.error("${stepName}: no Node.js found (looked at ${origin}); phasegate needs Node.js ${MIN_NODE_MAJOR} or later on the agent: " +
        "give option node: '/path/to/bin/node', or option nodejs: 'NAME' of a NodeJS tool installation, or put node on the agent's PATH")
    }
    if (found.major == null || found.major < MIN_NODE_MAJOR) {
      String version = found.version ?: 'an unknown version'
      steps.error("${stepName}: phasegate needs Node.js ${MIN_NODE_MAJOR} or later on the agent; found ${version} at ${found.path}")
    }
    nodePath = found.path
    // Byte for byte, whatever the controller's and the agent's default charsets.
    steps.writeFile(file: CLI_PATH, text: steps.libraryResource(resource: RESOURCE, encoding: 'Base64'), encoding: 'Base64')
  }

  /** [path:, version:, major:] from the probe's output; path null when nothing was found. */
  @NonCPS
  static Map parseProbe(String out) {
    List<String> lines = []
    for (String l : (out ?: '').readLines()) {
      if (l.trim()) lines.add(l.trim())
    }
    if (lines.isEmpty() || lines[0] == 'none') return [path: null]
    String version = lines.size() > 1 ? lines[1] : null
    Integer major = null
    if (version != null) {
      def m = version =~ /^v?([0-9]+)\.[0-9]+/
      if (m.find()) major = Integer.parseInt(m.group(1))
    }
    return [path: lines[0], version: version, major: major]
  }

  /**
   * Removes files of the workspace (an output of an earlier build must not pass for this
   * one's), with the Node found: no other command is needed on the agent.
   */
  void remove(List files) {
    StringBuilder b = new StringBuilder()
    b.append(quote(nodePath)).append(' -e ').append(quote("for (const f of process.argv.slice(1)) require('node:fs').rmSync(f, { force: true })"))
    for (Object f : files) b.append(' ').append(quote(f))
    steps.sh(script: b.toString())
  }

  /** Runs the CLI with args; returns its exit code (its output goes to the build log). */
  int run(List args) {
    return steps.sh(script: command(args), returnStatus: true) as int
  }

  /** Runs the CLI with args; returns its standard output, or fails the step on a nonzero exit. */
  String output(List args) {
    return steps.sh(script: command(args), returnStdout: true)
  }

  /** Parses JSON text into maps and lists (serializable, unlike JsonSlurper's lazy maps). */
  @NonCPS
  static Object parseJson(String text) {
    return new JsonSlurperClassic().parseText(text)
  }

  /** Reads a JSON file of the workspace, or null when it does not exist. */
  Object readJson(String path) {
    if (!steps.fileExists(path)) return null
    return parseJson((String) steps.readFile(file: path, encoding: 'UTF-8'))
  }

  /** Appends the flag once per value (a repeatable option). */
  @NonCPS
  static void addEach(List args, String flag, Object values) {
    if (values == null) return
    if (values instanceof List) {
      for (Object v : (List) values) {
        args.add(flag)
        args.add(String.valueOf(v))
      }
    } else {
      args.add(flag)
      args.add(String.valueOf(values))
    }
  }

  /** Appends the flag and value when the value is given. */
  @NonCPS
  static void addOne(List args, String flag, Object value) {
    if (value != null) {
      args.add(flag)
      args.add(String.valueOf(value))
    }
  }

  /** The collect flags of options checked against Options.collectSpec(), in the CLI's order. */
  static void addCollect(List args, Map o) {
    addEach(args, '--junit', o.junit)
    addEach(args, '--coverage', o.coverage)
    addEach(args, '--sarif', o.sarif)
    addEach(args, '--docs', o.docs)
    addEach(args, '--perf', o.perf)
    addOne(args, '--perf-baseline', o.perfBaseline)
    addOne(args, '--source', o.source)
    addEach(args, '--include', o.include)
    addEach(args, '--exclude', o.exclude)
    addOne(args, '--base', o.base)
    addOne(args, '--facts', o.facts)
    if (o.allowEmpty) args.add('--allow-empty')
    addOne(args, '--test-retries', o.testRetries)
  }
}
