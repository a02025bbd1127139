/*
 * Test harness of the Jenkins shared library (jenkins-plugin-bridge/): loads each vars/*.groovy
 * step into a binding of stubbed pipeline steps that record every call, runs it in a temporary
 * workspace against the REAL bundled CLI (sh really runs its command), and asserts the calls and
 * the build result. Also compiles every library file and examples/Jenkinsfile.
 *
 *   groovy test/jenkins/library/Harness.groovy [NODE_BINARY] [SCENARIO_NAME_SUBSTRING]
 *
 * Run from the repository root. NODE_BINARY (default: node on the PATH) is put first on the
 * PATH the stubbed sh sees. Prints "ok - NAME" or "not ok - NAME" per scenario and closes with
 * exactly "N passed, N failed"; exits 1 when any failed.
 */

import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer

import java.nio.file.Files
import java.nio.file.StandardCopyOption

/** What a step throws for the error step (Jenkins: hudson.AbortException). */
class PipelineError extends RuntimeException {
  PipelineError(String message) {
    super(message)
  }
}

/** currentBuild. */
class FakeBuild {
  String description
  String result = 'SUCCESS'

  String getCurrentResult() {
    return result
  }
}

/** One step run: the stubbed pipeline, every call, and what came of it. */
class StepRun {
  File ws
  String path
  boolean unix = true
  Map env = [:]
  FakeBuild currentBuild = new FakeBuild()
  List<Map> calls = []
  StringBuilder log = new StringBuilder()
  Closure inputHandler = { Map args -> throw new IllegalStateException('input was not expected') }
  Closure sleepHandler = { Map args -> }
  Map toolHomes = [:]
  Object returned
  Throwable thrown

  /** The recorded calls of one step, in order (each its arguments). */
  List<Object> called(String name) {
    return calls.findAll { it.name == name }.collect { it.args }
  }

  /** The recorded step names, in order. */
  List<String> names() {
    return calls.collect { it.name }
  }

  /** The sh scripts run, in order. */
  List<String> scripts() {
    return called('sh').collect { it instanceof Map ? it.script : it }
  }

  /** The only sh script containing needle. */
  String script(String needle) {
    List<String> found = scripts().findAll { it.contains(needle) }
    assert found.size() == 1: "expected one sh call containing ${needle}, got ${found}"
    return found[0]
  }

  /** The build result as Jenkins would show it: FAILURE when the step threw. */
  String getResult() {
    return thrown != null ? 'FAILURE' : currentBuild.result
  }

  File file(String rel) {
    return new File(ws, rel)
  }
}

class LibraryHarness {
  File root
  File lib
  String nodeBin
  /** A folder holding only a link named node to nodeBin: first on the PATH of sh. */
  File nodeDir
  /** The node the library finds on that PATH. */
  String node
  GroovyClassLoader loader
  CompilerConfiguration compilerConfig
  int passed = 0
  int failed = 0
  List<String> failures = []
  String filter

  LibraryHarness(File root, String nodeBin, String filter) {
    this.root = root
    this.lib = new File(root, 'jenkins-plugin-bridge')
    this.nodeBin = nodeBin
    this.filter = filter
    nodeDir = Files.createTempDirectory('phasegate-jenkins-node-').toFile()
    temporary << nodeDir
    Files.createSymbolicLink(new File(nodeDir, 'node').toPath(), new File(nodeBin).absoluteFile.toPath())
    node = new File(nodeDir, 'node').path
    compilerConfig = new CompilerConfiguration()
    ImportCustomizer imports = new ImportCustomizer()
    imports.addImports('org.jenkinsci.plugins.workflow.libs.Library')
    compilerConfig.addCompilationCustomizers(imports)
    loader = new GroovyClassLoader(LibraryHarness.classLoader, compilerConfig)
    loader.addClasspath(new File(root, 'test/jenkins/library/stubs').path)
    loader.addClasspath(new File(lib, 'src').path)
  }

  // ---- fakes of the pipeline plugins' classes (loaded from stubs/, as the library sees them)

  Class stub(String name) {
    return loader.loadClass(name)
  }

  void setActivePlugins(List<String> names) {
    stub('jenkins.model.Jenkins').activePlugins = new HashSet<String>(names)
  }

  Throwable interruption(Object cause) {
    return (Throwable) stub('org.jenkinsci.plugins.workflow.steps.FlowInterruptedException').newInstance([[cause]] as Object[])
  }

  Throwable rejected(String by) {
    return interruption(stub('org.jenkinsci.plugins.workflow.support.steps.input.Rejection').newInstance(by))
  }

  Throwable timedOut() {
    stub('org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution')  // compiles its nested classes
    return interruption(stub('org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution$ExceededTimeout').newInstance())
  }

  Throwable aborted() {
    stub('jenkins.model.CauseOfInterruption')
    return interruption(stub('jenkins.model.CauseOfInterruption$UserInterruption').newInstance())
  }

  // ---- workspaces

  /** Every temporary folder made, removed at the end (kept with PHASEGATE_KEEP_WORKSPACES=1). */
  List<File> temporary = []

  File workspace(String name, List<String> fixtures) {
    File ws = Files.createTempDirectory("phasegate-jenkins-${name.replaceAll(/[^A-Za-z0-9]+/, '-')}-").toFile()
    temporary << ws
    for (String f : fixtures) copy(new File(root, "test/jenkins/library/fixtures/${f}"), new File(ws, f))
    return ws
  }

  /** Removes a folder tree without following symbolic links (the node links point outside). */
  static void remove(File dir) {
    if (!dir.exists()) return
    Files.walkFileTree(dir.toPath(), new java.nio.file.SimpleFileVisitor<java.nio.file.Path>() {
      java.nio.file.FileVisitResult visitFile(java.nio.file.Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
        Files.delete(file)
        return java.nio.file.FileVisitResult.CONTINUE
      }

      java.nio.file.FileVisitResult postVisitDirectory(java.nio.file.Path d, IOException e) {
        Files.delete(d)
        return java.nio.file.FileVisitResult.CONTINUE
      }
    })
  }

  static void copy(File from, File to) {
    to.parentFile.mkdirs()
    Files.copy(from.toPath(), to.toPath(), StandardCopyOption.REPLACE_EXISTING)
  }

  File canary(String name) {
    return new File(root, "test/fixtures/release/canary/${name}")
  }

  /** A StepRun whose sh finds nodeBin first on the PATH. */
  StepRun newRun(File ws) {
    StepRun run = new StepRun(ws: ws)
    run.path = nodeDir.path + ':' + System.getenv('PATH')
    run.env = [JOB_NAME: 'shop/main', BUILD_NUMBER: '42', GIT_COMMIT: 'abc123', BRANCH_NAME: 'main']
    return run
  }

  Binding binding(StepRun run) {
    Binding b = new Binding()
    Closure record = { String name, Object args -> run.calls << [name: name, args: args] }
    b.setVariable('env', run.env)
    b.setVariable('currentBuild', run.currentBuild)
    b.setVariable('sh', { Object arg ->
      Map m = arg instanceof Map ? (Map) arg : [script: arg]
      record('sh', arg)
      return sh(run, m)
    })
    b.setVariable('echo', { Object msg -> record('echo', String.valueOf(msg)); run.log << "${msg}\n" })
    b.setVariable('error', { Object msg ->
      record('error', String.valueOf(msg))
      throw new PipelineError(String.valueOf(msg))
    })
    b.setVariable('unstable', { Object msg ->
      record('unstable', String.valueOf(msg))
      if (run.currentBuild.result == 'SUCCESS') run.currentBuild.result = 'UNSTABLE'
    })
    b.setVariable('isUnix', { -> record('isUnix', null); return run.unix })
    b.setVariable('tool', { Map args ->
      record('tool', args)
      String home = run.toolHomes[args.name]
      if (home == null) throw new PipelineError("No tool named ${args.name} found")
      return home
    })
    b.setVariable('libraryResource', { Object arg ->
      Map m = arg instanceof Map ? (Map) arg : [resource: arg]
      record('libraryResource', m)
      byte[] bytes = new File(lib, "resources/${m.resource}").bytes
      return m.encoding == 'Base64' ? bytes.encodeBase64().toString() : new String(bytes, (String) (m.encoding ?: 'UTF-8'))
    })
    b.setVariable('writeFile', { Map args ->
      // The CLI is 1.7 MB: record how long the text was, not all of it.
      String text = String.valueOf(args.text)
      record('writeFile', [file: args.file, encoding: args.encoding, length: text.length()])
      File f = new File(run.ws, String.valueOf(args.file))
      f.parentFile.mkdirs()
      f.bytes = args.encoding == 'Base64' ? text.decodeBase64() : text.getBytes((String) (args.encoding ?: 'UTF-8'))
    })
    b.setVariable('readFile', { Object arg ->
      Map m = arg instanceof Map ? (Map) arg : [file: arg]
      record('readFile', m)
      return new File(run.ws, String.valueOf(m.file)).getText('UTF-8')
    })
    b.setVariable('fileExists', { Object path -> record('fileExists', String.valueOf(path)); return new File(run.ws, String.valueOf(path)).exists() })
    b.setVariable('junit', { Map args -> record('junit', args) })
    b.setVariable('sarif', { Map args -> record('sarif', args); return [tool: 'sarif'] + args })
    b.setVariable('recordIssues', { Map args -> record('recordIssues', args) })
    b.setVariable('publishChecks', { Map args -> record('publishChecks', args) })
    b.setVariable('publishHTML', { Map args -> record('publishHTML', args) })
    b.setVariable('archiveArtifacts', { Map args -> record('archiveArtifacts', args) })
    b.setVariable('input', { Map args -> record('input', args); return run.inputHandler.call(args) })
    b.setVariable('timeout', { Map args, Closure body -> record('timeout', args); return body.call() })
    b.setVariable('sleep', { Map args -> record('sleep', args); run.sleepHandler.call(args) })
    return b
  }

  /** The stubbed sh: really runs the script with sh -c in the workspace. */
  static Object sh(StepRun run, Map m) {
    ProcessBuilder pb = new ProcessBuilder('/bin/sh', '-c', String.valueOf(m.script)).directory(run.ws)
    Map<String, String> penv = pb.environment()
    for (String k : new ArrayList<String>(penv.keySet())) {
      if (k.startsWith('PHASEGATE_')) penv.remove(k)
    }
    penv.put('PATH', run.path)
    penv.put('NO_COLOR', '1')
    Process p = pb.start()
    StringBuffer out = new StringBuffer()
    StringBuffer err = new StringBuffer()
    p.waitForProcessOutput(out, err)
    int rc = p.exitValue()
    run.log << "+ ${m.script}\n"
    if (!m.returnStdout) run.log << out
    run.log << err
    if (m.returnStatus) return rc
    if (rc != 0) throw new PipelineError("script returned exit code ${rc}")
    return m.returnStdout ? out.toString() : null
  }

  /** Loads vars/NAME.groovy into a fresh binding and calls it with config. */
  StepRun step(String name, Map config, StepRun run) {
    Script script = new GroovyShell(loader, binding(run), compilerConfig).parse(new File(lib, "vars/${name}.groovy"))
    try {
      run.returned = script.invokeMethod('call', [config] as Object[])
    } catch (Throwable t) {
      run.thrown = t
    }
    return run
  }

  StepRun step(String name, Map config, File ws, Closure setup = null) {
    StepRun run = newRun(ws)
    if (setup != null) setup.call(run)
    return step(name, config, run)
  }

  // ---- scenarios

  void scenario(String name, Closure body) {
    if (filter && !name.contains(filter)) return
    activePlugins = []
    try {
      body.call()
      passed++
      println "ok - ${name}"
    } catch (Throwable t) {
      failed++
      failures << name
      println "not ok - ${name}"
      String text = (t instanceof AssertionError) ? t.message : t.toString()
      println text.readLines().collect { '    ' + it }.join('\n')
      if (!(t instanceof AssertionError)) {
        t.stackTrace.findAll { it.fileName?.endsWith('.groovy') }.take(6).each { println "    at ${it}" }
      }
    }
  }

  /** The step failed with exactly this error message, set through the error step. */
  static void failedWith(StepRun run, String message) {
    assert run.thrown instanceof PipelineError: "expected error(${message}), got ${run.thrown}\n${run.log}"
    assert run.thrown.message == message
    assert run.called('error') == [message]
    assert run.result == 'FAILURE'
  }

  /** The step ended without an error (returned). */
  static void succeeded(StepRun run) {
    assert run.thrown == null: "the step threw ${run.thrown}\n--- log\n${run.log}"
  }

  /** Nothing ran: the options were refused before any sh, writeFile or publishing. */
  static void refusedUpFront(StepRun run, String message) {
    failedWith(run, message)
    assert run.names() == ['error']
  }

  /** The command line the library runs the CLI with, each argument single-quoted. */
  String cli(List args) {
    return "'${node}' '.phasegate/cli/phasegate.mjs' " + args.collect { "'${it}'" }.join(' ')
  }
}

// ==== the scenarios ===========================================================================

File root = new File('.').canonicalFile
String nodeArg = args.length > 0 && args[0] ? args[0] : null
if (nodeArg == null) {
  Process which = new ProcessBuilder('/bin/sh', '-c', 'command -v node').start()
  nodeArg = which.text.trim()
}
LibraryHarness h = new LibraryHarness(root, nodeArg, args.length > 1 ? args[1] : null)
println "Groovy ${GroovySystem.version}, node ${['sh', '-c', "'${h.node}' --version"].execute().text.trim()} (${nodeArg})"

/** The publishing and result steps, in order. */
List outcomeSteps = ['junit', 'sarif', 'recordIssues', 'publishChecks', 'publishHTML', 'archiveArtifacts', 'unstable', 'error', 'input', 'timeout', 'sleep']
Closure outcomes = { StepRun run -> run.names().findAll { outcomeSteps.contains(it) } }

String gateOut = 'phasegate-out/testing/phasegate-testing'
Closure gateCommand = { List inputs ->
  h.cli(['gate', '--phase', 'testing', '--policy', 'gate-policy.yaml'] + inputs + ['--format', 'text',
    '--output', "json=${gateOut}.json", '--output', "junit=${gateOut}-junit.xml",
    '--output', "sarif=${gateOut}.sarif", '--output', "markdown=${gateOut}.md"])
}
String rmPrefix = "'${h.node}' -e 'for (const f of process.argv.slice(1)) require('\\''node:fs'\\'').rmSync(f, { force: true })' "
String probe = "n=\$(command -v 'node' 2>/dev/null) || { echo none; exit 0; }; printf '%s\\n' \"\$n\"; \"\$n\" -e 'process.stdout.write(process.versions.node)' || echo"
String rmGate = rmPrefix + "'${gateOut}.json' '${gateOut}-junit.xml' '${gateOut}.sarif' '${gateOut}.md'"
List gateFixtures = ['gate-policy.yaml', 'junit-pass.xml', 'junit-warn.xml', 'junit-fail.xml']
Map junitCall = [testResults: "${gateOut}-junit.xml".toString(), skipMarkingBuildUnstable: true, allowEmptyResults: false]

h.scenario('compile: every vars/*.groovy, src/**/*.groovy and examples/Jenkinsfile compile under Groovy 2.4') {
  assert GroovySystem.version.startsWith('2.4.')
  List<File> files = []
  new File(h.lib, 'vars').eachFileMatch(~/.*\.groovy/) { files << it }
  new File(h.lib, 'src').eachFileRecurse { if (it.name.endsWith('.groovy')) files << it }
  assert files*.name.containsAll(['phaseGate.groovy', 'collectMetrics.groovy', 'healthReport.groovy', 'grayReleaseGate.groovy',
    'Options.groovy', 'PhasegateCli.groovy', 'Plugins.groovy', 'Publisher.groovy', 'GateResult.groovy', 'ReleaseDecision.groovy'])
  // As groovyc would: all of them in one compilation unit, with only the stubs besides.
  CompilerConfiguration cc = new CompilerConfiguration()
  cc.targetDirectory = Files.createTempDirectory('phasegate-jenkins-classes-').toFile()
  h.temporary << cc.targetDirectory
  ImportCustomizer imports = new ImportCustomizer()
  imports.addImports('org.jenkinsci.plugins.workflow.libs.Library')
  cc.addCompilationCustomizers(imports)
  GroovyClassLoader stubsOnly = new GroovyClassLoader(LibraryHarness.classLoader, cc)
  stubsOnly.addClasspath(new File(root, 'test/jenkins/library/stubs').path)
  org.codehaus.groovy.control.CompilationUnit unit = new org.codehaus.groovy.control.CompilationUnit(cc, null, stubsOnly)
  files.each { unit.addSource(it) }
  unit.addSource('Jenkinsfile.groovy', new File(root, 'examples/Jenkinsfile').getText('UTF-8'))
  String problems = null
  try {
    unit.compile()
  } catch (org.codehaus.groovy.control.MultipleCompilationErrorsException e) {
    problems = e.message
  }
  assert problems == null
  List<String> classes = []
  cc.targetDirectory.eachFileRecurse { if (it.name.endsWith('.class')) classes << it.name }
  assert classes.containsAll(['phaseGate.class', 'grayReleaseGate.class', 'Jenkinsfile.class', 'PhasegateCli.class'])
  // Where jenkins.model.Jenkins does not exist, no optional plugin is active (and nothing throws).
  URLClassLoader bare = new URLClassLoader([cc.targetDirectory.toURI().toURL()] as URL[], LibraryHarness.classLoader)
  assert bare.loadClass('io.phasegate.jenkins.Plugins').active('checks-api') == false
  h.activePlugins = ['checks-api']
  assert h.loader.loadClass('io.phasegate.jenkins.Plugins').active('checks-api') == true
  assert h.loader.loadClass('io.phasegate.jenkins.Plugins').active('htmlpublisher') == false
  // Each step has its help beside it.
  for (String s : ['phaseGate', 'collectMetrics', 'healthReport', 'grayReleaseGate']) {
    assert new File(h.lib, "vars/${s}.txt").text.contains(s)
  }
}

h.scenario('phaseGate pass: one gate run writes all four formats, JUnit published, stage stays SUCCESS') {
  StepRun run = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: 'junit-pass.xml'], h.workspace('pass', gateFixtures))
  LibraryHarness.succeeded(run)
  assert run.scripts() == [probe, rmGate, gateCommand(['--junit', 'junit-pass.xml'])]
  byte[] bundle = new File(h.lib, 'resources/io/phasegate/phasegate.mjs').bytes
  assert run.called('libraryResource') == [[resource: 'io/phasegate/phasegate.mjs', encoding: 'Base64']]
  assert run.called('writeFile') == [[file: '.phasegate/cli/phasegate.mjs', encoding: 'Base64', length: bundle.encodeBase64().toString().length()]]
  assert run.file('.phasegate/cli/phasegate.mjs').bytes == bundle
  assert outcomes(run) == ['junit']
  assert run.called('junit') == [junitCall]
  assert run.result == 'SUCCESS'
  assert run.currentBuild.description == 'testing: pass'
  assert run.returned.status == 'pass' && run.returned.exitCode == 0
  for (String ext : ['.json', '-junit.xml', '.sarif', '.md']) assert run.file(gateOut + ext).exists()
  assert run.called('echo') == ['phaseGate: the testing gate passed']
}

h.scenario('phaseGate pass with warnings-ng and checks-api: SARIF recorded and a SUCCESS check with the Markdown') {
  StepRun run = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: 'junit-pass.xml'], h.workspace('pass-plugins', gateFixtures)) {
    h.activePlugins = ['warnings-ng', 'checks-api']
  }
  LibraryHarness.succeeded(run)
  assert outcomes(run) == ['junit', 'sarif', 'recordIssues', 'publishChecks']
  Map tool = [pattern: "${gateOut}.sarif".toString(), id: 'phasegate-testing', name: 'phasegate testing gate']
  assert run.called('sarif') == [tool]
  assert run.called('recordIssues') == [[tools: [[tool: 'sarif'] + tool]]]
  Map check = run.called('publishChecks')[0]
  assert check == [name: 'phasegate testing', title: 'testing gate: pass', summary: run.file("${gateOut}.md").text, conclusion: 'SUCCESS']
  assert check.summary.contains('testing gate passed')
}

h.scenario('phaseGate warn: the stage is UNSTABLE through unstable(), naming the warning rule') {
  StepRun run = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: 'junit-warn.xml', checksName: 'gate'], h.workspace('warn', gateFixtures)) {
    h.activePlugins = ['checks-api']
  }
  LibraryHarness.succeeded(run)
  assert outcomes(run) == ['junit', 'publishChecks', 'unstable']
  assert run.called('unstable') == ['phaseGate: the testing gate passed with warnings: tests-total: tests.total is 2; the policy requires >= 3']
  assert run.called('publishChecks')[0].subMap(['name', 'title', 'conclusion']) == [name: 'gate', title: 'testing gate: warn', conclusion: 'NEUTRAL']
  assert run.result == 'UNSTABLE'
  assert run.currentBuild.description == 'testing: warn'
  assert run.returned.status == 'warn'
}

h.scenario('phaseGate fail: published first, then error() with the failing rule; FAILURE') {
  StepRun run = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: ['junit-fail.xml']], h.workspace('fail', gateFixtures)) {
    h.activePlugins = ['checks-api']
    it.currentBuild.description = 'design: pass'
  }
  LibraryHarness.failedWith(run, 'phaseGate: the testing gate failed: tests-failed: tests.failed is 1; the policy requires == 0')
  assert outcomes(run) == ['junit', 'publishChecks', 'error']
  assert run.called('junit') == [junitCall]
  assert run.called('publishChecks')[0].conclusion == 'FAILURE'
  assert run.currentBuild.description == 'design: pass, testing: fail'
  assert run.file("${gateOut}-junit.xml").text.contains('tests-failed')
}

h.scenario("phaseGate fail with onFail: 'UNSTABLE': unstable() instead of error()") {
  StepRun run = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: 'junit-fail.xml', onFail: 'UNSTABLE'], h.workspace('fail-unstable', gateFixtures))
  LibraryHarness.succeeded(run)
  assert outcomes(run) == ['junit', 'unstable']
  assert run.called('unstable') == ['phaseGate: the testing gate failed: tests-failed: tests.failed is 1; the policy requires == 0']
  assert run.result == 'UNSTABLE'
  assert run.returned.status == 'fail' && run.returned.exitCode == 1
}

h.scenario('phaseGate could not evaluate (exit 2, a stale verdict removed first): error() even with onFail UNSTABLE') {
  File ws = h.workspace('error', gateFixtures)
  // A passing verdict left by an earlier build must not count for this one.
  LibraryHarness.copy(new File(ws, 'gate-policy.yaml'), new File(ws, "${gateOut}.json"))
  new File(ws, "${gateOut}.json").text = '{"status":"pass","rules":[]}'
  StepRun run = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: 'missing/*.xml', onFail: 'UNSTABLE'], ws)
  LibraryHarness.failedWith(run, 'phaseGate: the testing gate could not be evaluated (phasegate exit 2, no verdict written); the reason is in the log above')
  assert outcomes(run) == ['error']
  assert run.log.toString().contains('--junit missing/*.xml: no file matches')
  assert run.currentBuild.description == 'testing: error'
}

h.scenario('phaseGate bad options: unknown (did you mean), missing, wrong value and type, all before anything runs') {
  File ws = h.workspace('options', gateFixtures)
  LibraryHarness.refusedUpFront(h.step('phaseGate', [phase: 'test', tier: 'operational'], ws),
    "phaseGate: option 'phase' must be one of requirements, design, implementation, testing, release; got 'test' (did you mean 'testing'?)")
  LibraryHarness.refusedUpFront(h.step('phaseGate', [phse: 'testing', tier: 'operational'], ws),
    "phaseGate: unknown option 'phse'; did you mean 'phase'? (options: allowEmpty, base, checksName, coverage, defects, docs, evidence, exclude, facts, failOnWarn, include, junit, node, nodejs, now, onFail, outDir, perf, perfBaseline, phase, plan, policy, project, sarif, source, store, testRetries, tier)")
  LibraryHarness.refusedUpFront(h.step('phaseGate', [tier: 'operational'], ws),
    "phaseGate: option 'phase' is required: one of requirements, design, implementation, testing, release")
  LibraryHarness.refusedUpFront(h.step('phaseGate', [phase: 'testing'], ws),
    "phaseGate: give option 'tier' (one of strategic, operational, innovation) or 'policy' (a non-empty string)")
  LibraryHarness.refusedUpFront(h.step('phaseGate', [phase: 'testing', tier: 'operational', allowEmpty: 'yes'], ws),
    "phaseGate: option 'allowEmpty' must be true or false; got 'yes'")
  LibraryHarness.refusedUpFront(h.step('phaseGate', [phase: 'testing', tier: 'operational', junit: [1, 2]], ws),
    "phaseGate: option 'junit' must be a string or a list of strings (e.g. 'reports/*.xml' or ['a/*.xml', 'b/*.xml']); got [1, 2] (ArrayList)")
  LibraryHarness.refusedUpFront(h.step('phaseGate', [phase: 'testing', tier: 'operational', onFail: 'unstable'], ws),
    "phaseGate: option 'onFail' must be one of FAILURE, UNSTABLE; got 'unstable' (did you mean 'UNSTABLE'?)")
}

// ---- Node

h.scenario('Node: none on the PATH -> one error naming the three ways to give one') {
  StepRun run = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: 'junit-pass.xml'], h.workspace('no-node', gateFixtures)) {
    it.path = '/nonexistent'
  }
  LibraryHarness.failedWith(run, "phaseGate: no Node.js found (looked at the PATH); phasegate needs Node.js 20 or later on the agent: give option node: '/path/to/bin/node', or option nodejs: 'NAME' of a NodeJS tool installation, or put node on the agent's PATH")
  assert run.scripts() == [probe]
  assert run.called('writeFile') == []
}

h.scenario('Node: an old node (18.19.0) first on the PATH -> needs Node.js 20, found 18.19.0 at its path') {
  File ws = h.workspace('old-node', gateFixtures)
  File fake = new File(ws, 'oldbin/node')
  fake.parentFile.mkdirs()
  fake.text = '#!/bin/sh\nprintf 18.19.0\n'
  fake.setExecutable(true)
  StepRun run = h.step('collectMetrics', [junit: 'junit-pass.xml'], ws) {
    it.path = new File(ws, 'oldbin').path + ':' + System.getenv('PATH')
  }
  LibraryHarness.failedWith(run, "collectMetrics: phasegate needs Node.js 20 or later on the agent; found 18.19.0 at ${fake.path}")
}

h.scenario("Node: option node names the binary; option nodejs goes through tool(type: 'nodejs'); a missing node path is refused") {
  File ws = h.workspace('node-options', gateFixtures)
  File home = new File(ws, 'tools/node20')
  new File(home, 'bin').mkdirs()
  Files.createSymbolicLink(new File(home, 'bin/node').toPath(), new File(h.nodeBin).absoluteFile.toPath())

  StepRun byPath = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: 'junit-pass.xml', node: "${home}/bin/node"], ws) {
    it.path = '/nonexistent'
  }
  LibraryHarness.succeeded(byPath)
  assert byPath.scripts()[2].startsWith("'${home}/bin/node' '.phasegate/cli/phasegate.mjs' 'gate'")

  StepRun byTool = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: 'junit-pass.xml', nodejs: 'node20'], ws) {
    it.path = '/nonexistent'
    it.toolHomes = [node20: home.path]
  }
  LibraryHarness.succeeded(byTool)
  assert byTool.called('tool') == [[name: 'node20', type: 'nodejs']]
  assert byTool.scripts()[0].startsWith("n=\$(command -v '${home}/bin/node' ")
  assert byTool.scripts()[2].startsWith("'${home}/bin/node' '.phasegate/cli/phasegate.mjs' 'gate'")

  StepRun missing = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', node: '/opt/no/node'], ws)
  LibraryHarness.failedWith(missing, "phaseGate: no Node.js found (looked at option node: '/opt/no/node'); phasegate needs Node.js 20 or later on the agent: give option node: '/path/to/bin/node', or option nodejs: 'NAME' of a NodeJS tool installation, or put node on the agent's PATH")
}

h.scenario('Windows agent: refused in one line before anything runs') {
  StepRun run = h.step('healthReport', [project: 'shop'], h.workspace('windows', [])) { it.unix = false }
  LibraryHarness.failedWith(run, 'healthReport: Windows agents are not supported yet; run this step on a Linux or macOS agent (sh)')
  assert run.names() == ['isUnix', 'error']
}

h.scenario("Quoting: an argument with a ' and spaces reaches the CLI intact") {
  File ws = h.workspace('quoting', gateFixtures)
  LibraryHarness.copy(new File(ws, 'junit-pass.xml'), new File(ws, "it's a report.xml"))
  StepRun run = h.step('phaseGate', [phase: 'testing', policy: 'gate-policy.yaml', junit: "it's a report.xml"], ws)
  LibraryHarness.succeeded(run)
  assert run.scripts()[2].contains("'--junit' 'it'\\''s a report.xml'")
  assert run.returned.status == 'pass'
}

// ---- collectMetrics and healthReport

List collectFixtures = ['junit-pass.xml']
Closure collectInto = { File ws ->
  LibraryHarness.copy(new File(root, 'examples/acme-payments/reports/junit.xml'), new File(ws, 'reports/junit.xml'))
  LibraryHarness.copy(new File(root, 'examples/acme-payments/reports/lcov.info'), new File(ws, 'reports/lcov.info'))
  LibraryHarness.copy(new File(root, 'examples/acme-payments/reports/eslint.sarif'), new File(ws, 'reports/eslint.sarif'))
}

h.scenario('collectMetrics with project: collect, archive, record run with the job facts and PHASEGATE_STORE; returns the path and metrics') {
  File ws = h.workspace('collect', collectFixtures)
  collectInto(ws)
  StepRun run = h.step('collectMetrics', [junit: 'reports/junit.xml', coverage: 'reports/lcov.info', sarif: 'reports/eslint.sarif', project: 'shop'], ws) {
    it.env.PHASEGATE_STORE = 'file:hist'
  }
  LibraryHarness.succeeded(run)
  assert run.scripts() == [probe,
    h.cli(['collect', '--junit', 'reports/junit.xml', '--coverage', 'reports/lcov.info', '--sarif', 'reports/eslint.sarif', '--out', 'phasegate-evidence.json']),
    h.cli(['record', 'run', '--project', 'shop', '--pipeline', 'shop/main', '--build', '42', '--commit', 'abc123', '--branch', 'main', '--store', 'file:hist', '--evidence', 'phasegate-evidence.json'])]
  assert run.called('archiveArtifacts') == [[artifacts: 'phasegate-evidence.json', fingerprint: true]]
  Map bundle = new groovy.json.JsonSlurper().parse(run.file('phasegate-evidence.json'))
  assert run.returned == [evidence: 'phasegate-evidence.json', metrics: bundle.metrics, recorded: true]
  assert run.returned.metrics['tests.total'] > 0 && run.returned.metrics.containsKey('coverage.line')
  // The run really is in the store.
  List<File> stored = []
  run.file('hist').eachFileRecurse { if (it.isFile()) stored << it }
  assert stored.any { it.text.contains('shop/main') && it.text.contains('"42"') }
}

h.scenario('collectMetrics without project: no record; GIT_BRANCH used when BRANCH_NAME is unset; an unreadable report is an error') {
  File ws = h.workspace('collect-plain', collectFixtures)
  StepRun run = h.step('collectMetrics', [junit: 'junit-pass.xml', out: 'ev.json', archive: false], ws)
  LibraryHarness.succeeded(run)
  assert run.scripts().size() == 2 && !run.scripts().any { it.contains("'record'") }
  assert run.called('archiveArtifacts') == []
  assert run.returned.recorded == false && run.returned.metrics['tests.total'] == 3

  StepRun branch = h.step('collectMetrics', [junit: 'junit-pass.xml', project: 'shop', store: 'file:h2', archive: false], ws) {
    it.env.remove('BRANCH_NAME')
    it.env.GIT_BRANCH = 'origin/release'
  }
  LibraryHarness.succeeded(branch)
  assert branch.script("'record'").contains("'--branch' 'origin/release' '--store' 'file:h2'")

  StepRun bad = h.step('collectMetrics', [junit: 'nothing/*.xml'], ws)
  LibraryHarness.failedWith(bad, 'collectMetrics: phasegate collect could not read the reports (exit 2); the reason is in the log above')
}

h.scenario('collectMetrics and healthReport bad options') {
  File ws = h.workspace('collect-options', [])
  LibraryHarness.refusedUpFront(h.step('collectMetrics', [junitt: 'a.xml'], ws),
    "collectMetrics: unknown option 'junitt'; did you mean 'junit'? (options: allowEmpty, archive, base, branch, build, commit, coverage, docs, exclude, facts, include, junit, node, nodejs, out, perf, perfBaseline, pipeline, policy, project, sarif, source, store, testRetries, verdicts)")
  LibraryHarness.refusedUpFront(h.step('collectMetrics', [archive: 'no'], ws), "collectMetrics: option 'archive' must be true or false; got 'no'")
  LibraryHarness.refusedUpFront(h.step('healthReport', [:], ws), "healthReport: option 'project' is required: a non-empty string")
  LibraryHarness.refusedUpFront(h.step('healthReport', [project: 'shop', markdownFor: 'pr'], ws),
    "healthReport: option 'markdownFor' must be one of job-summary, check-run, comment; got 'pr'")
}

Closure recordedRun = { String name ->
  File ws = h.workspace(name, collectFixtures)
  collectInto(ws)
  StepRun collected = h.step('collectMetrics', [junit: 'reports/junit.xml', coverage: 'reports/lcov.info', project: 'shop', archive: false], ws)
  LibraryHarness.succeeded(collected)
  return ws
}
h.scenario('healthReport with htmlpublisher and checks-api: a CSP-safe HTML page (its stylesheet beside it) in a folder, Markdown check') {
  File ws = recordedRun('report')
  StepRun run = h.step('healthReport', [project: 'shop', evidence: 'phasegate-evidence.json'], ws) {
    h.activePlugins = ['htmlpublisher', 'checks-api']
  }
  LibraryHarness.succeeded(run)
  List base = ['report', '--project', 'shop', '--evidence', 'phasegate-evidence.json', '--pipeline', 'shop/main', '--build', '42']
  assert run.scripts()[1] == h.cli(base + ['--format', 'html', '--out', 'phasegate-report/index.html', '--html-assets', 'external'])
  assert run.scripts()[2] == h.cli(base + ['--format', 'md', '--markdown-for', 'check-run', '--out', 'phasegate-report/phasegate-health.md'])
  assert outcomes(run) == ['publishHTML', 'publishChecks']
  assert run.called('publishHTML') == [[target: [reportDir: 'phasegate-report', reportFiles: 'index.html', reportName: 'phasegate health',
    keepAll: true, alwaysLinkToLastBuild: true, allowMissing: false]]]
  assert run.called('publishChecks') == [[name: 'phasegate health', title: 'shop health report', summary: run.file('phasegate-report/phasegate-health.md').text, conclusion: 'NEUTRAL']]
  String page = run.file('phasegate-report/index.html').text
  assert page.contains('<link rel="stylesheet" href="phasegate-report.css" />')
  assert !page.contains('<style') && !page.contains('<script') && !page.contains('style=')
  assert run.file('phasegate-report/phasegate-report.css').text.contains('{')
  assert run.returned == [dir: 'phasegate-report', html: 'phasegate-report/index.html', css: 'phasegate-report/phasegate-report.css', markdown: 'phasegate-report/phasegate-health.md']
}

h.scenario('healthReport without htmlpublisher: the folder is archived instead; no check without checks-api') {
  File ws = recordedRun('report-archive')
  StepRun run = h.step('healthReport', [project: 'shop', reportDir: 'out/health', tier: 'operational'], ws)
  LibraryHarness.succeeded(run)
  assert outcomes(run) == ['archiveArtifacts']
  assert run.called('archiveArtifacts') == [[artifacts: 'out/health/**']]
  assert run.scripts()[1] == h.cli(['report', '--project', 'shop', '--tier', 'operational', '--format', 'html', '--out', 'out/health/index.html', '--html-assets', 'external'])
  assert run.file('out/health/index.html').exists() && run.file('out/health/phasegate-health.md').text.contains('shop')
}

// ---- grayReleaseGate

String decisionOut = 'phasegate-out/release/decision.json'
Closure releaseWs = { String name, String samples ->
  File ws = h.workspace(name, ['release-policy.yaml', 'release-approval-policy.yaml'])
  LibraryHarness.copy(h.canary(samples), new File(ws, 'samples.json'))
  return ws
}
Map release = [project: 'shop', rollout: 'v2', step: 0, policy: 'release-policy.yaml', samples: 'samples.json', startedAt: '2024-05-01T10:00:00Z']
Closure evaluateCommand = { String policy ->
  h.cli(['release', 'evaluate', '--project', 'shop', '--rollout', 'v2', '--step', '0', '--policy', policy, '--samples', 'samples.json',
    '--commit', 'abc123', '--started-at', '2024-05-01T10:00:00Z', '--format', 'json', '--out', decisionOut])
}
String rmDecision = rmPrefix + "'${decisionOut}'"

h.scenario('grayReleaseGate promote: one look, returns the promote decision') {
  StepRun run = h.step('grayReleaseGate', release, releaseWs('promote', 'plus4-more.json'))
  LibraryHarness.succeeded(run)
  assert run.scripts() == [probe, rmDecision, evaluateCommand('release-policy.yaml')]
  assert outcomes(run) == []
  assert run.returned.decision == 'promote' && run.returned.nextStep == 1
  assert run.returned.metrics[0].classification == 'pass'
  assert run.currentBuild.description == 'release step 0: promote'
  assert run.called('echo')[0] ==~ /grayReleaseGate: step 0 of shop\/v2: promote; chain head shop\/v2=[0-9a-f]{64}/
}

h.scenario('grayReleaseGate hold for approval, approved by a named approver: input, release approve, look again, promote') {
  StepRun run = h.step('grayReleaseGate', release + [policy: 'release-approval-policy.yaml', approvalTimeoutMinutes: 5], releaseWs('approved', 'plus4-more.json')) {
    it.inputHandler = { Map args -> 'bob' }
  }
  LibraryHarness.succeeded(run)
  assert run.scripts() == [probe, rmDecision, evaluateCommand('release-approval-policy.yaml'),
    h.cli(['policy', 'explain', '--phase', 'release', '--format', 'json', '--policy', 'release-approval-policy.yaml']),
    h.cli(['release', 'approve', '--project', 'shop', '--rollout', 'v2', '--by', 'bob', '--role', 'release-manager', '--step', '0', '--commit', 'abc123']),
    rmDecision, evaluateCommand('release-approval-policy.yaml')]
  assert outcomes(run) == ['timeout', 'input']
  assert run.called('timeout') == [[time: 5, unit: 'MINUTES']]
  assert run.called('input') == [[message: 'Promote step 0 of shop/v2? step 0 needs 1 approval from alice, bob; 0 counted', ok: 'Approve', submitter: 'alice,bob', submitterParameter: 'approver']]
  assert run.returned.decision == 'promote'
}

h.scenario('grayReleaseGate hold for approval, input returns a map with the approver') {
  StepRun run = h.step('grayReleaseGate', release + [policy: 'release-approval-policy.yaml'], releaseWs('approved-map', 'plus4-more.json')) {
    it.inputHandler = { Map args -> [approver: 'alice', comment: 'looks fine'] }
  }
  LibraryHarness.succeeded(run)
  assert run.script("'approve'").contains("'--by' 'alice' '--role' 'release-manager'")
  assert run.called('timeout') == [[time: 60, unit: 'MINUTES']]
  assert run.returned.decision == 'promote'
}

h.scenario('grayReleaseGate hold for approval, answered by someone the policy does not name: recorded, not counted, asked again') {
  List answers = ['mallory', 'alice']
  StepRun run = h.step('grayReleaseGate', release + [policy: 'release-approval-policy.yaml'], releaseWs('approved-twice', 'plus4-more.json')) {
    it.inputHandler = { Map args -> answers.remove(0) }
  }
  LibraryHarness.succeeded(run)
  assert answers == []
  assert run.called('input').size() == 2
  assert run.scripts().findAll { it.contains("'approve'") }.collect { it.find(/'--by' '[a-z]+' '--role' '[a-z-]+'/) } ==
    ["'--by' 'mallory' '--role' 'unlisted'", "'--by' 'alice' '--role' 'release-manager'"]
  assert run.called('echo').contains("grayReleaseGate: mallory is not among the policy's release approvers; the approval is recorded but does not count")
  assert run.scripts().findAll { it.contains("'evaluate'") }.size() == 3
  assert run.scripts().findAll { it.contains("'explain'") }.size() == 1
  assert run.returned.decision == 'promote'
}

h.scenario('grayReleaseGate hold for approval, rejected: the rollback closure runs, the stage fails, nothing approved') {
  boolean rolledBack = false
  StepRun run = h.step('grayReleaseGate', release + [policy: 'release-approval-policy.yaml', rollback: { rolledBack = true }], releaseWs('rejected', 'plus4-more.json')) {
    it.inputHandler = { Map args -> throw h.rejected('bob') }
  }
  LibraryHarness.failedWith(run, 'grayReleaseGate: step 0 of shop/v2 was rejected by bob; nothing was promoted, the rollback ran')
  assert rolledBack
  assert !run.scripts().any { it.contains("'approve'") }
  assert run.currentBuild.description == 'release step 0: rejected'
}

h.scenario('grayReleaseGate hold for approval, nobody approves in time: error, nothing promoted; an abort is rethrown as is') {
  boolean rolledBack = false
  StepRun run = h.step('grayReleaseGate', release + [policy: 'release-approval-policy.yaml', approvalTimeoutMinutes: 5, rollback: { rolledBack = true }], releaseWs('timeout', 'plus4-more.json')) {
    it.inputHandler = { Map args -> throw h.timedOut() }
  }
  LibraryHarness.failedWith(run, 'grayReleaseGate: nobody approved step 0 of shop/v2 within 5 minutes (approvers: alice,bob); nothing was promoted')
  assert !rolledBack
  Throwable abort = h.aborted()
  StepRun aborted = h.step('grayReleaseGate', release + [policy: 'release-approval-policy.yaml'], releaseWs('abort', 'plus4-more.json')) {
    it.inputHandler = { Map args -> throw abort }
  }
  assert aborted.thrown.is(abort)
  assert aborted.called('error') == []
}

h.scenario('grayReleaseGate hold for data, then the data arrives: sleep pollSeconds, look again, promote') {
  File ws = releaseWs('data', 'plus30-wide.json')
  StepRun run = h.step('grayReleaseGate', release + [pollSeconds: 30], ws) {
    it.sleepHandler = { Map args -> LibraryHarness.copy(h.canary('plus4-more.json'), new File(ws, 'samples.json')) }
  }
  LibraryHarness.succeeded(run)
  assert outcomes(run) == ['sleep']
  assert run.called('sleep') == [[time: 30, unit: 'SECONDS']]
  assert run.scripts().findAll { it.contains("'evaluate'") }.size() == 2
  assert run.called('echo').any { it.startsWith('grayReleaseGate: step 0 of shop/v2 holds: ') && it.endsWith('; looking again in 30 s') }
  assert run.returned.decision == 'promote'
}

h.scenario('grayReleaseGate hold for data until the data timeout: error, nothing promoted') {
  StepRun run = h.step('grayReleaseGate', release + [pollSeconds: 60, dataTimeoutMinutes: 2], releaseWs('data-timeout', 'plus30-wide.json'))
  assert run.called('sleep') == [[time: 60, unit: 'SECONDS'], [time: 60, unit: 'SECONDS']]
  assert run.scripts().findAll { it.contains("'evaluate'") }.size() == 3
  assert run.thrown instanceof PipelineError
  assert run.thrown.message.startsWith('grayReleaseGate: step 0 of shop/v2 still holds after 2 minutes of waiting for data: ')
  assert run.thrown.message.endsWith('; nothing was promoted')
  assert run.thrown.message.contains('latency')
  assert run.result == 'FAILURE'
}

h.scenario('grayReleaseGate rollback: the closure runs, then error() with the reasons; onFail UNSTABLE returns the decision') {
  StepRun holder = null
  List stepsBeforeRollback = null
  StepRun run = h.step('grayReleaseGate', release + [rollback: { stepsBeforeRollback = holder.names().clone() }], releaseWs('rollback', 'plus30.json')) {
    holder = it
  }
  // The rollback ran once, after the look and before the error.
  assert stepsBeforeRollback != null && stepsBeforeRollback.last() == 'echo' && !stepsBeforeRollback.contains('error')
  assert run.called('echo').last().startsWith('grayReleaseGate: rolling step 0 of shop/v2 back: critical metric latency failed: ')
  assert run.thrown instanceof PipelineError
  assert run.thrown.message.startsWith('grayReleaseGate: step 0 of shop/v2 rolled back: critical metric latency failed: ')
  assert run.called('error') == [run.thrown.message]
  assert run.result == 'FAILURE'
  assert run.currentBuild.description == 'release step 0: rollback'

  StepRun soft = h.step('grayReleaseGate', release + [onFail: 'UNSTABLE'], releaseWs('rollback-unstable', 'plus30.json'))
  LibraryHarness.succeeded(soft)
  assert soft.result == 'UNSTABLE' && soft.returned.decision == 'rollback'
  assert soft.called('unstable')[0].startsWith('grayReleaseGate: step 0 of shop/v2 rolled back: critical metric latency failed: ')
}

h.scenario('grayReleaseGate on a step the rollout is past, and could not evaluate: errors') {
  File ws = releaseWs('mismatch', 'plus4-more.json')
  LibraryHarness.succeeded(h.step('grayReleaseGate', release, ws))
  StepRun again = h.step('grayReleaseGate', release, ws)
  LibraryHarness.failedWith(again, 'grayReleaseGate: step 0 of shop/v2 cannot be promoted: the rollout is at step 1, not 0')
  StepRun broken = h.step('grayReleaseGate', release + [policy: 'missing.yaml'], ws)
  LibraryHarness.failedWith(broken, 'grayReleaseGate: step 0 of shop/v2 could not be evaluated (phasegate exit 2, no decision written); the reason is in the log above')
}

h.scenario('grayReleaseGate bad options') {
  File ws = h.workspace('release-options', [])
  LibraryHarness.refusedUpFront(h.step('grayReleaseGate', release + [step: -1], ws), "grayReleaseGate: option 'step' must be a whole number of at least 0; got -1 (Integer)")
  LibraryHarness.refusedUpFront(h.step('grayReleaseGate', release + [step: 'two'], ws), "grayReleaseGate: option 'step' must be a whole number of at least 0; got 'two'")
  LibraryHarness.refusedUpFront(h.step('grayReleaseGate', release.findAll { it.key != 'rollout' }, ws), "grayReleaseGate: option 'rollout' is required: a non-empty string")
  LibraryHarness.refusedUpFront(h.step('grayReleaseGate', release + [rollback: 'kubectl rollout undo'], ws),
    "grayReleaseGate: option 'rollback' must be a closure, e.g. { sh './rollback.sh' }; got 'kubectl rollout undo'")
  LibraryHarness.refusedUpFront(h.step('grayReleaseGate', release + [pollSecond: 5], ws),
    "grayReleaseGate: unknown option 'pollSecond'; did you mean 'pollSeconds'? (options: approvalTimeoutMinutes, commit, dataTimeoutMinutes, node, nodejs, onFail, out, policy, pollSeconds, project, prometheus, queryStep, rollback, rollout, samples, startedAt, step, store, tier, window)")
  boolean called = false
  LibraryHarness.refusedUpFront(h.step('grayReleaseGate', release + [commit: { called = true; 'abc' }], ws),
    "grayReleaseGate: option 'commit' must be a non-empty string; got a closure")
  assert !called
  LibraryHarness.refusedUpFront(h.step('grayReleaseGate', release + [pollSeconds: 0], ws), "grayReleaseGate: option 'pollSeconds' must be a whole number of at least 1; got 0 (Integer)")
}

if (!System.getenv('PHASEGATE_KEEP_WORKSPACES')) h.temporary.each { LibraryHarness.remove(it) }
println "${h.passed} passed, ${h.failed} failed"
System.exit(h.failed == 0 ? 0 : 1)
