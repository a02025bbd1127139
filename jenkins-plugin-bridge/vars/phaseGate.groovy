import io.phasegate.jenkins.GateResult
import io.phasegate.jenkins.Options
import io.phasegate.jenkins.PhasegateCli
import io.phasegate.jenkins.Publisher

/**
 * Evaluates one phase gate with the bundled phasegate CLI, publishes its rules (JUnit, SARIF,
 * a check with the Markdown) and sets the stage's result: warn -> UNSTABLE, fail -> FAILURE (or
 * UNSTABLE with onFail: 'UNSTABLE'), could not evaluate -> FAILURE. Help: phaseGate.txt.
 */
def call(Map config = [:]) {
  Map spec = [
    phase: [type: 'choice', values: ['requirements', 'design', 'implementation', 'testing', 'release'], required: true],
    tier: [type: 'choice', values: ['strategic', 'operational', 'innovation']],
    policy: [type: 'string'],
    evidence: [type: 'string'],
    failOnWarn: [type: 'boolean', default: false],
    project: [type: 'string'],
    store: [type: 'string'],
    plan: [type: 'string'],
    defects: [type: 'string'],
    now: [type: 'string'],
    onFail: [type: 'choice', values: ['FAILURE', 'UNSTABLE'], default: 'FAILURE'],
    outDir: [type: 'string', default: 'phasegate-out'],
    checksName: [type: 'string'],
    _oneOf: [['tier', 'policy']],
  ] + Options.collectSpec() + Options.nodeSpec()
  Map o = Options.validate(this, 'phaseGate', config, spec)

  PhasegateCli cli = new PhasegateCli(this, 'phaseGate')
  cli.prepare(o)

  String phase = o.phase
  String base = "${o.outDir}/${phase}/phasegate-${phase}"
  Map files = [json: "${base}.json", junit: "${base}-junit.xml", sarif: "${base}.sarif", markdown: "${base}.md"]
  // A verdict left by an earlier run must not pass for this one's.
  cli.remove([files.json, files.junit, files.sarif, files.markdown])

  List args = ['gate', '--phase', phase]
  PhasegateCli.addOne(args, '--tier', o.tier)
  PhasegateCli.addOne(args, '--policy', o.policy)
  PhasegateCli.addOne(args, '--evidence', o.evidence)
  PhasegateCli.addCollect(args, o)
  if (o.failOnWarn) args.add('--fail-on-warn')
  PhasegateCli.addOne(args, '--project', o.project)
  PhasegateCli.addOne(args, '--store', o.store ?: env.PHASEGATE_STORE)
  PhasegateCli.addOne(args, '--plan', o.plan)
  PhasegateCli.addOne(args, '--defects', o.defects)
  PhasegateCli.addOne(args, '--now', o.now)
  args.addAll(['--format', 'text',
    '--output', "json=${files.json}".toString(), '--output', "junit=${files.junit}".toString(),
    '--output', "sarif=${files.sarif}".toString(), '--output', "markdown=${files.markdown}".toString()])

  int code = cli.run(args)
  Map verdict = (Map) cli.readJson(files.json)
  String outcome = GateResult.outcome(code, verdict)
  String message = GateResult.message('phaseGate', phase, outcome, code, verdict)

  // Publish before deciding, so a failing gate still shows its rules.
  Publisher publisher = new Publisher(this)
  if (fileExists(files.junit)) publisher.junit(files.junit)
  if (fileExists(files.sarif)) publisher.sarif(files.sarif, "phasegate-${phase}", "phasegate ${phase} gate")
  if (fileExists(files.markdown)) {
    publisher.checks(o.checksName ?: "phasegate ${phase}", "${phase} gate: ${outcome}", files.markdown, GateResult.conclusion(outcome))
  }
  publisher.describe("${phase}: ${outcome}")

  if (outcome == 'error') {
    error(message)
  } else if (outcome == 'fail') {
    if (o.onFail == 'UNSTABLE') {
      unstable(message)
    } else {
      error(message)
    }
  } else if (outcome == 'warn') {
    unstable(message)
  } else {
    echo(message)
  }
  return [status: outcome, exitCode: code, files: files]
}
